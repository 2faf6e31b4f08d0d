"""Measure the public pages: queries and response times, warm and cold, against
budgets.

`make bench` builds the bench database (demo content, 5,000 practices and 20,000
experiences with 60,000 reactions) and runs this command on it. Every page is
measured twice:

- warm: requested twice to fill the caches, then timed;
- cold: with every cache swapped for Django's `DummyCache`, as after a publish,
  a Redis restart or in a new worker.

The command fails when a page needs more queries than its budget, warm or cold,
or (unless `--queries-only`) more time (warm median) than its budget. It writes
the numbers, the load average and a CPU calibration to
`bench/results/<date>.json` and `.md`.
"""

import contextlib
import json
import os
import platform
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from portal.demo.loader import demo_modules

DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


def pages():
    """(label, path or a function returning one, max queries, max median ms) of
    every app's `demo.bench.PAGES`, in INSTALLED_APPS order."""
    return [
        page for _label, bench in demo_modules("demo.bench") for page in bench.PAGES
    ]


@contextlib.contextmanager
def cold_caches():
    """Every configured cache replaced by one that keeps nothing."""
    with override_settings(CACHES=dict.fromkeys(settings.CACHES, DUMMY_CACHE)):
        yield


def fetch(client, path):
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}")
    return response


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def measure(client, path, runs):
    """Queries of the last request and the times of `runs` requests, in ms,
    after two requests that fill whatever the current caches keep."""
    for _warm in range(2):
        fetch(client, path)
    timings = []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            fetch(client, path)
            timings.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(queries),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
    }


def measure_page(client, path, runs):
    """{"warm": measure(...), "cold": measure(...)} for one page."""
    warm = measure(client, path, runs)
    with cold_caches():
        cold = measure(client, path, runs)
    return {"warm": warm, "cold": cold}


def over_budget(result, max_queries, max_ms, queries_only):
    """What `result` misses: ["queries warm", "queries cold", "time"]."""
    missed = [
        f"queries {state}"
        for state in ("warm", "cold")
        if result[state]["queries"] > max_queries
    ]
    if not queries_only and result["warm"]["median_ms"] > max_ms:
        missed.append("time")
    return missed


def cpu_calibration_ms(loops=3):
    """The best of `loops` runs of a fixed pure-Python loop: how fast this
    machine is right now, to compare runs on noisy machines."""
    best = None
    for _loop in range(loops):
        started = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number * number % 7
        elapsed = (time.perf_counter() - started) * 1000
        best = elapsed if best is None else min(best, elapsed)
    return round(best, 1)


def machine():
    return {
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "cpu_calibration_ms": cpu_calibration_ms(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "database": connection.vendor,
    }


def markdown(report):
    info = report["machine"]
    lines = [
        f"# Bench {report['date']}",
        "",
        f"Database: {info['database']}; load average "
        f"{' / '.join(str(load) for load in info['load_average'])} on "
        f"{info['cpu_count']} CPUs; CPU calibration {info['cpu_calibration_ms']} ms "
        f"(a fixed Python loop; lower is faster); {report['runs']} runs per page.",
        "",
        "| page | path | queries warm | queries cold | budget | median warm ms "
        "| p95 warm ms | median cold ms | p95 cold ms | over |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in report["pages"]:
        if page.get("missing"):
            lines.append(f"| {page['label']} | – | | | | | | | | no such page |")
            continue
        warm, cold = page["warm"], page["cold"]
        lines.append(
            f"| {page['label']} | `{page['path']}` | {warm['queries']} "
            f"| {cold['queries']} | {page['max_queries']} | {warm['median_ms']} "
            f"| {warm['p95_ms']} | {cold['median_ms']} | {cold['p95_ms']} "
            f"| {', '.join(page['over'])} |"
        )
    return "\n".join(lines) + "\n"


def write_results(report, directory):
    """`<date>.json` and `<date>.md` in `directory`; returns the JSON path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / report["date"]
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    return stem.with_suffix(".json")


class Command(BaseCommand):
    help = "Time the public pages and count their queries, warm and cold."

    def add_arguments(self, parser):
        parser.add_argument(
            "--runs", type=int, default=15, help="Timed requests per page and state."
        )
        parser.add_argument(
            "--queries-only",
            action="store_true",
            help="Report times but hold only the query budgets (for the tests).",
        )
        parser.add_argument(
            "--results",
            default=str(settings.BASE_DIR / "bench" / "results"),
            help="Directory for <date>.json and <date>.md; '' writes nothing.",
        )

    def handle(self, *args, runs, queries_only, results, **options):
        client = Client(HTTP_HOST="localhost")
        report = {
            "date": datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ"),
            "runs": runs,
            "machine": machine(),
            "pages": [],
        }
        self.stdout.write(
            f"{'page':<22}{'queries':>14}{'median ms':>16}{'p95 ms':>16}  budget"
        )
        self.stdout.write(
            f"{'':<22}{'warm/cold':>14}{'warm/cold':>16}{'warm/cold':>16}"
        )
        failures = []
        for label, path, max_queries, max_ms in pages():
            if callable(path):
                path = path()
            if path is None:
                report["pages"].append({"label": label, "missing": True})
                self.stdout.write(f"{label:<22}  (no such page in this database)")
                continue
            result = measure_page(client, path, runs)
            over = over_budget(result, max_queries, max_ms, queries_only)
            if over:
                failures.append(f"{label} ({', '.join(over)})")
            report["pages"].append(
                {
                    "label": label,
                    "path": path,
                    "max_queries": max_queries,
                    "max_median_ms": max_ms,
                    "over": over,
                    **result,
                }
            )
            warm, cold = result["warm"], result["cold"]
            self.stdout.write(
                f"{label:<22}{warm['queries']:>8}/{cold['queries']:<5}"
                f"{warm['median_ms']:>10.0f}/{cold['median_ms']:<5.0f}"
                f"{warm['p95_ms']:>10.0f}/{cold['p95_ms']:<5.0f}"
                f"  {max_queries} q, {max_ms} ms{'  OVER' if over else ''}"
            )
        if results:
            path = write_results(report, results)
            self.stdout.write(f"Results in {path} and {path.with_suffix('.md')}")
        if failures:
            raise CommandError(f"Over budget: {'; '.join(failures)}")
        self.stdout.write(self.style.SUCCESS("Every page within its budget."))
