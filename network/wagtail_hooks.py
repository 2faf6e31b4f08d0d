from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from network import services
from network.admin import NetworkViewSetGroup
from network.models import ApplicationStatus, MembershipApplication
from portal.dashboard import WorkLine, waiting_age
from portal.sitemaps import ViewSitemap

register_snippet(NetworkViewSetGroup)


@hooks.register("portal_sitemap_sections")
def join_sitemap():
    """The public form with which a local government applies to join."""
    return "join", ViewSitemap.of("network:join")


@hooks.register("register_member_data")
def network_member_data(user):
    return services.member_data(user)


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    actions.register_action(
        services.APPROVE_ACTION, _("Aanvraag goedgekeurd"), _("Aanvraag goedgekeurd")
    )
    actions.register_action(
        services.REVIEW_ACTION,
        _("Aanvraag in behandeling"),
        _("Aanvraag in behandeling"),
    )
    actions.register_action(
        services.REJECT_ACTION, _("Aanvraag afgewezen"), _("Aanvraag afgewezen")
    )
    actions.register_action(
        services.INVITE_ACTION, _("Collega uitgenodigd"), _("Collega uitgenodigd")
    )


@hooks.register("portal_search_kinds")
def network_search_kind():
    from network.models import Municipality
    from portal.search import SearchKind

    def summary(municipality):
        return municipality.description or _(
            "Gemeente in de provincie %(province)s."
        ) % {"province": municipality.get_province_display()}

    return [
        SearchKind(
            "gemeente",
            _("Gemeente"),
            _("Gemeenten"),
            objects=lambda request: Municipality.objects.all(),
            text=summary,
        )
    ]


@hooks.register("portal_erase_person")
def network_erase_person(person):
    return services.erase_person(person)


@hooks.register("portal_known_addresses")
def network_known_addresses():
    return services.known_addresses()


@hooks.register("portal_retention_rules")
def network_retention_rules():
    return services.retention_rules()


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
