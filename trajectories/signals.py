"""Keep cached phases, the route and the figures in step with the data.

Everything cached by this app hangs on one version number (`route.version`);
a change that the directory's map shows also moves the network's data version.
A change to what the figures count per month queues a recount of
`MonthlyCount` (`monthly_counts.schedule_refresh`).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from casestudies.models import CaseStudyPage, CaseStudyPageTag
from experiences.models import Experience, Reaction
from experiences.signals import hidden_changed
from network.models import Municipality, bump_data_version
from portal.models import Phase
from trajectories.activity import ACTIVITY_MODELS
from trajectories.models import Step, Trajectory, TrajectoryStep
from trajectories.monthly_counts import schedule_refresh
from trajectories.route import bump_version

# Changes that move a municipality's public phase (directory, map, its page).
PHASE_MODELS = (Phase, Step, Trajectory, TrajectoryStep)


def _phase_changed(sender, **kwargs):
    bump_version()
    bump_data_version()


def _figures_changed(sender, **kwargs):
    bump_version()


SIGNALS = (("saved", post_save), ("deleted", post_delete))

# A save that writes only other fields (a draft revision, moderation notes)
# moves no count.
COUNTED_FIELDS = {"live", "first_published_at"}


def _published_changed(sender, update_fields=None, **kwargs):
    if update_fields is None or COUNTED_FIELDS & set(update_fields):
        schedule_refresh()


def _reaction_saved(sender, created, **kwargs):
    # Only hiding changes a reaction's count afterwards (`hidden_changed`).
    if created:
        schedule_refresh()


def _connect_monthly_counts():
    uid = "trajectories.monthly_counts"
    for model in (Experience, CaseStudyPage):
        post_save.connect(
            _published_changed, sender=model, dispatch_uid=f"{uid}.{model}.saved"
        )
    post_save.connect(_reaction_saved, sender=Reaction, dispatch_uid=f"{uid}.reaction")
    # A practice's themes, and whether it is public (restrictions, moves).
    for model in (CaseStudyPageTag, PageViewRestriction):
        post_save.connect(
            schedule_refresh, sender=model, dispatch_uid=f"{uid}.{model}.saved"
        )
    for model in (
        Experience,
        Reaction,
        CaseStudyPage,
        CaseStudyPageTag,
        PageViewRestriction,
    ):
        post_delete.connect(
            schedule_refresh, sender=model, dispatch_uid=f"{uid}.{model}.deleted"
        )
    post_page_move.connect(schedule_refresh, dispatch_uid=f"{uid}.moved")
    hidden_changed.connect(schedule_refresh, dispatch_uid=f"{uid}.hidden")


def connect():
    _connect_monthly_counts()
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
