"""Questions to the network that wait for a first reaction."""

from datetime import timedelta

from django.db.models import Subquery
from django.utils import timezone

from experiences.models import Experience, ExperienceTheme
from portal.precompiled import PrecompiledQuery

UNANSWERED_AFTER = timedelta(days=5)
SHOWN = 10


def _waiting_since(older_than, theme_ids=None):
    questions = Experience.objects.unanswered_questions(older_than)
    if theme_ids is not None:
        # A semi-join: a join with DISTINCT compared whole rows (bodies too) of
        # every matching question before the ten oldest were taken.
        tagged = ExperienceTheme.objects.filter(tag_id__in=theme_ids)
        questions = questions.filter(pk__in=tagged.values("content_object_id"))
    return questions.select_related("municipality").order_by("first_published_at", "pk")


def waiting_questions(theme_ids=None):
    """Published questions without a visible reaction after five days, oldest
    first; only those with one of `theme_ids` when given."""
    return _waiting_since(timezone.now() - UNANSWERED_AFTER, theme_ids)


def _oldest_waiting(values):
    older_than, *theme_ids = values
    oldest = _waiting_since(older_than, theme_ids).values("pk")[:SHOWN]
    return (
        Experience.objects.filter(pk__in=Subquery(oldest))
        .select_related("municipality")
        # What the dashboard's list shows: a link and the municipality.
        .only("title", "slug", "first_published_at", "municipality__name")
        .order_by("first_published_at", "pk")
    )


# Kept SQL (`portal.precompiled`), one per number of themes: compiling the
# nested subqueries cost the member's dashboard more Python than the database
# spent on them.
_oldest_waiting_query = PrecompiledQuery(_oldest_waiting)


def oldest_waiting_questions(theme_ids):
    """The `SHOWN` oldest of `waiting_questions(theme_ids)`, chosen by id and
    then loaded: choosing whole rows, PostgreSQL read, sorted and gathered
    every question's row (bodies and all) to keep ten, 55 ms of the member's
    dashboard at 20,000 experiences; choosing ids took 9."""
    return _oldest_waiting_query(
        values=[timezone.now() - UNANSWERED_AFTER, *sorted(theme_ids)]
    )
