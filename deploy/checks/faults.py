"""The portal under failing services, as production runs it (issue #10).

Runs gunicorn (2 sync workers, production settings) on PostgreSQL with the
demo content, a private Redis, a mail server that never answers and a tiny
full disk for uploads, then breaks them one by one and checks the answers:

- Redis stopped, then hanging (SIGSTOP): every page renders uncached within
  2 s, logins work, forms save, the login lock holds, /healthz says "cache";
  when Redis returns the site uses it again by itself.
- SMTP hanging: forms answer at once (mail waits in the queue); the real
  worker (`manage.py db_worker`) tries, records the error and plans a retry.
- Disk full: an upload gets the Dutch 507 page; no file and no row are left.
- PostgreSQL away (the connection to it is cut): 503 with Retry-After for a
  page not in the page cache (pages in it are still served), and /healthz
  says "database"; back when the database returns.
- /healthz: 200 when all is well, never cached, never logged by the portal.

PostgreSQL is reached through a forwarder this script owns, so "PostgreSQL
away" never touches the machine's server. The upload disk is a 1 MB tmpfs;
(mounted over MEDIA_ROOT/documents/ for that check only); where mounting is not
allowed the disk check is skipped with the reason (the
fake-storage test tests/portal/test_uploads.py covers it in the suite).

Usage: .venv/bin/python deploy/checks/faults.py
(FAULTS_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_faults:
the database is dropped and made afresh.) Every process it starts, it stops by
its PID.
"""

import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.checks.common import (  # noqa: E402
    PYTHON,
    REDIS,
    ROOT,
    Failures,
    Processes,
    free_port,
    get,
    portal_env,
    say,
    start_gunicorn,
    wait_for_port,
    workspace,
)

BOUND_SECONDS = 2.0
ADMIN_EMAIL, ADMIN_PASSWORD = "beheer@faults.example", "Storing-beheer-2026!"
EDITOR_EMAIL, EDITOR_PASSWORD = "redactie@faults.example", "Storing-redactie-2026!"
PAGES = [
    "/",
    "/praktijkvoorbeelden/",
    "/netwerk/",
    "/ervaringen/",
    "/toolkit/",
    "/veelgestelde-vragen/",
    "/zoeken/?q=plein",
    "/netwerk/aansluiten/",
]
FORM_ENCODED = "application/x-www-form-urlencoded"
MINIMAL_PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"


# Services this script owns ---------------------------------------------------


class Forwarder:
    """A TCP forwarder to PostgreSQL that can cut every connection at will."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.pairs = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, server))
            threading.Thread(
                target=self._pump, args=(client, server), daemon=True
            ).start()

    def _pump(self, client, server):
        sockets = [client, server]
        try:
            while True:
                readable, _w, _x = select.select(sockets, [], [], 1)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (server if source is client else client).sendall(data)
        except OSError:
            return
        finally:
            client.close()
            server.close()

    def cut(self):
        self.open = False
        with self.lock:
            for client, server in self.pairs:
                for end in (client, server):
                    try:
                        end.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    end.close()
            self.pairs.clear()

    def restore(self):
        self.open = True

    def close(self):
        self.cut()
        self.listener.close()


class SilentSmtp:
    """A mail server that accepts connections and never says a word."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        for connection in self.held:
            connection.close()
        self.listener.close()


# A small HTTP client with cookies and CSRF --------------------------------------


class Browser:
    def __init__(self, base, headers=None):
        self.base = base
        self.cookies = {}
        self.headers = headers or {}

    def request(self, path, data=None, content_type=None, timeout=10.0):
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            headers["Content-Type"] = (
                content_type or "application/x-www-form-urlencoded"
            )
            headers["Origin"] = self.base
            headers["Referer"] = self.base + path
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=data, headers=headers
        )
        opener = urllib.request.build_opener(_NoRedirect)
        started = time.monotonic()
        try:
            response = opener.open(request, timeout=timeout)
            status, reply_headers, body = (
                response.status,
                response.headers,
                response.read(),
            )
        except urllib.error.HTTPError as error:
            status, reply_headers, body = error.code, error.headers, error.read()
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            return None, {}, "", time.monotonic() - started
        for cookie in reply_headers.get_all("Set-Cookie") or []:
            name, _eq, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return (
            status,
            reply_headers,
            body.decode(errors="replace"),
            (time.monotonic() - started),
        )

    def csrf(self, path):
        return self.form_tokens(path)["csrfmiddlewaretoken"]

    def form_tokens(self, path):
        """The CSRF token and, where the form has one, its one-time token."""
        _status, _headers, body, _seconds = self.request(path)
        tokens = {}
        for name in ("csrfmiddlewaretoken", "form_token"):
            match = re.search(rf'name="{name}" value="([^"]+)"', body)
            if match:
                tokens[name] = match.group(1)
        tokens.setdefault("csrfmiddlewaretoken", "")
        return tokens

    def post(self, path, fields, form_path=None):
        tokens = self.form_tokens(form_path or path)
        data = urllib.parse.urlencode({**fields, **tokens})
        return self.request(path, data.encode())

    def post_file(self, path, fields, file_field, filename, content):
        token = self.csrf(path)
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {**fields, "csrfmiddlewaretoken": token}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            path, b"".join(parts), f"multipart/form-data; boundary={boundary}"
        )

    def login(self, email, password, url="/admin/login/"):
        return self.post(url, {"username": email, "password": password})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Set-up ------------------------------------------------------------------------


