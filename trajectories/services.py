"""What the views, the admin and the other apps ask of trajectories."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from network.models import MemberProfile, MembershipStatus, Municipality
from portal.roles import MEMBERS_GROUP
from trajectories.models import (
    CLOSED_STATUSES,
    MentorContact,
    Trajectory,
    TrajectoryChange,
    TrajectoryStep,
)
from trajectories.route import current_phase, route_outline, version

PHASES_CACHE_SECONDS = 24 * 60 * 60
EDIT_PERMISSION = "trajectories.change_trajectorystep"


@dataclass(frozen=True)
class PublicPhase:
    """All the public may know of a trajectory: its current phase."""

    name: str
    index: int
    complete: bool
    is_example: bool

    @property
    def label(self):
        label = self.name
        if self.complete:
            label = gettext("%(phase)s (alle stappen gezet)") % {"phase": label}
        if self.is_example:
            label = gettext("%(phase)s – voorbeeld") % {"phase": label}
        return label


def followed_municipalities():
    """The members Mechelen mentors: each follows a trajectory (the mentor not)."""
    return Municipality.objects.filter(membership_status=MembershipStatus.MEMBER)


def closed_statuses_by_municipality():
    """municipality id -> {step id: status} for the closed steps, in one query."""
    statuses = {}
    rows = TrajectoryStep.objects.filter(status__in=CLOSED_STATUSES).values_list(
        "trajectory__municipality_id", "step_id", "status"
    )
    for municipality_id, step_id, status in rows:
        statuses.setdefault(municipality_id, {})[step_id] = status
    return statuses


def _compute_public_phases():
    route = route_outline()
    statuses = closed_statuses_by_municipality()
    result = {}
    for pk, is_example in followed_municipalities().values_list(
        "pk", "trajectory__is_example"
    ):
        state = current_phase(route, statuses.get(pk, {}))
        if state is not None:
            result[pk] = PublicPhase(
                name=state.phase.name,
                index=state.index,
                complete=state.complete,
                is_example=bool(is_example),
            )
    return result


def public_phase_annotations():
    """A municipality's phase as annotations of its own query (what
    `public_phase_label` reads): the phase of the first step, in route order,
    that its trajectory has not closed, and the last phase of the route."""
    from django.db.models import OuterRef, Subquery

    from trajectories.models import Step

    closed = TrajectoryStep.objects.filter(
        trajectory__municipality=OuterRef(OuterRef("pk")),
        status__in=CLOSED_STATUSES,
    ).values("step_id")
    steps = Step.objects.in_route_order()
    return {
        "public_phase_open": Subquery(
            steps.exclude(pk__in=closed).values("phase__name")[:1]
        ),
        "public_phase_last": Subquery(steps.reverse().values("phase__name")[:1]),
        "public_phase_example": Subquery(
            Trajectory.objects.filter(municipality=OuterRef("pk")).values("is_example")[
                :1
            ]
        ),
    }


def public_phase_label(municipality):
    """The label `public_phases` gives `municipality`, from the annotations of
    `public_phase_annotations` ("" without a phase), or None without them."""
    if not hasattr(municipality, "public_phase_last"):
        return None
    if (
        municipality.membership_status != MembershipStatus.MEMBER
        or municipality.public_phase_last is None
    ):
        return ""
    complete = municipality.public_phase_open is None
    return PublicPhase(
        name=municipality.public_phase_last
        if complete
        else municipality.public_phase_open,
        index=None,  # the label does not show it
        complete=complete,
        is_example=bool(municipality.public_phase_example),
    ).label


def public_phases():
    """Member municipality id -> `PublicPhase`, cached until anything changes."""
    key = f"trajectories:phases:{version()}"
    phases = cache.get(key)
    if phases is None:
        phases = _compute_public_phases()
        cache.set(key, phases, PHASES_CACHE_SECONDS)
    return phases


def can_edit_any(user):
    return user.is_authenticated and user.has_perm(EDIT_PERMISSION)


def accessible_trajectory(user, slug):
    """(trajectory, is_editor) for the municipality `slug`, or (None, False).

    A member (group Netwerkleden) follows only their own municipality, checked
    in one query; Mechelen's editors follow every member.
    """
    if not user.is_authenticated:
        return None, False
    profile = (
        MemberProfile.objects.filter(
            user=user,
            user__groups__name=MEMBERS_GROUP,
            municipality__slug=slug,
            municipality__membership_status=MembershipStatus.MEMBER,
        )
        .select_related("municipality__trajectory__based_on")
        .first()
    )
    if profile is not None:
        return _trajectory_of(profile.municipality), False
    if not can_edit_any(user):
        return None, False
    municipality = (
        followed_municipalities()
        .filter(slug=slug)
        .select_related("trajectory__based_on")
        .first()
    )
    if municipality is None:
        return None, False
    return _trajectory_of(municipality), True


def _trajectory_of(municipality):
    try:
        return municipality.trajectory
    except Trajectory.DoesNotExist:
        return trajectory_for(municipality)


def trajectory_for(municipality):
    trajectory, _created = Trajectory.objects.get_or_create(municipality=municipality)
    trajectory.municipality = municipality  # as given: no query to read it again
    return trajectory


def record_step(trajectory, step, *, status, date, note, user):
    """Save a step's new state and keep it in the history; False if nothing changed."""
    with transaction.atomic():
        row = (
            TrajectoryStep.objects.select_for_update()
            .filter(trajectory=trajectory, step_id=step.pk)
            .first()
        ) or TrajectoryStep(trajectory=trajectory, step_id=step.pk)
        if (row.status, row.date, row.note) == (status, date, note):
            return False
        row.status, row.date, row.note, row.updated_by = status, date, note, user
        row.clean()
        row.save()
        TrajectoryChange.objects.create(
            trajectory=trajectory,
            step_id=step.pk,
            step_title=step.title,
            status=status,
            date=date,
            note=note,
            changed_by=user,
            changed_at=timezone.now(),
        )
    return True


