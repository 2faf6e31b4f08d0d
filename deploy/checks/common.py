"""What the deployment checks share: free ports, private services, cleanup.

Every process a check starts is recorded here and stopped by its PID when the
check ends, however it ends. Nothing here touches the machine's own services.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
if not Path(PYTHON).exists():
    PYTHON = sys.executable
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"
# How often an idle task worker looks for work, in seconds: a publish's
# front-cache purge waits at most this long. As the README's Production runs it.
WORKER_INTERVAL = "0.2"


def say(message):
    print(f"  {message}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=30.0, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process {process.args[0]} ended early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port} after {timeout} s")


class Processes:
    """Starts processes and stops each by its PID at the end."""

    def __init__(self):
        self.started = []

    def start(self, args, *, log=None, env=None, cwd=ROOT):
        output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            args, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=cwd
        )
        self.started.append(process)
        return process

    def stop(self, process, sig=signal.SIGTERM, timeout=10):
        if process.poll() is not None:
            return
        try:
            os.kill(process.pid, signal.SIGCONT)  # a stopped process cannot exit
            os.kill(process.pid, sig)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)
        except ProcessLookupError:
            pass

    def stop_all(self):
        for process in reversed(self.started):
            self.stop(process)


@contextmanager
def workspace(prefix):
    """A private folder, readable by nginx's workers, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def portal_env(**extra):
    """Production settings, as the README's recipe runs them, on this machine."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "REDIS_", "EMAIL_", "S3_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="check-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # The checks speak plain HTTP to nginx; TLS is the load balancer's.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_HSTS_SECONDS="0",
        PORTAL_TRUSTED_PROXY_COUNT="1",
    )
    env.update(extra)
    return env


def start_gunicorn(processes, port, env, log, workers=2, access_log=True):
    args = [
        PYTHON,
        "-m",
        "gunicorn",
        "portal.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "30",
    ]
    if access_log:
        args += [
            "--access-logfile",
            "-",
            "--access-logformat",
            '%(h)s forwarded-for="%({x-forwarded-for}i)s" "%(r)s" %(s)s',
        ]
    process = processes.start(args, env=env, log=log)
    wait_for_port(port, process=process)
    # The workers load Django after the port opens: wait until one answers.
    deadline = time.monotonic() + 60
    while get(f"http://127.0.0.1:{port}/robots.txt", timeout=10)[0] != 200:
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"gunicorn does not answer; see {log}")
        time.sleep(0.5)
    return process


def start_worker(processes, env, log, timeout=60):
    """The task worker (`manage.py db_worker`), as production runs it."""
    process = processes.start(
        [PYTHON, "manage.py", "db_worker", "--interval", WORKER_INTERVAL]
        + ["--no-reload", "--no-startup-delay"],
        env=env,
        log=log,
    )
    deadline = time.monotonic() + timeout
    while "Starting worker" not in (
        Path(log).read_text() if Path(log).exists() else ""
    ):
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"the task worker did not start; see {log}")
        time.sleep(0.2)
    return process


# What the template's comment recommends for each app server.
UPSTREAM_SETTINGS = "max_fails=2 fail_timeout=10s"


def upstream_servers(ports):
    """The template's PORTAL_UPSTREAM_SERVERS: one `server` line per app port."""
    return "\n    ".join(
        f"server 127.0.0.1:{port} {UPSTREAM_SETTINGS};" for port in ports
    )


def render_nginx(folder, *, listen, upstream, static_root, media_root, suffix=""):
    """The repository's nginx configuration, in a private nginx main config.

    `upstream` is one app server's port, or a list of them; `suffix` tells two
    private nginx configurations in one folder apart.
    """
    ports = [upstream] if isinstance(upstream, int) else list(upstream)
    server = (ROOT / "deploy/nginx/portal.conf.template").read_text()
    # As envsubst with a list of names: nginx's own $variables stay.
    for name, value in {
        "NGINX_LISTEN": f"127.0.0.1:{listen}",
        "PORTAL_SERVER_NAME": "localhost",
        "PORTAL_UPSTREAM_SERVERS": upstream_servers(ports),
        "PORTAL_STATIC_ROOT": str(static_root),
        "PORTAL_MEDIA_ROOT": str(media_root),
        "PORTAL_CACHE_PATH": str(folder / f"front-cache{suffix}"),
        "PORTAL_PURGE_FROM": "127.0.0.1",
    }.items():
        server = server.replace("${" + name + "}", value)
    (folder / f"portal{suffix}.conf").write_text(server)
    # Debian's package loads it through /etc/nginx/modules-enabled/, which a
    # private main config does not include.
    load_purge_module = (
        f"load_module {PURGE_MODULE};" if Path(PURGE_MODULE).exists() else ""
    )
    main = f"""
{load_purge_module}
daemon off;
worker_processes 1;
pid {folder}/nginx{suffix}.pid;
error_log {folder}/nginx{suffix}-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/nginx{suffix}-access.log;
    client_body_temp_path {folder}/client_body{suffix};
    proxy_temp_path {folder}/proxy{suffix};
    fastcgi_temp_path {folder}/fastcgi{suffix};
    uwsgi_temp_path {folder}/uwsgi{suffix};
    scgi_temp_path {folder}/scgi{suffix};
    include {folder}/portal{suffix}.conf;
}}
"""
    (folder / f"nginx{suffix}.conf").write_text(main)
    return folder / f"nginx{suffix}.conf"


def start_nginx(processes, config, port):
    check = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-q", "-c", str(config)], capture_output=True, text=True
    )
    if check.returncode != 0:
        raise RuntimeError(f"nginx refuses the configuration:\n{check.stderr}")
    process = processes.start(
        [NGINX, "-c", str(config)], log=config.parent / "nginx-stdout.log"
    )
    wait_for_port(port, process=process)
    return process


def get(url, timeout=5.0, headers=None):
    """(status, headers, body, seconds) of a GET; status None on a time-out."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read()
            return response.status, response.headers, body, time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read(), time.monotonic() - started
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return None, {}, b"", time.monotonic() - started


class Failures:
    def __init__(self):
        self.items = []

    def check(self, condition, message):
        say(("ok    " if condition else "FAIL  ") + message)
        if not condition:
            self.items.append(message)

    def exit(self, name):
        if self.items:
            print(f"{name}: {len(self.items)} failed", flush=True)
            sys.exit(1)
        print(f"{name}: all checks passed", flush=True)
