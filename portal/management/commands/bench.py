"""Measure the public and member pages: queries, response and SQL times, in
each cache state, against budgets.

`make bench` builds the bench database (demo content, 5,000 practices and 20,000
experiences with 60,000 reactions) and runs this command on it; `make bench-pg`
does the same on PostgreSQL. Each app names its pages in `demo/bench.py`:
`PAGES` (public) and `MEMBER_PAGES` (for a logged-in member), as
(label, path or a function returning one, max queries, kind).

Every public page is measured in three states:

- page cache: requested twice, then timed; the whole-page cache answers;
- warm: the page cache off (PORTAL_PAGE_CACHE_SECONDS=0), fragment caches warm;
- cold: every cache swapped for Django's `DummyCache`, as after a publish, a
  Redis restart or in a new worker.

Then a member pass, logged in as the demo's member: every public page and every
member page, warm and cold (the page cache never answers a member). A member
adds at most MEMBER_EXTRA_QUERIES to a public page's budget.

The query budgets hold warm and cold. Unless `--queries-only`, the cold p95 also
holds the target of the page's kind (TIME_TARGETS_MS; SQLite gets twice that).
SQL time is the time spent in the database cursor's execute per request. The
numbers, the load average and a CPU calibration go to `bench/results/<date>.json`
and `.md`.
"""

import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from portal.demo.loader import demo_modules

DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
# Issue #17: uncached, in-process p95 on PostgreSQL at bench size (M).
TIME_TARGETS_MS = {
    "detail": 30,
    "listing": 50,
    "feed": 50,
    "search": 80,
    "member": 60,
}
# SQLite may take this many times the target.
SLOWER_VENDORS = {"sqlite": 2}
MEMBER_EXTRA_QUERIES = 2
MEMBER_EMAIL = "lid@pleinmakers.example"
PUBLIC_STATES = ("page cache", "warm", "cold")
MEMBER_STATES = ("warm", "cold")
BUDGET_STATES = ("warm", "cold")


def pages():
    """(label, path or a function returning one, max queries, kind) of every
    app's `demo.bench.PAGES`, in INSTALLED_APPS order."""
    return [
        page
        for _label, bench in demo_modules("demo.bench")
        for page in getattr(bench, "PAGES", ())
    ]


def member_pages():
    """Every app's `demo.bench.MEMBER_PAGES`; a path function gets the member."""
    return [
        page
        for _label, bench in demo_modules("demo.bench")
        for page in getattr(bench, "MEMBER_PAGES", ())
    ]


def time_target_ms(kind):
    return TIME_TARGETS_MS[kind] * SLOWER_VENDORS.get(connection.vendor, 1)


def bench_member():
    """The demo's member, or else any member of the network."""
    from portal.roles import MEMBERS_GROUP

    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(email=MEMBER_EMAIL).first()
        or users.filter(groups__name=MEMBERS_GROUP).order_by("pk").first()
    )


@contextlib.contextmanager
def cache_state(state):
    """The settings of one state: as configured, page cache off, or no cache."""
    if state == "page cache":
        overrides = {}
    elif state == "warm":
        overrides = {"PORTAL_PAGE_CACHE_SECONDS": 0}
    else:
        overrides = {"CACHES": dict.fromkeys(settings.CACHES, DUMMY_CACHE)}
    with override_settings(**overrides):
        yield


