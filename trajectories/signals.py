"""Keep cached phases, the route and the figures in step with the data.

Everything cached by this app hangs on one version number (`route.version`);
a change that the directory's map shows also moves the network's data version.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from network.models import Municipality, bump_data_version
from portal.models import Phase
from trajectories.activity import ACTIVITY_MODELS
from trajectories.models import Step, Trajectory, TrajectoryStep
from trajectories.route import bump_version

# Changes that move a municipality's public phase (directory, map, its page).
PHASE_MODELS = (Phase, Step, Trajectory, TrajectoryStep)


def _phase_changed(sender, **kwargs):
    bump_version()
    bump_data_version()


def _figures_changed(sender, **kwargs):
    bump_version()


SIGNALS = (("saved", post_save), ("deleted", post_delete))


def connect():
    # The guides and documents linked from a step are part of the cached route.
    for through in (Step.guides.through, Step.documents.through):
        m2m_changed.connect(
            _phase_changed,
            sender=through,
            dispatch_uid=f"trajectories.route.{through._meta.label}",
        )
    for name, signal in SIGNALS:
        for model in PHASE_MODELS:
            signal.connect(
                _phase_changed,
                sender=model,
                dispatch_uid=f"trajectories.phase.{model._meta.label}.{name}",
            )
        for model in (Municipality, *ACTIVITY_MODELS):
            signal.connect(
                _figures_changed,
                sender=model,
                dispatch_uid=f"trajectories.figures.{model._meta.label}.{name}",
            )
