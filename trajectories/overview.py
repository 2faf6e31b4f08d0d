"""The editors' figures with private detail: status per municipality, overdue
agreements and members without activity, on screen and as an XLSX file."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import MemberProfile, Municipality
from trajectories.activity import Experience, Reaction
from trajectories.models import MentorContact, TrajectoryChange
from trajectories.route import current_phase, route_outline
from trajectories.services import (
    closed_statuses_by_municipality,
    followed_municipalities,
)

INACTIVE_AFTER = datetime.timedelta(days=183)


def _latest(queryset, field):
    return Subquery(
        queryset.filter(municipality=OuterRef("pk"))
        .order_by(f"-{field}")
        .values(field)[:1]
    )


@dataclass
class MemberRow:
    municipality: Municipality
    phase: str
    closed: int
    total: int
    last_activity: datetime.datetime | None
    upcoming: int
    overdue: int

    @property
    def percent(self):
        return round(100 * self.closed / self.total) if self.total else 0


def member_rows(today=None):
    """Every member municipality with its status; a fixed number of queries."""
    today = today or timezone.localdate()
    route = route_outline()
    step_ids = [step.pk for phase in route for step in phase.steps]
    closed = closed_statuses_by_municipality()
    members = (
        followed_municipalities()
        .annotate(
            last_change=Subquery(
                TrajectoryChange.objects.filter(trajectory__municipality=OuterRef("pk"))
                .order_by("-changed_at")
                .values("changed_at")[:1]
            ),
            last_experience=_latest(Experience.objects.all(), "created_at"),
            last_reaction=_latest(Reaction.objects.all(), "created_at"),
            last_login=_latest(MemberProfile.objects.all(), "user__last_login"),
            upcoming=Count(
                "mentor_contacts",
                filter=Q(
                    mentor_contacts__agreement_done=False,
                    mentor_contacts__due_date__gte=today,
                ),
            ),
            overdue=Count(
                "mentor_contacts",
                filter=Q(
                    mentor_contacts__agreement_done=False,
                    mentor_contacts__due_date__lt=today,
                ),
            ),
        )
        .order_by("name")
    )
    rows = []
    for municipality in members:
        statuses = closed.get(municipality.pk, {})
        state = current_phase(route, statuses)
        if state is None:
            phase = "–"
        elif state.complete:
            phase = _("%(phase)s (alle stappen gezet)") % {"phase": state.phase.name}
        else:
            phase = state.phase.name
        moments = [
            moment
            for moment in (
                municipality.last_change,
                municipality.last_experience,
                municipality.last_reaction,
                municipality.last_login,
            )
            if moment
        ]
        rows.append(
            MemberRow(
                municipality=municipality,
                phase=phase,
                closed=sum(1 for pk in step_ids if pk in statuses),
                total=len(step_ids),
                last_activity=max(moments) if moments else None,
                upcoming=municipality.upcoming,
                overdue=municipality.overdue,
            )
        )
    return rows


def inactive(rows, now=None):
    """Members without a change, experience, reaction or login for six months."""
    limit = (now or timezone.now()) - INACTIVE_AFTER
    return [
        row for row in rows if row.last_activity is None or row.last_activity < limit
    ]


def overdue_agreements(today=None):
    return list(
        MentorContact.objects.overdue(today)
        .select_related("municipality")
        .order_by("due_date", "pk")
    )
