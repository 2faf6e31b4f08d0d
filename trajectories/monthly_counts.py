"""The counts per month behind the figures page (`MonthlyCount`), kept fresh.

`refresh_monthly_counts` rebuilds the whole table with a few GROUP BY queries,
in one transaction: costly at scale, so it runs in the task worker after a
change (`schedule_refresh`, connected in `signals.py`) and never in a request.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth

from casestudies.models import CaseStudyPage, CaseStudyPageTag
from trajectories.activity import published_experiences, visible_reactions
from trajectories.models import MonthlyCount

# Set while a refresh is queued: more changes before it starts need no other.
QUEUED_KEY = "trajectories:monthly-counts:queued"
QUEUED_SECONDS = 10 * 60


def _per_month(queryset, field):
    return (
        queryset.annotate(month=TruncMonth(field))
        .values("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
    )


def _practices_per_theme_and_month():
    practices = CaseStudyPage.objects.live().public()
    return (
        CaseStudyPageTag.objects.filter(content_object__in=practices)
        .annotate(month=TruncMonth("content_object__first_published_at"))
        .values("tag__name", "month")
        .annotate(count=Count("content_object", distinct=True))
        .values_list("tag__name", "month", "count")
    )


def _as_date(month):
    # TruncMonth on a datetime gives an aware datetime; the table keeps the day.
    return month.date() if hasattr(month, "date") else month


def refresh_monthly_counts():
    """Recount everything the figures page reads from `MonthlyCount`."""
    Kind = MonthlyCount.Kind
    with transaction.atomic():
        rows = [
            MonthlyCount(kind=Kind.EXPERIENCES, month=_as_date(month), count=count)
            for month, count in _per_month(
                published_experiences(), "first_published_at"
            )
        ]
        rows += [
            MonthlyCount(kind=Kind.REACTIONS, month=_as_date(month), count=count)
            for month, count in _per_month(visible_reactions(), "created_at")
        ]
        rows += [
            MonthlyCount(
                kind=Kind.PRACTICES,
                key=name,
                month=_as_date(month) if month else None,
                count=count,
            )
            for name, month, count in _practices_per_theme_and_month()
        ]
        MonthlyCount.objects.all().delete()
        MonthlyCount.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _enqueue():
    from trajectories.tasks import refresh_monthly_counts_task

    # Set while queued, cleared when the task starts: a change committed while
    # it runs queues the next one.
    if cache.add(QUEUED_KEY, True, QUEUED_SECONDS):
        refresh_monthly_counts_task.enqueue()


def schedule_refresh(*args, **kwargs):
    """Recount once the current transaction commits; changes before the queued
    recount starts add no other (`QUEUED_KEY`)."""
    transaction.on_commit(_enqueue)
