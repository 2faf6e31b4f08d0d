from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from digests import admin_views, views
from digests.models import Bounce, DigestRun, DigestSettings
from digests.questions import SHOWN, waiting_questions
from digests.sending import digests_paused


@hooks.register("register_site_urls")
def register_follow_urls():
    return [
        path("volgen/", include("digests.urls")),
        path("themas/<slug:slug>/", views.ThemeView.as_view(), name="theme"),
    ]


@hooks.register("portal_page_actions")
def follow_button(request, **subject):
    return views.follow_button(request, **subject)


@hooks.register("network_municipality_annotations")
def municipality_follow_annotation(member):
    return views.member_followed_annotation(member, "municipality")


@hooks.register("network_dashboard_annotations")
def dashboard_frequency_annotation(request):
    return views.dashboard_annotations()


@hooks.register("member_dashboard_sections")
def dashboard_follows(request, profile):
    return views.dashboard_section(request, profile)


@hooks.register("register_member_data")
def digest_member_data(user):
    """What the member follows and how often, in "download my data"."""
    return views.member_data(user)


class BounceViewSet(SnippetViewSet):
    model = Bounce
    icon = "warning"
    menu_label = _("Bounces")
    add_to_settings_menu = True
    list_display = ["email", "hard", "note", "created_at"]
    list_filter = ["hard"]
    search_fields = ["email"]
    search_backend_name = None
    copy_view_enabled = False


register_snippet(BounceViewSet)


@hooks.register("register_admin_urls")
def register_preview_url():
    return [path("digests/voorbeeld/", admin_views.preview, name="digests_preview")]


class PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PREVIEW_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_preview_menu_item():
    return PermissionMenuItem(
        _("Voorbeeld van een digest"),
        reverse("digests_preview"),
        icon_name="mail",
        order=900,
    )


class DigestPanel(Component):
    """On the admin's dashboard: the last run's counts, the pause, the preview."""

    name = "digests"
    order = 70
    template_name = "digests/admin/digest_panel.html"

    def get_context_data(self, parent_context):
        run = DigestRun.objects.first()
        return {
            "run": run,
            "counts": run.counts() if run else None,
            "paused": digests_paused(),
            "preview_url": reverse("digests_preview"),
            "settings_url": reverse(
                "wagtailsettings:edit",
                args=[DigestSettings._meta.app_label, DigestSettings._meta.model_name],
            ),
        }


class WaitingQuestionsPanel(Component):
    name = "waiting_questions"
    order = 65
    template_name = "digests/admin/questions_panel.html"

    def get_context_data(self, parent_context):
        questions = waiting_questions()
        return {"count": questions.count(), "questions": list(questions[:SHOWN])}


@hooks.register("construct_homepage_panels")
def add_digest_panels(request, panels):
    if request.user.has_perm("experiences.change_experience"):
        panels.append(WaitingQuestionsPanel())
    if request.user.has_perm(admin_views.PREVIEW_PERMISSION):
        panels.append(DigestPanel())


@hooks.register("portal_erase_person")
def digests_erase_person(person):
    """Follows and sends go with the account; a newsletter sign-up and the
    bounces kept for the address go by the address."""
    from digests.models import Subscriber

    return {"newsletter_signups": Subscriber.objects.erase_person(email=person.email)}
