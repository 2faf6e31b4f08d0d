"""Slow clients cannot take the site down behind the repository's nginx.

Starts gunicorn (2 sync workers, production settings) and a private nginx with
deploy/nginx/portal.conf.template on free ports, opens clients that trickle
their headers without ever finishing them, and proves that normal requests
through nginx are still answered within 2 seconds. It then shows the same
clients against gunicorn alone, where normal requests go unanswered. It also
checks what the proxy passes on (X-Forwarded-For, X-Forwarded-Proto) and that
it serves /static/ and /media/ but never the document files.

Usage: .venv/bin/python deploy/checks/slow_clients.py
Every process it starts, it stops by its PID.
"""

import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.checks.common import (  # noqa: E402
    Failures,
    Processes,
    free_port,
    get,
    portal_env,
    render_nginx,
    say,
    start_gunicorn,
    start_nginx,
    workspace,
)

SLOW_CLIENTS = 12
BOUND_SECONDS = 2.0


class Tricklers:
    """Clients that send a request line and then one header byte at a time."""

    def __init__(self, port, count):
        self.sockets = []
        self.stop = threading.Event()
        for _number in range(count):
            client = socket.create_connection(("127.0.0.1", port), timeout=5)
            client.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            self.sockets.append(client)
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self):
        while not self.stop.wait(0.5):
            for client in self.sockets:
                try:
                    client.sendall(b"a")
                except OSError:
                    pass

    def close(self):
        self.stop.set()
        self.thread.join()
        for client in self.sockets:
            client.close()


def main():
    failures = Failures()
    processes = Processes()
    with workspace("portal-slow-clients-") as folder:
        try:
            static_root = folder / "static"
            media_root = folder / "media"
            (static_root / "portal").mkdir(parents=True)
            (static_root / "portal" / "check.txt").write_text("static ok\n")
            (media_root / "original_images").mkdir(parents=True)
            (media_root / "original_images" / "check.txt").write_text("media ok\n")
            (media_root / "documents").mkdir()
            (media_root / "documents" / "intern.pdf").write_text("%PDF private\n")
            for path in folder.rglob("*"):
                path.chmod(0o755 if path.is_dir() else 0o644)

            app_port, proxy_port = free_port(), free_port()
            env = portal_env(DATABASE_URL=f"sqlite:///{folder / 'check.sqlite3'}")
            say(f"gunicorn on {app_port}, nginx on {proxy_port}")
            start_gunicorn(processes, app_port, env, folder / "gunicorn.log")
            config = render_nginx(
                folder,
                listen=proxy_port,
                upstream=app_port,
                static_root=static_root,
                media_root=media_root,
            )
            start_nginx(processes, config, proxy_port)
            proxy = f"http://127.0.0.1:{proxy_port}"
            direct = f"http://127.0.0.1:{app_port}"

            status, _headers, body, _seconds = get(f"{proxy}/robots.txt")
            failures.check(status == 200, "a page through nginx answers 200")
            _status, _headers, body, _seconds = get(
                f"{proxy}/robots.txt", headers={"X-Forwarded-Proto": "https"}
            )
            failures.check(
                b"Sitemap: https://" in body,
                "the load balancer's X-Forwarded-Proto reaches the portal",
            )
            log = (folder / "gunicorn.log").read_text()
            failures.check(
                'forwarded-for="127.0.0.1"' in log,
                "nginx passes X-Forwarded-For to gunicorn",
            )
            status, _headers, body, _seconds = get(f"{proxy}/static/portal/check.txt")
            failures.check(
                status == 200 and body == b"static ok\n", "nginx serves /static/"
            )
            status, _headers, body, _seconds = get(
                f"{proxy}/media/original_images/check.txt"
            )
            failures.check(
                status == 200 and body == b"media ok\n", "nginx serves /media/ uploads"
            )
            status, *_rest = get(f"{proxy}/media/documents/intern.pdf")
            failures.check(
                status == 404, "document files are never served from /media/"
            )

            say(f"{SLOW_CLIENTS} clients trickle their headers into nginx")
            tricklers = Tricklers(proxy_port, SLOW_CLIENTS)
            try:
                time.sleep(1)
                timings = []
                for _number in range(5):
                    status, _headers, _body, seconds = get(
                        f"{proxy}/robots.txt", timeout=10
                    )
                    timings.append((status, seconds))
            finally:
                tricklers.close()
            slowest = max(seconds for _status, seconds in timings)
            failures.check(
                all(status == 200 for status, _seconds in timings)
                and slowest < BOUND_SECONDS,
                f"with slow clients, 5 requests through nginx answered "
                f"(slowest {slowest:.2f} s, bound {BOUND_SECONDS} s)",
            )

            say(f"the same {SLOW_CLIENTS} clients against gunicorn alone")
            tricklers = Tricklers(app_port, SLOW_CLIENTS)
            try:
                time.sleep(1)
                status, _headers, _body, seconds = get(f"{direct}/robots.txt", 5)
            finally:
                tricklers.close()
            say(
                "without nginx: "
                + (
                    f"no answer within {seconds:.1f} s, as expected"
                    if status is None
                    else f"answered {status} in {seconds:.2f} s"
                )
            )
        finally:
            processes.stop_all()
    failures.exit("slow-client check")


if __name__ == "__main__":
    main()