class SqlTimer:
    """A database execute wrapper that adds up the time spent in the cursor
    (CaptureQueriesContext rounds each query to a millisecond)."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def fetch(client, path, address):
    # One client address per page and state: search limits requests per address.
    response = client.get(path, REMOTE_ADDR=address)
    if response.streaming:
        b"".join(response.streaming_content)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}")
    return response


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def timed_fetch(client, path, address):
    """(queries, ms, SQL ms) of one request."""
    timer = SqlTimer()
    with CaptureQueriesContext(connection) as queries:
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            fetch(client, path, address)
            elapsed = time.perf_counter() - started
    return len(queries), elapsed * 1000, timer.seconds * 1000


def measure(client, path, runs, address, slow_seconds=None):
    """Queries of the last request and the total and SQL times of `runs`
    requests, in ms, after two requests that fill whatever the caches keep.

    When the first request takes longer than `slow_seconds`, that request is
    all that is measured ("slow": true), so one pathological page cannot hold
    the bench for hours."""
    first = timed_fetch(client, path, address)
    if slow_seconds and first[1] > slow_seconds * 1000:
        measured, slow = [first], True
    else:
        fetch(client, path, address)
        measured = [timed_fetch(client, path, address) for _run in range(runs)]
        slow = False
    timings = [ms for _queries, ms, _sql in measured]
    sql_timings = [sql for _queries, _ms, sql in measured]
    return {
        "queries": measured[-1][0],
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "sql_median_ms": round(statistics.median(sql_timings), 1),
        "sql_p95_ms": round(percentile(sql_timings, 0.95), 1),
        **({"slow": True} if slow else {}),
    }


def over_budget(result, max_queries, target_ms, queries_only):
    """What `result` misses: ["queries warm", "queries cold", "time cold p95"]."""
    missed = [
        f"queries {state}"
        for state in BUDGET_STATES
        if result[state]["queries"] > max_queries
    ]
    if not queries_only and result["cold"]["p95_ms"] > target_ms:
        missed.append("time cold p95")
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


def _table(title, rows, states):
    def per_state(key):
        return " / ".join(str(row[state][key]) for state in states)

    lines = [
        f"## {title}",
        "",
        f"States: {' / '.join(states)}. Times in ms; the target holds the cold p95.",
        "",
        "| page | kind | path | queries | budget | median | p95 | SQL median "
        "| SQL p95 | target | over |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        if row.get("missing"):
            lines.append(f"| {row['label']} | | – | | | | | | | | no such page |")
            continue
        lines.append(
            f"| {row['label']} | {row['kind']} | `{row['path']}` "
            f"| {per_state('queries')} | {row['max_queries']} "
            f"| {per_state('median_ms')} | {per_state('p95_ms')} "
            f"| {per_state('sql_median_ms')} | {per_state('sql_p95_ms')} "
            f"| {row['target_ms']} | {', '.join(row['over'])} |"
        )
    return lines


def markdown(report):
    info = report["machine"]
    lines = [
        f"# Bench {report['date']}",
        "",
        f"Database: {info['database']}; load average "
        f"{' / '.join(str(load) for load in info['load_average'])} on "
        f"{info['cpu_count']} CPUs; CPU calibration {info['cpu_calibration_ms']} ms "
        f"(a fixed Python loop; lower is faster); {report['runs']} runs per page "
        f"and state.{'' if report['complete'] else ' Cut short: a partial run.'}",
        *(
            [
                "",
                "SQL times on SQLite count until a query's first rows: SQLite "
                "computes the rest while the rows are read, inside the page time.",
            ]
            if info["database"] == "sqlite"
            else []
        ),
        "",
        *_table("Visitors", report["pages"], PUBLIC_STATES),
        "",
        *_table(
            f"Member ({report.get('member') or 'none found'})",
            report["member_pages"],
            MEMBER_STATES,
        ),
    ]
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
    help = "Time the public and member pages and count their queries, per cache state."

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
            "--slow-seconds",
            type=float,
            default=10,
            help="A state whose first request takes longer is measured by that "
            "request alone (0: never).",
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="LABEL",
            help="Measure only the pages whose label contains LABEL (repeatable); "
            "such a partial run writes no results.",
        )
        parser.add_argument(
            "--profile",
            action="store_true",
            help="Instead of timing, profile the cold state of the selected pages "
            "(with --only) and print where the time and the calls go.",
        )
        parser.add_argument(
            "--as-member",
            action="store_true",
            help="With --profile: request the public pages as the demo member.",
        )
        parser.add_argument(
            "--results",
            default=str(settings.BASE_DIR / "bench" / "results"),
            help="Directory for <date>.json and <date>.md; '' writes nothing.",
        )

    def handle(
        self,
        *args,
        runs,
        queries_only,
        slow_seconds,
        only,
        results,
        profile,
        as_member,
        **options,
    ):
        if profile:
            return self.profile(only, runs, as_member)
        self.runs, self.queries_only = runs, queries_only
        self.only = only
        if only:
            results = ""
        self.slow_seconds = slow_seconds
        self.addresses = (f"10.0.{n // 250}.{n % 250 + 1}" for n in range(60_000))
        self.failures = []
        member = bench_member()
        report = {
            "date": datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ"),
            "runs": runs,
            "machine": machine(),
            "time_targets_ms": {kind: time_target_ms(kind) for kind in TIME_TARGETS_MS},
            "member": member.email if member else None,
            "complete": False,
        }
        self.header("Visitors", PUBLIC_STATES)
        report["pages"], report["member_pages"] = [], []
        # Written after every page, so a run cut short leaves what it measured.
        self.save = (lambda: write_results(report, results)) if results else None
        self.run_pass(
            Client(HTTP_HOST="localhost"), pages(), PUBLIC_STATES, report["pages"]
        )
        if member is None:
            self.stdout.write("No member in this database: no member pass.")
        else:
            client = Client(HTTP_HOST="localhost")
            client.force_login(member)
            self.header(f"Member {member.email}", MEMBER_STATES)
            public_as_member = [
                (label, path, max_queries + MEMBER_EXTRA_QUERIES, kind)
                for label, path, max_queries, kind in pages()
            ]
            # A member page's path function gets the member.
            own = [
                (label, (lambda p=path: p(member)) if callable(path) else path, *rest)
                for label, path, *rest in member_pages()
            ]
            self.run_pass(
                client,
                public_as_member + own,
                MEMBER_STATES,
                report["member_pages"],
                prefix="member: ",
            )
        if results:
            report["complete"] = True
            path = write_results(report, results)
            self.stdout.write(f"Results in {path} and {path.with_suffix('.md')}")
        if self.failures:
            raise CommandError(f"Over budget: {'; '.join(self.failures)}")
        self.stdout.write(self.style.SUCCESS("Every page within its budget."))

    def profile(self, only, runs, as_member):
        """cProfile of `runs` cold requests of each page matching `only`, after
        one unprofiled request, as visitor or `as_member` (member pages always
        as the member)."""
        if not only:
            raise CommandError("--profile needs --only LABEL.")
        member = bench_member()
        member_client = Client(HTTP_HOST="localhost")
        if member:
            member_client.force_login(member)
        public_client = member_client if as_member else Client(HTTP_HOST="localhost")
        selected = [(page, public_client) for page in pages()] + [
            (
                (label, (lambda p=path: p(member)) if callable(path) else path, *rest),
                member_client,
            )
            for label, path, *rest in member_pages()
            if member
        ]
        for (label, path, _max_queries, _kind), client in selected:
            if not any(part in label for part in only):
                continue
            path = path() if callable(path) else path
            addresses = (f"10.1.0.{n}" for n in range(1, runs + 2))
            with cache_state("cold"):
                fetch(client, path, next(addresses))
                profiler = cProfile.Profile()
                profiler.enable()
                for address in addresses:
                    fetch(client, path, address)
                profiler.disable()
            self.stdout.write(f"\n=== {label} {path}: {runs} cold requests ===")
            report = io.StringIO()
            stats = pstats.Stats(profiler, stream=report)
            stats.sort_stats("tottime").print_stats(30)
            stats.sort_stats("cumulative").print_stats(50)
            self.stdout.write(report.getvalue())

    def header(self, title, states):
        width = 5 * len(states) + 3
        self.stdout.write(
            f"\n{title}: {' / '.join(states)}\n"
            f"{'page':<30}{'queries':>{width}}{'median ms':>{width}}"
            f"{'p95 ms':>{width}}{'SQL p95':>{width}}  budget"
        )

    def run_pass(self, client, page_list, states, rows, prefix=""):
        for label, path, max_queries, kind in page_list:
            name = f"{prefix}{label}"
            if self.only and not any(part in name for part in self.only):
                continue
            if callable(path):
                path = path()
            if path is None:
                rows.append({"label": label, "missing": True})
                self.stdout.write(f"{name:<30}  (no such page in this database)")
                continue
            target_ms = time_target_ms(kind)
            result = {}
            for state in states:
                if any(measured.get("slow") for measured in result.values()):
                    # Too slow to measure again: the other states are not.
                    result[state] = {**next(iter(result.values())), "copied": True}
                    continue
                with cache_state(state):
                    result[state] = measure(
                        client,
                        path,
                        self.runs,
                        next(self.addresses),
                        self.slow_seconds,
                    )
            over = over_budget(result, max_queries, target_ms, self.queries_only)
            if any(measured.get("slow") for measured in result.values()):
                over.append(
                    f"measured once, over {self.slow_seconds:g} s: the first "
                    f"state's first request stands for every state"
                )
            if over:
                self.failures.append(f"{name} ({', '.join(over)})")
            rows.append(
                {
                    "label": label,
                    "path": path,
                    "kind": kind,
                    "max_queries": max_queries,
                    "target_ms": target_ms,
                    "over": over,
                    **result,
                }
            )

            def column(key, result=result):
                return "/".join(f"{result[state][key]:.0f}" for state in states)

            width = 5 * len(states) + 3
            self.stdout.write(
                f"{name:<30}{column('queries'):>{width}}"
                f"{column('median_ms'):>{width}}{column('p95_ms'):>{width}}"
                f"{column('sql_p95_ms'):>{width}}"
                f"  {max_queries} q, {target_ms} ms{'  OVER' if over else ''}"
            )
            self.stdout.flush()  # a page can take minutes at bench size
            if self.save:
                self.save()
