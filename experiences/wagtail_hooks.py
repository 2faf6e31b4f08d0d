from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from experiences import services
from experiences.admin import ModerationViewSetGroup, dashboard_lines
from experiences.sitemaps import ExperienceSitemap

register_snippet(ModerationViewSetGroup)


@hooks.register("portal_dashboard_lines")
def moderation_lines(request):
    return dashboard_lines(request)


@hooks.register("portal_search_kinds")
def experiences_search_kind():
    from experiences.models import Experience
    from portal.search import SearchKind

    return [
        SearchKind(
            "ervaring",
            _("Ervaring"),
            _("Ervaringen van leden"),
            # Newest first, as on the list of experiences.
            objects=lambda request: Experience.objects.published().order_by(
                "-first_published_at", "-id"
            ),
            by_relevance=False,
        )
    ]


@hooks.register("portal_sitemap_sections")
def experiences_sitemap():
    return "experiences", ExperienceSitemap


@hooks.register("register_member_data")
def experiences_member_data(user):
    return services.member_data(user)


@hooks.register("register_log_actions")
def register_experience_log_actions(actions):
    for action, label in (
        (services.SUBMIT_ACTION, _("Ervaring ingediend")),
        (services.APPROVE_ACTION, _("Ervaring gepubliceerd")),
        (services.REJECT_ACTION, _("Ervaring afgewezen")),
        (services.CHANGES_ACTION, _("Aanpassing gevraagd")),
        (services.WITHDRAW_ACTION, _("Ervaring ingetrokken")),
        (services.HIDE_ACTION, _("Verborgen")),
        (services.RESTORE_ACTION, _("Weer zichtbaar")),
    ):
        actions.register_action(action, label, label)


@hooks.register("portal_erase_person")
def experiences_erase_person(person):
    return services.erase_person(person)


@hooks.register("register_member_files")
def experiences_member_files(user):
    return services.member_photos(user)
