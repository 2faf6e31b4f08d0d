"""Questions to the network that wait for a first reaction."""

from datetime import timedelta

from django.db.models import Subquery
from django.utils import timezone

from experiences.models import Experience, ExperienceTheme

UNANSWERED_AFTER = timedelta(days=5)
SHOWN = 10


def waiting_questions(theme_ids=None):
    """Published questions without a visible reaction after five days, oldest
    first; only those with one of `theme_ids` when given."""
    questions = Experience.objects.unanswered_questions(
        timezone.now() - UNANSWERED_AFTER
    )
    if theme_ids is not None:
        # A semi-join: a join with DISTINCT compared whole rows (bodies too) of
        # every matching question before the ten oldest were taken.
        tagged = ExperienceTheme.objects.filter(tag_id__in=theme_ids)
        questions = questions.filter(pk__in=tagged.values("content_object_id"))
    return questions.select_related("municipality").order_by("first_published_at", "pk")


def oldest_waiting_questions(theme_ids=None, count=SHOWN):
    """The `count` oldest of `waiting_questions(theme_ids)`, chosen by id and
    then loaded: choosing whole rows, PostgreSQL read, sorted and gathered
    every question's row (bodies and all) to keep ten, 55 ms of the member's
    dashboard at 20,000 experiences; choosing ids took 9."""
    oldest = waiting_questions(theme_ids).values("pk")[:count]
    return (
        Experience.objects.filter(pk__in=Subquery(oldest))
        .select_related("municipality")
        # What the dashboard's list shows: a link and the municipality.
        .only("title", "slug", "first_published_at", "municipality__name")
        .order_by("first_published_at", "pk")
    )
