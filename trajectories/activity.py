"""Members' activity, as trajectories counts it: experiences, reactions and
the agenda's meetings."""

from events.models import EventPage, Registration
from experiences.models import Experience, Reaction

# Models whose changes move the figures on (connected in `signals.py`).
ACTIVITY_MODELS = (Experience, Reaction, EventPage, Registration)


def published_experiences():
    return Experience.objects.published()


def visible_reactions():
    """Reactions anyone may see: not hidden, under a published experience."""
    return Reaction.objects.visible().filter(
        experience__live=True, experience__hidden_at__isnull=True
    )
