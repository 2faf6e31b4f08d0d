"""Two app servers that behave as one (issue #17, part 5).

Starts what the README's production layout has, privately and on free ports:
one PostgreSQL database (CLUSTER_DATABASE_URL, made afresh, migrated, with the
demo), a private Redis, an S3-compatible object store (moto in server mode,
through the django-storages settings), two gunicorn instances A and B with the
same production settings, one task worker (`manage.py db_worker`) and nginx in
front with deploy/nginx/portal.conf.template listing both. Then it shows:

- publish:  an editor publishes a page through A's admin (the real form);
            the new title shows through B and through the proxy within 1 s
            (the seconds are printed; the purge is a task of the worker);
- lock:     5 failed logins spread over A and B lock the account, and the
            contact form's limit (5 an hour per address) counts over both;
- photo:    an image uploaded through A's admin lands in the object store, and
            B renders it (a rendition made from the stored original);
- session:  a member who logged in on A sees their dashboard on B;
- failover: A is killed (SIGKILL, workers too) while GETs and contact forms go
            through the proxy: every GET succeeds (B answers), every form
            answered with success is saved exactly once, none twice; a form
            that got an error is sent again as a visitor would, with its token.

Usage: .venv/bin/python deploy/checks/cluster.py [--quick]
--quick runs the checks only (CI); without it (`make bench-cluster`) it also
measures requests/s with wrk through the proxy against A+B and against A alone.
CLUSTER_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_cluster:
the database is dropped and made afresh. Every process it starts, it stops by
its PID.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.checks.common import (  # noqa: E402
    PYTHON,
    REDIS,
    Failures,
    Processes,
    free_port,
    get,
    portal_env,
    render_nginx,
    say,
    start_gunicorn,
    start_nginx,
    start_worker,
    wait_for_port,
    workspace,
)
from deploy.checks.faults import Browser, fresh_database, manage  # noqa: E402
from deploy.checks.front_cache import python  # noqa: E402

VISIBLE_WITHIN_SECONDS = 1.0
ADMIN_EMAIL, ADMIN_PASSWORD = "beheer@cluster.example", "Cluster-beheer-2026!"
MEMBER_EMAIL, MEMBER_PASSWORD = "lid@cluster.example", "Cluster-lid-2026!"
LOCKED_EMAIL, LOCKED_PASSWORD = "slot@cluster.example", "Cluster-slot-2026!"
LOCK_MESSAGE = "Er werd te vaak een verkeerd wachtwoord ingegeven voor dit account"
BUCKET = "portal-cluster"
S3_KEYS = {"S3_ACCESS_KEY_ID": "cluster", "S3_SECRET_ACCESS_KEY": "cluster-secret"}
WRK = shutil.which("wrk") or "/usr/bin/wrk"

SET_UP = """
import json
import sys
from wagtail.models import Site
from network.factories import MemberFactory
from portal.factories import ContentPageFactory

home = Site.objects.get(is_default_site=True).root_page.specific
# No body: the check publishes it through the admin's form, whose StreamField
# the admin's JavaScript would fill in.
page = ContentPageFactory.build(title="Eerste versie", slug="cluster-check", body=[])
home.add_child(instance=page)
page.save_revision().publish()
member, member_password, locked, locked_password = sys.argv[-4:]
for email, password, first_name in (
    (member, member_password, "Clusterlid"),
    (locked, locked_password, "Slotlid"),
):
    member = MemberFactory(email=email, first_name=first_name)
    member.set_password(password)
    member.save()
print(json.dumps({"path": page.url, "id": page.pk}))
"""

SUBMISSIONS = """
import json
from collections import Counter
from portal.models import ContactSubmission

print(json.dumps(Counter(
    s.form_data.get("bericht", "") for s in ContactSubmission.objects.all()
)))
"""

IMAGE = """
import json
from wagtail.images import get_image_model

