"""`make bench-front`: the public pages through each cache layer, against static.

Starts a private Redis, two gunicorn instances (4 sync workers each; one with
the page cache off, one with it on), the task worker that sends the purges
(`db_worker --interval 0.2`) and nginx with the shipped configuration,
on the demo database. For every page of `make bench` it measures with wrk:

- gunicorn:   the app renders every request (page cache off);
- page cache: gunicorn with the page cache on (Redis);
- front:      nginx's front cache in front of it;
- static:     the same nginx serving the same HTML bytes as a static file,

and prints requests per second, p99 and the ratio to static. The machines are
noisy: front and static run twice, alternating, and each keeps its best run.
Then it publishes a page and polls nginx until the change shows. It fails when
the median ratio over the pages without a query string (those with one stay
with the page cache by design) is below 70 %, or when a publish takes longer
than 1 s to show.

Usage: .venv/bin/python deploy/checks/bench_front.py [database URL]
BENCH_FRONT_SECONDS (default 3) is the length of each wrk run.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.checks.common import (  # noqa: E402
    Failures,
    Processes,
    free_port,
    get,
    say,
    start_gunicorn,
    workspace,
)
from deploy.checks.front_cache import (  # noqa: E402
    PUBLISH_AND_POLL,
    SET_UP,
    VISIBLE_WITHIN_SECONDS,
    app_env,
    front_stack,
    python,
)

FRONT_TARGET = 0.70
WRK = shutil.which("wrk") or "/usr/bin/wrk"
SECONDS = int(os.environ.get("BENCH_FRONT_SECONDS", "3"))
CONNECTIONS = 16
# Search answers 30 requests a minute per client address; wrk is one address.
RATE_LIMITED = ("/zoeken/",)

PATHS = """
import json
from portal.management.commands.bench import pages
found = []
for label, path, *_budgets in pages():
    path = path() if callable(path) else path
    if path:
        found.append((label, path))
print(json.dumps(found))
"""


def wrk(url):
    """(requests per second, p99 in ms) of `url` under CONNECTIONS clients."""
    result = subprocess.run(  # noqa: S603
        [WRK, "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
        + ["--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", result.stdout).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} answers were not 2xx/3xx")
    return rate, p99


def main():
    if not Path(WRK).exists():
        sys.exit("wrk is missing: apt-get install wrk")
    database_url = sys.argv[1] if len(sys.argv) > 1 else "sqlite:///var/front.sqlite3"
    failures = Failures()
    processes = Processes()
    with workspace("portal-bench-front-") as folder:
        try:
            with front_stack(
                processes,
                folder,
                lambda redis_port, proxy_port: app_env(
                    folder, database_url, redis_port, proxy_port
                ),
                workers=4,
            ) as (env, start_app, direct, proxy):
                made = json.loads(python(env, SET_UP))
                start_app()
                plain_port = free_port()
                start_gunicorn(
                    processes,
                    plain_port,
                    {**env, "PORTAL_PAGE_CACHE_SECONDS": "0"},
                    folder / "gunicorn-plain.log",
                    workers=4,
                    access_log=False,
                )
                plain = f"http://127.0.0.1:{plain_port}"
                paths = json.loads(python(env, PATHS))
                static = folder / "static" / "bench"
                static.mkdir(parents=True)

                say(
                    f"wrk, {CONNECTIONS} connections, {SECONDS} s a run; "
                    f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
                )
                header = (
                    f"{'page':<24}{'gunicorn':>16}{'page cache':>16}{'front':>16}"
                    f"{'static':>16}{'front/static':>14}"
                )
                print(header + "\n" + " " * 24 + "   req/s  p99 ms" * 4, flush=True)
                rows = []
                for number, (label, path) in enumerate(paths):
                    if path.startswith(RATE_LIMITED):
                        print(f"{label[:23]:<24}  (limited per address: not measured)")
                        continue
                    status, _headers, body, _seconds = get(plain + path, timeout=30)
                    if status != 200:
                        raise RuntimeError(f"{path} answered {status}")
                    (static / f"{number}.html").write_bytes(body)
                    (static / f"{number}.html").chmod(0o644)
                    for base in (direct, proxy):  # warm both caches
                        get(base + path, timeout=30)
                    front_and_static = [
                        wrk(url)
                        for _twice in range(2)
                        for url in (proxy + path, f"{proxy}/static/bench/{number}.html")
                    ]
                    results = [
                        wrk(plain + path),
                        wrk(direct + path),
                        max(front_and_static[0::2]),
                        max(front_and_static[1::2]),
                    ]
                    ratio = results[2][0] / results[3][0]
                    rows.append((label, path, results, ratio))
                    print(
                        f"{label[:23]:<24}"
                        + "".join(f"{rate:>8.0f}{p99:>8.1f}" for rate, p99 in results)
                        + f"{ratio:>13.0%}",
                        flush=True,
                    )
                # One page's pair of runs swings with the other work on the
                # machine; the median over the pages holds the target.
                ratios = [ratio for _l, path, _r, ratio in rows if "?" not in path]
                median = statistics.median(ratios)
                failures.check(
                    median >= FRONT_TARGET,
                    f"front cache at {median:.0%} of static, median of "
                    f"{len(ratios)} pages without a query string "
                    f"({min(ratios):.0%} to {max(ratios):.0%}; "
                    f"target {FRONT_TARGET:.0%})",
                )

                url = proxy + made["path"]
                get(url)
                # The purge is queued; the worker (db_worker --interval 0.2)
                # sends it.
                seconds, publishing = map(
                    float,
                    python(env, PUBLISH_AND_POLL, url, f"Nieuw {time.time()}").split(),
                )
                failures.check(
                    seconds <= VISIBLE_WITHIN_SECONDS,
                    f"publish to visible through nginx: {seconds:.2f} s after the "
                    f"commit (bound {VISIBLE_WITHIN_SECONDS} s; the publish itself "
                    f"took {publishing:.2f} s)",
                )
        finally:
            processes.stop_all()
    failures.exit("bench-front")


if __name__ == "__main__":
    main()
