"""The trajectory on the member's dashboard: progress, timeline, next step."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from network.models import MembershipStatus
from trajectories import services
from trajectories.models import MentorContact
from trajectories.route import load_route, next_step, progress
from trajectories.views import timeline


def dashboard_context(request, profile):
    municipality = profile.municipality
    if municipality.membership_status != MembershipStatus.MEMBER:
        return None
    trajectory = services.trajectory_for(municipality)
    route = load_route()
    statuses = dict(trajectory.steps.values_list("step_id", "status"))
    state, phases = timeline(route, statuses)
    closed, total = progress(route, statuses)
    today = timezone.localdate()
    agreements = MentorContact.objects.filter(
        municipality=municipality, agreement_done=False, due_date__isnull=False
    ).aggregate(
        upcoming=Count("pk", filter=Q(due_date__gte=today)),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
    )
    return {
        "municipality": municipality,
        "trajectory": trajectory,
        "state": state,
        "phases": phases,
        "closed": closed,
        "total": total,
        "percent": round(100 * closed / total) if total else 0,
        "next_step": next_step(route, statuses),
        "open_agreements": agreements["upcoming"],
        "overdue_agreements": agreements["overdue"],
        "trajectory_url": reverse("trajectories:trajectory", args=[municipality.slug]),
        "mentor_log_url": reverse("trajectories:mentor-log", args=[municipality.slug]),
    }
