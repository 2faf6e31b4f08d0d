from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from network import services
from network.admin import NetworkViewSetGroup

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