def record_based_on(trajectory, practice, user):
    if trajectory.based_on_id == (practice.pk if practice else None):
        return False
    with transaction.atomic():
        trajectory.based_on = practice
        trajectory.save(update_fields=["based_on"])
        summary = (
            gettext("Gebaseerd op: %(title)s") % {"title": practice.title}
            if practice
            else gettext("Niet meer gebaseerd op een praktijkvoorbeeld")
        )
        TrajectoryChange.objects.create(
            trajectory=trajectory, summary=summary[:255], changed_by=user
        )
    return True


def member_recipients(municipality):
    """The e-mail addresses of the municipality's active members."""
    return list(
        MemberProfile.objects.filter(municipality=municipality, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def overdue_contacts(today=None):
    return MentorContact.objects.overdue(today).select_related("municipality")


def adaptations_of(practice):
    """The member municipalities whose trajectory is based on `practice`."""
    return list(
        Trajectory.objects.of_members()
        .filter(based_on=practice)
        .select_related("municipality")
        .order_by("municipality__name")
    )


# Erasure (the `portal_erase_person` hook) --------------------------------------------

# The free text of the trajectory and the mentor log, which may name people.
MENTION_FIELDS = {
    TrajectoryStep: ("note",),
    TrajectoryChange: ("note", "summary"),
    MentorContact: ("topics", "agreements", "next_step"),
}


def erase_person(person):
    """Where a step note, a change or the mentor log names the person (their
    name or address), the mention is replaced; the rest of the record stays."""
    scrubbed = 0
    for model, fields in MENTION_FIELDS.items():
        for record in model.objects.only("pk", *fields).iterator():
            changed = {
                name: person.scrub(getattr(record, name))
                for name in fields
                if person.mentioned_in(getattr(record, name))
            }
            if changed:
                model.objects.filter(pk=record.pk).update(**changed)
                scrubbed += 1
    return {"trajectory_mentions": scrubbed}
