"""Measure the public pages: queries and response times, against budgets.

`make bench` builds the bench database (demo content, 5,000 practices and 20,000
experiences with 60,000 reactions) and runs this command on it. Each URL is
requested twice to warm the caches, then timed; the command fails when a page
needs more queries, or more time (median), than its budget.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.demo.loader import demo_modules


def pages():
    """(label, path or a function returning one, max queries, max median ms) of
    every app's `demo.bench.PAGES`, in INSTALLED_APPS order."""
    return [
        page for _label, bench in demo_modules("demo.bench") for page in bench.PAGES
    ]


class Command(BaseCommand):
    help = "Time the public pages and count their queries against the budgets."

    def add_arguments(self, parser):
        parser.add_argument(
            "--runs", type=int, default=15, help="Timed requests per page."
        )
        parser.add_argument(
            "--queries-only",
            action="store_true",
            help="Report times but hold only the query budgets (for the tests).",
        )

    def handle(self, *args, runs, queries_only, **options):
        client = Client(HTTP_HOST="localhost")
        failures = []
        self.stdout.write(
            f"{'page':<22}{'queries':>9}{'median ms':>11}{'p95 ms':>9}  budget"
        )
        for label, path, max_queries, max_ms in pages():
            if callable(path):
                path = path()
            if path is None:
                self.stdout.write(f"{label:<22}  (no such page in this database)")
                continue
            for _warm in range(2):
                response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
            timings = []
            for _run in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    if response.streaming:
                        b"".join(response.streaming_content)
                    timings.append((time.perf_counter() - started) * 1000)
            median = statistics.median(timings)
            p95 = sorted(timings)[max(0, round(0.95 * len(timings)) - 1)]
            over = len(queries) > max_queries or (not queries_only and median > max_ms)
            if over:
                failures.append(label)
            self.stdout.write(
                f"{label:<22}{len(queries):>9}{median:>11.0f}{p95:>9.0f}  "
                f"{max_queries} q, {max_ms} ms{'  OVER' if over else ''}"
            )
        if failures:
            raise CommandError(f"Over budget: {', '.join(failures)}")
        self.stdout.write(self.style.SUCCESS("Every page within its budget."))
