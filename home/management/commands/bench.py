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

# (label, path or callable returning one, max queries, max median ms)
PAGES = [
    ("home", "/", 6, 150),
    ("practices", "/praktijkvoorbeelden/", 17, 400),
    (
        "practices filtered",
        "/praktijkvoorbeelden/?thema=burendag&provincie=antwerpen",
        17,
        400,
    ),
    ("practices search", "/praktijkvoorbeelden/?q=pleinmakers", 17, 600),
    ("practice", "practice", 18, 250),
    ("practices feed", "/praktijkvoorbeelden/feed/", 9, 400),
    ("experiences", "/ervaringen/", 12, 300),
    (
        "experiences filtered",
        "/ervaringen/?thema=burendag&provincie=antwerpen",
        12,
        300,
    ),
    ("experiences search", "/ervaringen/?q=Otterbeek", 12, 600),
    ("experience", "experience", 12, 250),
    ("experiences feed", "/ervaringen/feed/", 12, 400),
    ("directory", "/netwerk/", 10, 300),
    ("municipality", "/netwerk/mechelen/", 15, 300),
    ("figures", "/netwerk/cijfers/", 15, 300),
    ("site search", "/zoeken/?q=Otterbeek", 16, 800),
    ("guides", "/gidsen/", 12, 200),
    ("toolkit", "/toolkit/", 14, 200),
]


def _detail_paths():
    from django.db.models import Count

    from casestudies.models import CaseStudyPage
    from network.models import Experience

    practice = CaseStudyPage.objects.live().order_by("-pk").first()
    experience = (
        Experience.objects.published()
        .annotate(reaction_count=Count("reactions"))
        .order_by("-reaction_count", "-pk")
        .first()
    )
    return {
        "practice": practice.url if practice else None,
        "experience": experience.get_absolute_url() if experience else None,
    }


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
        details = _detail_paths()
        failures = []
        self.stdout.write(
            f"{'page':<22}{'queries':>9}{'median ms':>11}{'p95 ms':>9}  budget"
        )
        for label, path, max_queries, max_ms in PAGES:
            path = details.get(path, path)
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
