"""Members' experiences and reactions, as trajectories counts them.

The layout branch (#13) moves these models from `network` to `experiences`;
this import is the only line of this app that then changes.
"""

from network.models import Experience, Reaction

# Models whose changes move the figures on (connected in `signals.py`).
ACTIVITY_MODELS = (Experience, Reaction)


def published_experiences():
    return Experience.objects.published()


def visible_reactions():
    """Reactions anyone may see: not hidden, under a published experience."""
    return Reaction.objects.visible().filter(
        experience__live=True, experience__hidden_at__isnull=True
    )
