from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from network import experience_services, services
from network.experience_admin import ModerationPanel, ModerationViewSetGroup
from network.forms import DecisionForm
from network.models import (
    ApplicationStatus,
    MemberProfile,
    MembershipApplication,
    Municipality,
    Neighbourhood,
)
from network.views import DecideApplicationView
from portal.models import OutgoingMail


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "nis_code", "province", "membership_status", "member_since"]
    list_filter = ["province", "membership_status"]
    search_fields = ["name", "nis_code"]
    ordering = ["name"]
    copy_view_enabled = False


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "home"
    menu_label = _("Wijken")
    list_display = ["name", "municipality", "pleinmakers_active"]
    list_filter = ["pleinmakers_active", "municipality__province"]
    search_fields = ["name", "municipality__name"]
    search_backend_name = None
    copy_view_enabled = False


class MemberProfileViewSet(SnippetViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = _("Leden")
    list_display = ["user", "municipality", "job_title", "listed_publicly"]
    list_filter = ["municipality__province", "listed_publicly"]
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__email",
        "municipality__name",
    ]
    search_backend_name = None
    copy_view_enabled = False


class ApplicationInspectView(InspectView):
    """The whole application on one screen, with the decision form below it."""

    template_name = "network/admin/application_inspect.html"

    def get_edit_url(self):
        return None

    def get_is_colleague_display_value(self):
        return _("ja") if self.object.is_colleague else _("nee")

    def get_decided_by_display_value(self):
        return self.object.decided_by or "–"

    def get_decided_at_display_value(self):
        return self.object.decided_at or "–"

    def get_user_display_value(self):
        return self.object.user or "–"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_open"] = self.object.status == ApplicationStatus.SUBMITTED
        context["can_decide"] = self.request.user.has_perm(
            "network.change_membershipapplication"
        )
        context["decision_form"] = DecisionForm()
        # What became of the mail to the applicant: "klaargezet" is not "sent".
        addresses = {self.object.email}
        if self.object.user_id:
            addresses.add(self.object.user.email)
        context["applicant_mails"] = OutgoingMail.objects.filter(
            template__in=[
                "network/email/invitation",
                "network/email/application_rejected",
            ],
            recipients__in=addresses,
        ).order_by("created_at")
        context["decide_url"] = reverse(
            "wagtailsnippets_network_membershipapplication:decide",
            args=[self.object.pk],
        )
        return context


class ApplicationEditView(EditView):
    """Applications change only through a decision, never by editing fields."""

    def dispatch(self, request, *args, **kwargs):
        return redirect(
            "wagtailsnippets_network_membershipapplication:inspect", self.kwargs["pk"]
        )


class MembershipApplicationViewSet(SnippetViewSet):
    model = MembershipApplication
    icon = "form"
    menu_label = _("Aanvragen")
    list_display = ["full_name", "municipality", "status", "is_colleague", "created_at"]
    list_filter = ["status", "municipality__province"]
    search_fields = ["full_name", "municipality__name", "email"]
    search_backend_name = None
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ApplicationInspectView
    edit_view_class = ApplicationEditView
    inspect_view_fields = [
        "municipality",
        "status",
        "is_colleague",
        "full_name",
        "job_title",
        "email",
        "phone",
        "motivation",
        "neighbourhoods",
        "housing_partner",
        "consent_given_at",
        "consent_version",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_note",
        "user",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", DecideApplicationView.as_view(), name="decide"),
        ]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (
        MembershipApplicationViewSet,
        MunicipalityViewSet,
        NeighbourhoodViewSet,
        MemberProfileViewSet,
    )
    menu_icon = "group"
    menu_label = _("Netwerk")
    menu_name = "network"
    menu_order = 300


register_snippet(NetworkViewSetGroup)
register_snippet(ModerationViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if request.user.has_perm("network.publish_experience"):
        panels.append(ModerationPanel())


@hooks.register("portal_search_sections")
def experiences_search_section(request, query):
    from network.experience_views import search_section

    return search_section(request, query)


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
    for action, label in (
        (experience_services.SUBMIT_ACTION, _("Ervaring ingediend")),
        (experience_services.APPROVE_ACTION, _("Ervaring gepubliceerd")),
        (experience_services.REJECT_ACTION, _("Ervaring afgewezen")),
        (experience_services.CHANGES_ACTION, _("Aanpassing gevraagd")),
        (experience_services.WITHDRAW_ACTION, _("Ervaring ingetrokken")),
        (experience_services.HIDE_ACTION, _("Verborgen")),
        (experience_services.RESTORE_ACTION, _("Weer zichtbaar")),
    ):
        actions.register_action(action, label, label)
