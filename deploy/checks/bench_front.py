"""`make bench-front`: the public pages through each cache layer, against static.

Starts a private Redis, two gunicorn instances (4 sync workers each; one with
the page cache off, one with it on), the task worker that sends the purges
(`db_worker --interval 0.2`) and nginx with the shipped configuration,
on the demo database. For every page of `make bench` it measures with wrk:

- gunicorn:   the app renders every request (page cache off);
- page cache: gunicorn with the page cache on (Redis);
- front:      nginx's front cache in front of it;
- static:     the same nginx serving the same HTML bytes as a static file,

and prints requests per second, p99, the ratio to static and the page weight
(bytes of HTML, and of the HTML with the CSS, JavaScript and images it loads).
The machines are noisy: front and static run twice, alternating, and each keeps
its best run. Then it publishes a page and polls nginx until the change shows.
It fails when the median ratio over the pages without a query string (those
with one stay with the page cache by design) is below 70 %, or when a publish
takes longer than 1 s to show. The figures, the load average and a CPU
calibration go to `bench/results/<date>-front.json` and `.md`, beside the
in-process figures of `make bench`.

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
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

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

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results"

PATHS = """
import json
from portal.management.commands.bench import cpu_calibration_ms, pages
found = []
for label, path, *_budgets in pages():
    path = path() if callable(path) else path
    if path:
        found.append((label, path))
print(json.dumps({"pages": found, "cpu_calibration_ms": cpu_calibration_ms()}))
"""


class AssetFinder(HTMLParser):
    """The same-site stylesheets, scripts and images a page loads."""

    def __init__(self):
        super().__init__()
        self.urls = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            url = attrs.get("href")
        elif tag in ("script", "img"):
            url = attrs.get("src")
        else:
            return
        if url and url.startswith("/") and not url.startswith("//"):
            self.urls.add(urlsplit(url).path)


def page_weight(body, bases):
    """(bytes of HTML, bytes with its assets), each asset fetched from the
    first of `bases` that answers it (the app for /static/, nginx for /media/)."""
    finder = AssetFinder()
    finder.feed(body.decode("utf-8", "replace"))
    total = len(body)
    for url in sorted(finder.urls):
        for base in bases:
            status, _headers, asset, _seconds = get(base + url, timeout=30)
            if status == 200:
                total += len(asset)
                break
    return len(body), total


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


LAYERS = ("gunicorn", "page_cache", "front", "static")


def markdown(report):
    info = report["machine"]
    lines = [
        f"# Bench front {report['date']}",
        "",
        f"Database: {info['database']}; load average "
        f"{' / '.join(str(load) for load in info['load_average'])} on "
        f"{info['cpu_count']} CPUs; CPU calibration {info['cpu_calibration_ms']} ms. "
        f"wrk: {report['wrk']['connections']} connections, "
        f"{report['wrk']['seconds']} s a run.",
        "",
        f"Front cache at {report['front_to_static_median']:.0%} of static (median "
        f"of the pages without a query string; target "
        f"{report['front_target']:.0%}); publish visible through nginx in "
        f"{report['publish_to_visible_s']} s.",
        "",
        "| page | path | gunicorn req/s | p99 ms | page cache req/s | p99 ms "
        "| front req/s | p99 ms | static req/s | p99 ms | front/static | HTML kB "
        "| with assets kB |",
        "| --- | --- |" + " ---: |" * 11,
    ]
    for row in report["pages"]:
        if row.get("skipped"):
            lines.append(
                f"| {row['label']} | `{row['path']}` |"
                + " |" * 10
                + " not measured (limited per address) |"
            )
            continue
        lines.append(
            f"| {row['label']} | `{row['path']}` | "
            + " | ".join(
                f"{row[layer]['requests_per_s']} | {row[layer]['p99_ms']:.1f}"
                for layer in LAYERS
            )
            + f" | {row['front_to_static']:.0%} | {row['html_bytes'] / 1000:.0f} "
            f"| {row['with_assets_bytes'] / 1000:.0f} |"
        )
    return "\n".join(lines) + "\n"


def write_results(report):
    """`<date>-front.json` and `.md` in bench/results; returns the JSON path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{report['date']}-front.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    path.with_suffix(".md").write_text(markdown(report))
    return path


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
                found = json.loads(python(env, PATHS))
                paths = found["pages"]
                static = folder / "static" / "bench"
                static.mkdir(parents=True)

                say(
                    f"wrk, {CONNECTIONS} connections, {SECONDS} s a run; "
                    f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
                )
                header = (
                    f"{'page':<24}{'gunicorn':>16}{'page cache':>16}{'front':>16}"
                    f"{'static':>16}{'front/static':>14}{'HTML kB':>9}{'all kB':>8}"
                )
                print(header + "\n" + " " * 24 + "   req/s  p99 ms" * 4, flush=True)
                rows = []
                for number, (label, path) in enumerate(paths):
                    if path.startswith(RATE_LIMITED):
                        print(f"{label[:23]:<24}  (limited per address: not measured)")
                        rows.append({"label": label, "path": path, "skipped": True})
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
                    html_bytes, total_bytes = page_weight(body, (direct, proxy))
                    rows.append(
                        {
                            "label": label,
                            "path": path,
                            **{
                                layer: {"requests_per_s": round(rate), "p99_ms": p99}
                                for layer, (rate, p99) in zip(
                                    LAYERS, results, strict=True
                                )
                            },
                            "front_to_static": round(ratio, 3),
                            "html_bytes": html_bytes,
                            "with_assets_bytes": total_bytes,
                        }
                    )
                    print(
                        f"{label[:23]:<24}"
                        + "".join(f"{rate:>8.0f}{p99:>8.1f}" for rate, p99 in results)
                        + f"{ratio:>13.0%}"
                        + f"{html_bytes / 1000:>9.0f}{total_bytes / 1000:>8.0f}",
                        flush=True,
                    )
                # One page's pair of runs swings with the other work on the
                # machine; the median over the pages holds the target.
                ratios = [
                    row["front_to_static"]
                    for row in rows
                    if not row.get("skipped") and "?" not in row["path"]
                ]
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
                # sends it. Seconds from the committed publish to visible, and
                # the publish's own.
                seconds, publishing = map(
                    float,
                    python(env, PUBLISH_AND_POLL, url, f"Nieuw {time.time()}").split(),
                )
                failures.check(
                    seconds <= VISIBLE_WITHIN_SECONDS,
                    f"publish to visible through nginx: {seconds:.2f} s after it "
                    f"committed (bound {VISIBLE_WITHIN_SECONDS} s; the publish itself "
                    f"took {publishing:.2f} s)",
                )
                report = {
                    "date": datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ"),
                    "machine": {
                        "load_average": [round(load, 2) for load in os.getloadavg()],
                        "cpu_calibration_ms": found["cpu_calibration_ms"],
                        "cpu_count": os.cpu_count(),
                        "database": database_url.split(":", 1)[0],
                    },
                    "wrk": {"connections": CONNECTIONS, "seconds": SECONDS},
                    "front_to_static_median": round(median, 3),
                    "front_target": FRONT_TARGET,
                    "publish_to_visible_s": round(seconds, 3),
                    "publish_s": round(publishing, 3),
                    "failures": failures.items,
                    "pages": rows,
                }
                path = write_results(report)
                say(f"Results in {path} and {path.with_suffix('.md')}")
        finally:
            processes.stop_all()
    failures.exit("bench-front")


if __name__ == "__main__":
    main()
