"""The front cache in deploy/nginx: anonymous pages from nginx, purged on publish.

Starts a private Redis, gunicorn (2 workers, one shared page cache), the task
worker (`db_worker --interval 0.2`, which sends the purges) and nginx with
deploy/nginx/portal.conf.template and the cache-purge module, on a fresh
SQLite database with one content page. Proves that:

- an anonymous page is answered by nginx from its cache (X-Front-Cache: HIT);
- a publish through the app queues the purge and the worker sends it: the new
  title is visible through nginx within 1 second, however long the page stays
  cached otherwise;
- a logged-in member's requests (session cookie) pass through nginx and the
  portal's page cache, and are never stored.

Usage: .venv/bin/python deploy/checks/front_cache.py
FRONT_DATABASE_URL may name a database that is migrated already (CI passes the
fault check's); by default a fresh SQLite file is migrated first.
Every process it starts, it stops by its PID.
"""

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
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
    render_nginx,
    say,
    start_gunicorn,
    start_nginx,
    start_worker,
    wait_for_port,
    workspace,
)

VISIBLE_WITHIN_SECONDS = 1.0

SET_UP = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, Site
from network.factories import MemberFactory
from portal.factories import ContentPageFactory

# Again on a database an earlier run (or the fault check) left behind.
Page.objects.filter(slug="front-cache-check").delete()
get_user_model().objects.filter(email="lid@gemeente.example").delete()
home = Site.objects.get(is_default_site=True).root_page.specific
page = ContentPageFactory.build(title="Voor het eerst", slug="front-cache-check")
home.add_child(instance=page)
page.save_revision().publish()
member = MemberFactory(email="lid@gemeente.example", first_name="Lien")
client = Client()
client.force_login(member)
print(json.dumps({"path": page.url, "session": client.cookies["sessionid"].value}))
"""

# Publishes through the app (signals, the purge queued) and polls nginx until
# the new title shows (the worker sent the purge); prints the seconds from the
# committed publish to the change through nginx, and the seconds the publish
# itself took (the app's work for the editor, with or without caches).
PUBLISH_AND_POLL = """
import sys, time, urllib.request
from wagtail.models import Page

url, title = sys.argv[-2:]
page = Page.objects.get(slug="front-cache-check").specific
started = time.monotonic()
page.title = title
page.save_revision().publish()
published = time.monotonic()
while time.monotonic() - published < 10:
    with urllib.request.urlopen(url, timeout=5) as response:
        if title in response.read().decode():
            break
    time.sleep(0.02)
print(f"{time.monotonic() - published:.3f} {published - started:.3f}")
"""


def manage(env, *args):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def python(env, code, *args):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-c", "import django; django.setup()\n" + code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"script failed:\n{result.stderr}")
    sys.stderr.write(result.stderr)
    return result.stdout.strip().splitlines()[-1]


def app_env(folder, database_url, redis_port, proxy_port, **extra):
    """Production-like: DEBUG off, Redis shared by the workers, tasks queued in
    the database for the worker, purge to nginx.

    The development settings module only spares the checks a collectstatic.
    """
    return portal_env(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DJANGO_DEBUG="false",
        PORTAL_TASKS_IMMEDIATE="false",
        DATABASE_URL=database_url,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        PORTAL_FRONTEND_CACHE_URL=f"http://127.0.0.1:{proxy_port}/_purge",
        PORTAL_BASE_URL=f"http://127.0.0.1:{proxy_port}",
        MEDIA_ROOT=str(folder / "media"),
        **extra,
    )


@contextmanager
def front_stack(processes, folder, env_for, workers=2):
    """Redis, gunicorn, the task worker and nginx with the shipped
    configuration.

    `env_for(redis_port, proxy_port)` gives the app's environment. Yields
    (env, a function that starts gunicorn and the worker, app URL, proxy URL).
    """
    redis_port, app_port, proxy_port = free_port(), free_port(), free_port()
    redis = processes.start(
        [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no"]
    )
    wait_for_port(redis_port, process=redis)
    env = env_for(redis_port, proxy_port)
    (folder / "static").mkdir(exist_ok=True)
    (folder / "media").mkdir(exist_ok=True)
    config = render_nginx(
        folder,
        listen=proxy_port,
        upstream=app_port,
        static_root=folder / "static",
        media_root=folder / "media",
    )
    start_nginx(processes, config, proxy_port)

    def start_app():
        start_worker(processes, env, folder / "worker.log")
        start_gunicorn(
            processes,
            app_port,
            env,
            folder / "gunicorn.log",
            workers=workers,
            access_log=False,
        )

    yield (
        env,
        start_app,
        f"http://127.0.0.1:{app_port}",
        (f"http://127.0.0.1:{proxy_port}"),
    )


def main():
    failures = Failures()
    processes = Processes()
    with workspace("portal-front-cache-") as folder:
        try:
            started = time.monotonic()
            database_url = os.environ.get(
                "FRONT_DATABASE_URL", f"sqlite:///{folder / 'check.sqlite3'}"
            )
            with front_stack(
                processes,
                folder,
                lambda redis_port, proxy_port: app_env(
                    folder, database_url, redis_port, proxy_port
                ),
            ) as (env, start_app, _direct, proxy):
                say("migrate, one page, one member")
                manage(env, "migrate", "--noinput", "-v0")
                made = json.loads(python(env, SET_UP))
                start_app()
                say(f"set-up took {time.monotonic() - started:.0f} s")
                url = proxy + made["path"]

                get(url)
                status, headers, body, _seconds = get(url)
                failures.check(
                    status == 200 and headers.get("X-Front-Cache") == "HIT",
                    "an anonymous page is answered from nginx's cache "
                    f"(X-Front-Cache: {headers.get('X-Front-Cache')})",
                )
                failures.check(
                    "public" in headers.get("Cache-Control", "")
                    and "Cookie" not in headers.get("Vary", ""),
                    "it is marked public and does not vary on cookies",
                )

                seconds, publishing = map(
                    float,
                    python(
                        env, PUBLISH_AND_POLL, url, "Pleinmakers, vernieuwd"
                    ).split(),
                )
                failures.check(
                    seconds <= VISIBLE_WITHIN_SECONDS,
                    f"a publish is visible through nginx {seconds:.2f} s after it "
                    f"committed (bound {VISIBLE_WITHIN_SECONDS} s; the publish "
                    f"itself took {publishing:.2f} s)",
                )
                _status, headers, body, _seconds = get(url)
                failures.check(
                    b"Pleinmakers, vernieuwd" in body,
                    "and stays visible (the purge reached every cache)",
                )

                cookie = {"Cookie": f"sessionid={made['session']}"}
                results = [get(url, headers=cookie) for _twice in range(2)]
                failures.check(
                    all(
                        status == 200
                        and headers.get("X-Front-Cache") == "BYPASS"
                        and "private" in headers.get("Cache-Control", "")
                        and b"Mijn account" in body
                        for status, headers, body, _seconds in results
                    ),
                    "a logged-in member passes through both caches and sees "
                    "their own page",
                )
                _status, headers, body, _seconds = get(url)
                failures.check(
                    b"Mijn account" not in body and b"Lien" not in body,
                    "a visitor afterwards sees no trace of the member",
                )
        finally:
            processes.stop_all()
    failures.exit("front-cache check")


if __name__ == "__main__":
    main()