def manage(env, *args, timeout=600):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def fresh_database(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"portal_[a-z0-9_]+", name):
        raise RuntimeError(f"refusing to recreate database {name!r}")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts


def mount_full_disk(folder):
    """A 1 MB tmpfs, filled up; None (with the reason) where mounting is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(  # noqa: S603
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(folder)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        return f"mounting a tmpfs is not allowed here ({mounted.stderr.strip()})"
    with open(folder / "filler.bin", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    return None


def files_under(folder):
    return sorted(
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
    )


def shell(env, code):
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


# The checks ---------------------------------------------------------------------


def check_pages(failures, base, label, baseline=None):
    """Every page answers 200 within the bound; returns the time of each page.

    The absolute bound holds on a machine that is not busy with other work; on a
    busy one (load above its cores) only what the fault adds is bounded: the
    time beyond the same page's time in `baseline`.
    """
    timings, bad = {}, []
    for path in PAGES:
        status, _headers, _body, seconds = get(base + path, timeout=10)
        timings[path] = seconds
        if status != 200:
            bad.append(f"{path} {status}")
    slowest = max(timings, key=timings.get)
    busy = os.getloadavg()[0] > (os.cpu_count() or 1)
    within = timings[slowest] < BOUND_SECONDS
    note = ""
    if busy and baseline:
        added = max(timings[path] - baseline[path] for path in PAGES)
        within = within or added < BOUND_SECONDS / 2
        note = f"; machine busy, the fault added {added:.2f} s at most"
    failures.check(
        not bad and within,
        f"{label}: {len(PAGES)} pages answer 200 "
        f"(slowest {slowest} in {timings[slowest]:.2f} s{note})"
        + (f"; not 200: {bad}" if bad else ""),
    )
    return timings


def check_healthz(failures, base, expected_status, failing, label):
    status, headers, body, seconds = get(base + "/healthz", timeout=10)
    answer = json.loads(body or b"{}")
    failures.check(
        status == expected_status
        and answer.get("failing") == failing
        and "no-store" in (headers.get("Cache-Control") or "")
        and seconds < BOUND_SECONDS,
        f"{label}: /healthz {status} {answer} in {seconds:.2f} s",
    )


def check_logins_forms_and_locks(failures, base, label):
    admin = Browser(base)
    status, _h, _b, _s = admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    home_status = admin.request("/admin/")[0]
    failures.check(status == 302 and home_status == 200, f"{label}: an editor logs in")
    visitor = Browser(base)
    status, _h, body, seconds = visitor.post(
        "/contact/",
        {
            "naam": "Storingstest",
            "e_mailadres": "test@faults.example",
            "onderwerp": "Vraag over pleinmakers",
            "bericht": f"Bericht tijdens {label}",
            "privacy": "on",
        },
    )
    failures.check(
        status == 200 and "Bedankt" in body and seconds < BOUND_SECONDS,
        f"{label}: the contact form saves ({status}, {seconds:.2f} s)",
    )
    attacker = Browser(base)
    for _attempt in range(5):
        attacker.login(EDITOR_EMAIL, "verkeerd")
    status = attacker.login(EDITOR_EMAIL, EDITOR_PASSWORD)[0]
    failures.check(status == 429, f"{label}: the login lock holds ({status})")


def main():
    failures = Failures()
    processes = Processes()
    database_url = os.environ.get(
        "FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_faults"
    )
    with workspace("portal-faults-") as folder:
        forwarder = smtp = None
        media = folder / "media"
        try:
            started = time.monotonic()
            parts = fresh_database(database_url)
            forwarder = Forwarder(parts.port or 5432)
            smtp = SilentSmtp()
            redis_port = free_port()
            app_port = free_port()
            env = portal_env(
                DATABASE_URL=parts._replace(
                    netloc=f"{parts.username}@127.0.0.1:{forwarder.port}"
                ).geturl(),
                REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(smtp.port),
                EMAIL_USE_TLS="false",
                EMAIL_TIMEOUT="2",
                MEDIA_ROOT=str(media),
                STATIC_ROOT=str(folder / "static"),
                PORTAL_CACHE_BREAKER_SECONDS="3",
                PORTAL_TRUSTED_PROXY_COUNT="0",
                PORTAL_BASE_URL=f"http://127.0.0.1:{app_port}",
                DEMO_ADMIN_EMAIL=ADMIN_EMAIL,
                DEMO_ADMIN_PASSWORD=ADMIN_PASSWORD,
                DEMO_EDITOR_EMAIL=EDITOR_EMAIL,
                DEMO_EDITOR_PASSWORD=EDITOR_PASSWORD,
            )
            redis = processes.start(
                [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1"]
                + ["--save", "", "--appendonly", "no"]
            )
            wait_for_port(redis_port, process=redis)
            say("migrate, demo content, collectstatic")
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "load_demo")
            manage(env, "collectstatic", "--noinput", "-v0")
            say(f"set-up took {time.monotonic() - started:.0f} s")
            log = folder / "gunicorn.log"
            start_gunicorn(processes, app_port, env, log, access_log=False)
            base = f"http://127.0.0.1:{app_port}"

            say("everything up")
            check_pages(failures, base, "all up")
            check_healthz(failures, base, 200, [], "all up")

            say("Redis stopped")
            processes.stop(redis)
            uncached = check_pages(failures, base, "Redis stopped")
            check_healthz(failures, base, 503, ["cache"], "Redis stopped")
            check_logins_forms_and_locks(failures, base, "Redis stopped")

            say("Redis hanging (SIGSTOP)")
            redis = processes.start(
                [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1"]
                + ["--save", "", "--appendonly", "no"]
            )
            wait_for_port(redis_port, process=redis)
            time.sleep(3.5)  # the breaker's pause ends: the portal tries Redis
            os.kill(redis.pid, signal.SIGSTOP)
            check_pages(failures, base, "Redis hanging", baseline=uncached)
            check_healthz(failures, base, 503, ["cache"], "Redis hanging")

            say("Redis back (SIGCONT)")
            os.kill(redis.pid, signal.SIGCONT)
            check_healthz(failures, base, 200, [], "Redis back")
            time.sleep(3.5)
            check_pages(failures, base, "Redis back")
            import redis as redis_client

            keys = redis_client.Redis(port=redis_port).dbsize()
            failures.check(keys > 0, f"Redis back: the portal uses it again ({keys})")

            say("SMTP hanging: the real worker tries the queued mail")
            worker_started = time.monotonic()
            manage(env, "db_worker", "--batch", "--no-startup-delay", timeout=300)
            states = json.loads(
                shell(
                    env,
                    "import json; from portal.models import OutgoingMail as M; "
                    "print(json.dumps([(m.state, m.attempts, m.last_error[:60]) "
                    "for m in M.objects.all()]))",
                )
            )
            failures.check(
                states
                and all(
                    state == "queued" and attempts == 1 and error
                    for state, attempts, error in states
                ),
                f"SMTP hanging: {len(states)} mails tried once, kept for a retry "
                f"({time.monotonic() - worker_started:.0f} s; e.g. {states[:1]})",
            )

            # Uploaded documents go to MEDIA_ROOT/documents/: a full disk there.
            uploads = media / "documents"
            disk_refused = mount_full_disk(uploads)
            if disk_refused:
                say(f"disk check skipped: {disk_refused}")
            else:
                say("upload disk full")
                before = files_under(uploads)
                admin = Browser(base)
                admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
                status, _h, body, _s = admin.post_file(
                    "/admin/documents/add/",
                    {"title": "Vol", "collection": "1", "document_type": "rapport"},
                    "file",
                    "vol.pdf",
                    MINIMAL_PDF,
                )
                rows = shell(
                    env,
                    "from portal.models import ToolkitDocument as D; "
                    "print(D.objects.filter(title='Vol').count())",
                )
                failures.check(
                    status == 507 and "opslag van de website is vol" in body,
                    f"disk full: the upload gets the Dutch 507 page ({status})",
                )
                failures.check(
                    files_under(uploads) == before and rows == "0",
                    "disk full: no file and no row left behind",
                )
                subprocess.run(["umount", str(uploads)], check=True)  # noqa: S603, S607

            say("PostgreSQL away (connections cut)")
            get(base + "/", timeout=10)  # in the page cache before the cut
            forwarder.cut()
            # A page the page cache does not hold (its own query string) needs
            # the database; one it holds is still served.
            status, headers, body, seconds = get(base + "/?buiten-cache=1", timeout=10)
            failures.check(
                status == 503
                and headers.get("Retry-After")
                and "Even niet bereikbaar" in body.decode()
                and seconds < BOUND_SECONDS,
                f"PostgreSQL away: an uncached page answers {status} with "
                f"Retry-After {headers.get('Retry-After')} in {seconds:.2f} s",
            )
            status, *_rest = get(base + "/", timeout=10)
            failures.check(
                status == 200, f"PostgreSQL away: the cached home page answers {status}"
            )
            check_healthz(failures, base, 503, ["database"], "PostgreSQL away")
            forwarder.restore()
            check_pages(failures, base, "PostgreSQL back")

            logged = log.read_text()
            failures.check(
                "healthz" not in logged,
                "the portal logs no line per /healthz call",
            )
        finally:
            processes.stop_all()
            for service in (forwarder, smtp):
                if service:
                    service.close()
            if (media / "documents").is_mount():
                subprocess.run(["umount", str(media / "documents")], check=False)  # noqa: S603, S607
    failures.exit("fault check")


if __name__ == "__main__":
    main()
