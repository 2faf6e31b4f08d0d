"""Questions to the network that wait for a first reaction."""

from datetime import timedelta

from django.utils import timezone

from experiences.models import Experience

UNANSWERED_AFTER = timedelta(days=5)
SHOWN = 10


def waiting_questions(theme_ids=None):
    """Published questions without a visible reaction after five days, oldest
    first; only those with one of `theme_ids` when given."""
    questions = Experience.objects.unanswered_questions(
        timezone.now() - UNANSWERED_AFTER
    )
    if theme_ids is not None:
        questions = questions.filter(tagged_themes__tag_id__in=theme_ids).distinct()
    return questions.select_related("municipality").order_by("first_published_at", "pk")
