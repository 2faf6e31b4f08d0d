from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from network import services
from network.admin import NetworkViewSetGroup
from network.models import ApplicationStatus, MembershipApplication
from portal.dashboard import WorkLine, waiting_age

register_snippet(NetworkViewSetGroup)


@hooks.register("register_member_data")
def network_member_data(user):
    return services.member_data(user)


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    actions.register_action(
        services.APPROVE_ACTION, _("Aanvraag goedgekeurd"), _("Aanvraag goedgekeurd")
    )
    actions.register_action(
        services.REJECT_ACTION, _("Aanvraag afgewezen"), _("Aanvraag afgewezen")
    )
    actions.register_action(
        services.INVITE_ACTION, _("Collega uitgenodigd"), _("Collega uitgenodigd")
    )


@hooks.register("portal_dashboard_lines")
def applications_line(request):
    """Join applications waiting for a decision, and how long the oldest waits."""
    if not request.user.has_perm("network.change_membershipapplication"):
        return []
    waiting = MembershipApplication.objects.open()
    count = waiting.count()
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True)
    list_url = reverse("wagtailsnippets_network_membershipapplication:list")
    return [
        WorkLine(
            count=count,
            label=ngettext(
                "aanvraag tot aansluiting wacht op een beslissing",
                "aanvragen tot aansluiting wachten op een beslissing",
                count,
            ),
            url=f"{list_url}?status={ApplicationStatus.SUBMITTED}",
            detail=waiting_age(oldest.first()) if count else "",
            order=10,
        )
    ]
