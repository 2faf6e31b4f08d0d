"""Measure building the weekly digests: total time, peak memory, queries per member.

Run on the bench database (`make bench` builds it): `manage.py bench_digests
--members 1500` first adds bench members (bulk, each following a theme, a
municipality and the agenda) until there are that many, then builds every
member's digest for the last seven days without sending anything, the way the
weekly run does (`sending.build_digests`).

Peak memory is the process's peak resident size (`getrusage`), so the timing
carries no tracing overhead; it includes Django itself.
"""

import random
import resource
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from digests.building import PeriodContent
from digests.models import Follow
from digests.sending import build_digests, recipients
from network.models import MemberProfile, Municipality

BENCH_DOMAIN = "bench-lid.example"


def add_bench_members(wanted, seed=1):
    User = get_user_model()
    have = recipients().count()
    missing = max(0, wanted - have)
    if not missing:
        return 0
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    themes = list(Tag.objects.all()[:50])
    municipalities = list(Municipality.objects.all())
    offset = User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").count()
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(
                email=f"lid{offset + n}@{BENCH_DOMAIN}",
                first_name="Bench",
                last_name=f"Lid {offset + n}",
                password=make_password(None),  # unusable: nobody logs in
            )
            for n in range(missing)
        )
        MemberProfile.objects.bulk_create(
            MemberProfile(user=user, municipality=rng.choice(municipalities))
            for user in users
        )
        follows = []
        for user in users:
            if themes:
                follows.append(Follow(user=user, theme=rng.choice(themes)))
            follows.append(Follow(user=user, municipality=rng.choice(municipalities)))
            follows.append(Follow(user=user, agenda=True))
        Follow.objects.bulk_create(follows)
    return missing


class Command(BaseCommand):
    help = "Build every member's weekly digest (send nothing); report the cost."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=0)

    def handle(self, *args, members, **options):
        added = add_bench_members(members) if members else 0
        if added:
            self.stdout.write(f"Added {added} bench members.")
        now = timezone.now()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as load_queries:
            content = PeriodContent(now - timedelta(days=7), now, now=now)
        loaded = time.perf_counter()
        built = items = 0
        with CaptureQueriesContext(connection) as member_queries:
            for digest in build_digests(content):
                built += 1
                items += digest.count()
        finished = time.perf_counter()
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        per_member = len(member_queries) / built if built else 0
        self.stdout.write(
            f"{built} digests ({items} items) in {finished - started:.1f} s "
            f"(loading the week {loaded - started:.1f} s: "
            f"{len(content.practices)} practices, {len(content.experiences)} "
            f"experiences, {len(content.reactions)} reactions, "
            f"{len(content.events)} events; "
            f"{(finished - loaded) / built * 1000 if built else 0:.1f} ms per member); "
            f"{len(load_queries)} queries to load the week, "
            f"{len(member_queries)} for all members, {per_member:.3f} per member; "
            f"peak memory {peak_kb / 1024:.0f} MB"
        )