image = get_image_model().objects.get(title="Clusterfoto")
print(json.dumps({"id": image.pk, "name": image.file.name}))
"""


def start_moto(processes, folder):
    """moto's S3 in server mode on a free port, with the portal's bucket."""
    import boto3

    port = free_port()
    process = processes.start(
        [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        log=folder / "moto.log",
    )
    wait_for_port(port, process=process)
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=S3_KEYS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=BUCKET)
    return endpoint, client


def wait_for_queue(database_url, timeout=180):
    """Until the task worker has done the set-up's backlog (the demo queues a
    few hundred index updates and purges): a publish's purge is a task too
    (wagtail.contrib.frontend_cache), and must not wait behind them."""
    import psycopg

    started = time.monotonic()
    with psycopg.connect(database_url, autocommit=True) as connection:
        while time.monotonic() - started < timeout:
            waiting = connection.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()[0]
            if not waiting:
                return time.monotonic() - started
            time.sleep(0.5)
    raise RuntimeError(f"the task worker still has {waiting} tasks after {timeout} s")


def children_of(pid):
    """The PIDs whose parent is `pid` (gunicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command may hold spaces or brackets: the fields follow the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def kill_instance(process):
    """SIGKILL for gunicorn's master and its workers at once: a crash, not a
    graceful stop, so requests in flight are cut off."""
    workers = children_of(process.pid)
    for pid in [process.pid, *workers]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait(timeout=10)
    return len(workers)


def visitor(base, number):
    """A browser behind the load balancer, with an address of its own."""
    return Browser(
        base, headers={"X-Forwarded-For": f"10.17.{number // 250}.{number % 250 + 1}"}
    )


# The checks ----------------------------------------------------------------


def admin_form(browser, path):
    """The fields of the admin's form at `path` as a browser would post them
    (the StreamField's, which the admin's JavaScript adds, left out)."""
    from bs4 import BeautifulSoup

    _status, _headers, body, _s = browser.request(path)
    form = BeautifulSoup(body, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type")
        if not name or kind in ("submit", "button", "file"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def check_publish(failures, editor, a, b, proxy, made):
    path = made["path"]
    for base in (a, b, proxy, proxy):  # both page caches and nginx hold it
        get(base + path, timeout=10)
    title = f"Gepubliceerd via A {uuid.uuid4().hex[:6]}"
    edit = f"/admin/pages/{made['id']}/edit/"
    fields = admin_form(editor, edit)
    fields.update(title=title, **{"body-count": "0", "action-publish": "1"})
    posted = time.monotonic()
    status = editor.request(edit, urllib.parse.urlencode(fields).encode())[0]
    published = time.monotonic()
    failures.check(
        status == 302,
        f"publish: the editor publishes through A's admin ({status}, "
        f"{published - posted:.2f} s)",
    )
    seen, trace = {}, []
    while len(seen) < 2 and time.monotonic() - published < 10:
        for label, base in (("B", b), ("proxy", proxy)):
            if label not in seen:
                _status, headers, body, _s = get(base + path, timeout=5)
                if title.encode() in body:
                    seen[label] = time.monotonic() - published
                elif label == "proxy" and len(trace) < 5:
                    trace.append(
                        (
                            headers.get("X-Front-Cache"),
                            headers.get("Age"),
                            headers.get("Cache-Control"),
                        )
                    )
        time.sleep(0.02)
    if "proxy" not in seen or seen["proxy"] > VISIBLE_WITHIN_SECONDS:
        say(f"proxy answers meanwhile: {trace}")
    for label in ("B", "proxy"):
        seconds = seen.get(label)
        failures.check(
            seconds is not None and seconds <= VISIBLE_WITHIN_SECONDS,
            f"publish: the new title shows through {label} "
            + (f"{seconds:.2f} s" if seconds is not None else "not within 10 s")
            + f" after A answered (bound {VISIBLE_WITHIN_SECONDS} s)",
        )


def check_login_lock(failures, a, b):
    results = []
    for attempt in range(5):
        base = (a, b)[attempt % 2]
        browser = Browser(base)
        status = browser.post(
            "/account/aanmelden/",
            {"username": LOCKED_EMAIL, "password": f"verkeerd-{attempt}"},
        )[0]
        results.append(f"{'AB'[attempt % 2]}:{status}")
    refused = []
    for label, base in (("A", a), ("B", b)):
        status, _headers, body, _s = Browser(base).post(
            "/account/aanmelden/",
            {"username": LOCKED_EMAIL, "password": LOCKED_PASSWORD},
        )
        refused.append((label, status, LOCK_MESSAGE in body))
    failures.check(
        all(status == 429 and message for _label, status, message in refused),
        "lock: 5 failed logins spread over A and B "
        f"({' '.join(results)}) lock the account: the right password then gets "
        f"{', '.join(f'{label} {status}' for label, status, _m in refused)} "
        "with the Dutch lock message",
    )


def check_rate_limit(failures, a, b):
    """The contact form takes 5 messages an hour from one address: spread over
    A and B, the sixth is refused, by either."""
    statuses = []
    for attempt in range(6):
        label, base = (("A", a), ("B", b))[attempt % 2]
        # As nginx passes it on: the visitor's address, then the load balancer.
        sender = Browser(base, headers={"X-Forwarded-For": "10.18.0.1, 10.0.0.1"})
        status, _headers, body, _s = sender.post(
            "/contact/",
            {
                "naam": "Limiettest",
                "e_mailadres": "limiet@cluster.example",
                "onderwerp": "Vraag over pleinmakers",
                "bericht": f"Limietbericht {attempt}",
                "privacy": "on",
            },
        )
        thanked = status == 200 and "Bedankt voor je bericht" in body
        statuses.append(
            f"{label}:{status if thanked or status == 429 else f'{status}?'}"
        )
    failures.check(
        statuses[-1].endswith(":429")
        and all(status.endswith(":200") for status in statuses[:-1]),
        f"rate limit: 6 contact messages from one address over A and B "
        f"({' '.join(statuses)}): the sixth is refused",
    )


def test_image():
    from io import BytesIO

    from PIL import Image

    picture = Image.new("RGB", (640, 480), (40, 120, 200))
    output = BytesIO()
    picture.save(output, "JPEG", quality=85)
    return output.getvalue()


def check_photo(failures, env, admin, b, s3):
    status, _headers, _body, _s = post_image(admin, "/admin/images/add/")
    image = json.loads(python(env, IMAGE))
    stored = s3.list_objects_v2(Bucket=BUCKET, Prefix=image["name"]).get("KeyCount")
    failures.check(
        status in (200, 302) and stored == 1,
        f"photo: an image uploaded through A's admin ({status}) is in the object "
        f"store ({image['name']})",
    )
    # B, with the same editor's session, shows the image's page: it makes a
    # rendition from the original in the object store and links to it there.
    on_b = Browser(b)
    on_b.cookies = dict(admin.cookies)
    status, _headers, body, _s = on_b.request(f"/admin/images/{image['id']}/")
    urls = [
        urllib.parse.unquote(url.replace("&amp;", "&"))
        for url in re.findall(r'src="([^"]+)"', body)
        if BUCKET in url and "images/" in url
    ]
    served = get(urls[0], timeout=10) if urls else (None, {}, b"", 0)
    failures.check(
        status == 200
        and served[0] == 200
        and served[1].get("Content-Type", "").startswith("image/"),
        f"photo: B renders it ({status}) from the object store, which serves "
        f"its rendition ({served[0]}, {served[1].get('Content-Type')}, "
        f"{len(served[2])} bytes)",
    )


def post_image(browser, path):
    token = browser.csrf(path)
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
        f"\r\n\r\n{value}\r\n".encode()
        for name, value in {
            "csrfmiddlewaretoken": token,
            "title": "Clusterfoto",
            "collection": "1",
        }.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        'filename="clusterfoto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        + test_image()
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return browser.request(
        path, b"".join(parts), f"multipart/form-data; boundary={boundary}"
    )


def check_session(failures, a, b, proxy):
    member = Browser(a)
    status = member.post(
        "/account/aanmelden/",
        {"username": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
    )[0]
    answers = []
    for label, base in (("B", b), ("the proxy", proxy)):
        on = Browser(base)
        on.cookies = dict(member.cookies)
        got, _headers, body, _s = on.request("/account/")
        answers.append((label, got, "Clusterlid" in body))
    failures.check(
        status == 302 and all(got == 200 and named for _l, got, named in answers),
        f"session: a member logged in on A ({status}) sees their dashboard on "
        + ", ".join(f"{label} ({got})" for label, got, _n in answers),
    )


class Stream:
    """GETs and contact forms through the proxy, from several threads."""

    def __init__(self, proxy):
        self.proxy = proxy
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.gets = []  # (path, status)
        self.forms = {}  # message -> [statuses of each try]
        self.threads = []

    def start(self, getters=3, posters=3):
        for number in range(getters):
            self.threads.append(threading.Thread(target=self.get_loop, args=(number,)))
        for number in range(posters):
            self.threads.append(threading.Thread(target=self.post_loop, args=(number,)))
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def get_loop(self, number):
        paths = ["/", "/praktijkvoorbeelden/", "/netwerk/", "/ervaringen/"]
        count = 0
        while not self.stop.is_set():
            # A query string of its own: past nginx's cache, to an app server.
            path = f"{paths[count % len(paths)]}?stroom={number}-{count}"
            status = get(self.proxy + path, timeout=20)[0]
            with self.lock:
                self.gets.append((path, status))
            count += 1

    def post_loop(self, number):
        count = 0
        while not self.stop.is_set():
            browser = visitor(self.proxy, number * 1000 + count)
            message = f"Clusterbericht {number}-{count}"
            tokens = browser.form_tokens("/contact/")
            fields = {
                "naam": "Clustertest",
                "e_mailadres": f"bericht{number}-{count}@cluster.example",
                "onderwerp": "Vraag over pleinmakers",
                "bericht": message,
                "privacy": "on",
                **tokens,
            }
            statuses = []
            # An error page: the visitor sends the same form again (the browser
            # keeps its fields and hidden tokens), at most three times.
            for _try in range(3):
                status, _headers, body, _s = browser.request(
                    "/contact/", urllib.parse.urlencode(fields).encode(), timeout=20
                )
                success = status == 200 and "Bedankt voor je bericht" in body
                statuses.append(status if success else f"{status}!")
                if success:
                    break
                time.sleep(0.2)
            with self.lock:
                self.forms[message] = statuses
            count += 1


FORM_POST = '"POST /contact/'


def answered_by(log, marker):
    return sum(1 for line in log.read_text().splitlines() if marker in line)


def check_failover(failures, env, a_process, a_log, b_log, proxy):
    stream = Stream(proxy)
    stream.start()
    # Kill A once it is busy with the stream: it has answered GETs and forms.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
        answered_by(a_log, "stroom=") >= 2 and answered_by(a_log, FORM_POST) >= 1
    ):
        time.sleep(0.1)
    with stream.lock:
        before = len(stream.gets), len(stream.forms)
    workers = kill_instance(a_process)
    killed = time.monotonic()
    say(
        f"failover: A killed (master and {workers} workers) after {before[0]} GETs "
        f"and {before[1]} forms"
    )
    # Then until B has carried the stream for a while.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with stream.lock:
            after = len(stream.gets) - before[0], len(stream.forms) - before[1]
        if after[0] >= 6 and after[1] >= 4 and time.monotonic() - killed > 3:
            break
        time.sleep(0.1)
    stream.finish()
    a_answered = answered_by(a_log, "stroom=")
    failures.check(
        a_answered > 0,
        f"failover: A answered {a_answered} GETs and "
        f"{answered_by(a_log, FORM_POST)} forms before it was killed",
    )
    bad_gets = [(path, status) for path, status in stream.gets if status != 200]
    failures.check(
        not bad_gets and len(stream.gets) > before[0],
        f"failover: all {len(stream.gets)} GETs through the proxy succeeded, "
        f"{len(stream.gets) - before[0]} of them after A died"
        + (f"; failed: {bad_gets[:5]}" if bad_gets else ""),
    )
    saved = json.loads(python(env, SUBMISSIONS))
    answered = {m: s for m, s in stream.forms.items() if not str(s[-1]).endswith("!")}
    retried = {m: s for m, s in stream.forms.items() if len(s) > 1}
    lost = [m for m in answered if saved.get(m, 0) != 1]
    twice = [m for m, n in saved.items() if m.startswith("Clusterbericht") and n > 1]
    unanswered = [m for m in stream.forms if m not in answered]
    failures.check(
        answered and not lost and not twice and not unanswered,
        f"failover: {len(answered)} of {len(stream.forms)} forms answered with "
        f"success, each saved exactly once; none saved twice; "
        f"{len(retried)} got an error first and were sent again "
        f"({list(retried.values())[:3]})"
        + (f"; not saved once: {lost[:5]}" if lost else "")
        + (f"; saved twice: {twice[:5]}" if twice else "")
        + (f"; never answered: {unanswered[:5]}" if unanswered else ""),
    )
    say(
        f"failover: B answered {answered_by(b_log, FORM_POST)} forms in "
        f"all; the stream ran {time.monotonic() - killed:.1f} s after the kill"
    )


# wrk -------------------------------------------------------------------------


def wrk(url, headers=(), seconds=5):
    args = [WRK, "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for header in headers:
        args += ["-H", header]
    result = subprocess.run(  # noqa: S603
        [*args, url], capture_output=True, text=True, check=True
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", result.stdout).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    return rate, p99, int(errors.group(1)) if errors else 0


def bench(proxy_both, proxy_a, session_cookie):
    """Requests/s through the proxy with A and B behind it, and with A alone."""
    if not Path(WRK).exists():
        sys.exit("wrk is missing: apt-get install wrk")
    cases = [
        ("home, front cache", "/", ()),
        ("listing, filtered", "/praktijkvoorbeelden/?pagina=2", ()),
        ("member dashboard", "/account/", (f"Cookie: {session_cookie}",)),
    ]
    say(
        f"wrk, 16 connections, 5 s a run; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print(
        f"  {'page':<22}{'A+B req/s':>11}{'p99 ms':>9}{'A req/s':>11}{'p99 ms':>9}"
        f"{'A+B/A':>8}",
        flush=True,
    )
    for label, path, headers in cases:
        get(proxy_both + path, headers=dict([h.split(": ", 1) for h in headers]))
        both = wrk(proxy_both + path, headers)
        alone = wrk(proxy_a + path, headers)
        errors = both[2] + alone[2]
        print(
            f"  {label:<22}{both[0]:>11.0f}{both[1]:>9.1f}{alone[0]:>11.0f}"
            f"{alone[1]:>9.1f}{both[0] / alone[0]:>8.2f}"
            + (f"  ({errors} non-2xx)" if errors else ""),
            flush=True,
        )


# Main ------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the checks only")
    options = parser.parse_args()
    failures = Failures()
    processes = Processes()
    database_url = os.environ.get(
        "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_cluster"
    )
    with workspace("portal-cluster-") as folder:
        try:
            started = time.monotonic()
            fresh_database(database_url)
            redis_port, a_port, b_port = free_port(), free_port(), free_port()
            proxy_port = free_port()
            proxy = f"http://127.0.0.1:{proxy_port}"
            redis = processes.start(
                [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1"]
                + ["--save", "", "--appendonly", "no"]
            )
            wait_for_port(redis_port, process=redis)
            endpoint, s3 = start_moto(processes, folder)
            env = portal_env(
                DATABASE_URL=database_url,
                REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
                S3_BUCKET=BUCKET,
                S3_ENDPOINT_URL=endpoint,
                S3_REGION="us-east-1",
                **S3_KEYS,
                STATIC_ROOT=str(folder / "static"),
                MEDIA_ROOT=str(folder / "media-unused"),
                # A load balancer in front of nginx: the visitor's address is
                # the second from the right in X-Forwarded-For.
                PORTAL_TRUSTED_PROXY_COUNT="2",
                PORTAL_BASE_URL=proxy,
                PORTAL_FRONTEND_CACHE_URL=f"{proxy}/_purge",
                DJANGO_CSRF_TRUSTED_ORIGINS=proxy,
                DEMO_ADMIN_EMAIL=ADMIN_EMAIL,
                DEMO_ADMIN_PASSWORD=ADMIN_PASSWORD,
            )
            for args in (
                ("migrate", "--noinput", "-v0"),
                ("load_demo",),  # its images go into the object store
                ("collectstatic", "--noinput", "-v0"),
            ):
                step = time.monotonic()
                manage(env, *args)
                say(f"{args[0]}: {time.monotonic() - step:.0f} s")
                if args[0] == "migrate":
                    # The one task worker; it works through the demo's tasks
                    # while the rest is set up.
                    start_worker(processes, env, folder / "worker.log")
            made = json.loads(
                python(
                    env,
                    SET_UP,
                    MEMBER_EMAIL,
                    MEMBER_PASSWORD,
                    LOCKED_EMAIL,
                    LOCKED_PASSWORD,
                )
            )
            (folder / "static").mkdir(exist_ok=True)
            config = render_nginx(
                folder,
                listen=proxy_port,
                upstream=[a_port, b_port],
                static_root=folder / "static",
                media_root=folder / "media-unused",
            )
            start_nginx(processes, config, proxy_port)
            a_log, b_log = folder / "gunicorn-a.log", folder / "gunicorn-b.log"
            a_process = start_gunicorn(processes, a_port, env, a_log)
            start_gunicorn(processes, b_port, env, b_log)
            a, b = f"http://127.0.0.1:{a_port}", f"http://127.0.0.1:{b_port}"
            drained = wait_for_queue(database_url)
            say(
                f"set-up took {time.monotonic() - started:.0f} s (the worker's "
                f"backlog {drained:.0f} s)"
            )

            editor = Browser(a)
            editor.login(ADMIN_EMAIL, ADMIN_PASSWORD)
            check_publish(failures, editor, a, b, proxy, made)
            check_login_lock(failures, a, b)
            check_rate_limit(failures, a, b)
            check_photo(failures, env, editor, b, s3)
            check_session(failures, a, b, proxy)

            if not options.quick:
                alone_port = free_port()
                alone_config = render_nginx(
                    folder,
                    listen=alone_port,
                    upstream=a_port,
                    static_root=folder / "static",
                    media_root=folder / "media-unused",
                    suffix="-a",
                )
                start_nginx(processes, alone_config, alone_port)
                member = Browser(a)
                member.post(
                    "/account/aanmelden/",
                    {"username": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
                )
                cookie = "; ".join(f"{k}={v}" for k, v in member.cookies.items())
                bench(proxy, f"http://127.0.0.1:{alone_port}", cookie)

            check_failover(failures, env, a_process, a_log, b_log, proxy)
            say(f"took {time.monotonic() - started:.0f} s in all")
        finally:
            processes.stop_all()
    failures.exit("cluster check")


if __name__ == "__main__":
    main()
