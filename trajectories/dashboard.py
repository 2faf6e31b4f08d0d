"""The trajectory on the member's dashboard: progress, timeline, next step."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse
from django.utils import timezone

from network.models import MembershipStatus
from portal.aggregates import JSONGroupArray
from trajectories import services
from trajectories.models import MentorContact, TrajectoryStep
from trajectories.route import load_outline, load_step, next_step, progress
from trajectories.views import timeline


def dashboard_annotations():
    """For the dashboard's query of the member's profile: the status of each
    step of their municipality's trajectory that has a record, and how many of
    its mentor agreements are open and overdue."""
    statuses = (
        TrajectoryStep.objects.filter(trajectory__municipality=OuterRef("municipality"))
        .order_by()
        .values("trajectory")
        .annotate(rows=JSONGroupArray(JSONObject(step="step_id", status="status")))
        .values("rows")
    )
    today = timezone.localdate()
    return {
        "trajectory_statuses": Subquery(statuses),
        "open_agreements": _agreements(Q(due_date__gte=today)),
        "overdue_agreements": _agreements(Q(due_date__lt=today)),
    }


def _agreements(when):
    agreements = (
        MentorContact.objects.filter(
            when,
            municipality=OuterRef("municipality"),
            agreement_done=False,
            due_date__isnull=False,
        )
        .order_by()
        .values("municipality")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(agreements), 0)


def dashboard_context(request, profile):
    """The panel's context; `profile` comes with `dashboard_annotations`."""
    municipality = profile.municipality
    if municipality.membership_status != MembershipStatus.MEMBER:
        return None
    trajectory = services.trajectory_for(municipality)
    # The outline is enough for the timeline and the counts; only the next
    # step's links are shown.
    route = load_outline()
    statuses = {row["step"]: row["status"] for row in profile.trajectory_statuses or ()}
    state, phases = timeline(route, statuses)
    closed, total = progress(route, statuses)
    step = next_step(route, statuses)
    return {
        "municipality": municipality,
        "trajectory": trajectory,
        "state": state,
        "phases": phases,
        "closed": closed,
        "total": total,
        "percent": round(100 * closed / total) if total else 0,
        "next_step": step and load_step(step.pk),
        "open_agreements": profile.open_agreements,
        "overdue_agreements": profile.overdue_agreements,
        "trajectory_url": reverse("trajectories:trajectory", args=[municipality.slug]),
        "mentor_log_url": reverse("trajectories:mentor-log", args=[municipality.slug]),
    }
