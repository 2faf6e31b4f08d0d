"""The editors' screens for the network in the Wagtail admin.

Municipalities, neighbourhoods, members and join applications are snippets. An
application changes only through a decision: its inspect screen shows the whole
application with the decision form, which posts to `DecideApplicationView`; the
decision itself is `network.services.approve` or `.reject`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.snippets.views.snippets import (
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from network import services
from network.models import (
    APPLICANT_FIELDS,
    ApplicationStatus,
    MemberProfile,
    MembershipApplication,
    Municipality,
    Neighbourhood,
)
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


# Deciding on a join application ------------------------------------------------


class Decision(models.TextChoices):
    """An editor's decision on a join application."""

    REVIEW = "review", _("In behandeling nemen")
    APPROVE = "approve", _("Goedkeuren")
    REJECT = "reject", _("Afwijzen")


class DecisionForm(forms.Form):
    """Approve or reject an application in the admin, with a note."""

    decision = forms.ChoiceField(choices=Decision.choices)
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bij een afwijzing krijgt de aanvrager deze tekst in de e-mail; "
            "bij goedkeuring staat hij in de uitnodiging."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        rejected = cleaned.get("decision") == Decision.REJECT
        if rejected and not cleaned.get("note", "").strip():
            self.add_error("note", _("Leg kort uit waarom je de aanvraag afwijst."))
        return cleaned


class DecideApplicationView(View):
    """POST from the application's admin screen: approve or reject with a note."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.has_perm("network.change_membershipapplication"):
            raise PermissionDenied
        application = get_object_or_404(MembershipApplication, pk=pk)
        inspect_url = reverse(
            "wagtailsnippets_network_membershipapplication:inspect", args=[pk]
        )
        form = DecisionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(inspect_url)
        note = form.cleaned_data["note"].strip()
        if form.cleaned_data["decision"] == Decision.REVIEW:
            decided = services.take_up(application, request.user)
            done = _(
                "De aanvraag is in behandeling; de gemeente staat nu publiek als "
                "kandidaat."
            )
        elif form.cleaned_data["decision"] == Decision.APPROVE:
            decided = services.approve(application, request.user, note)
            done = _(
                "De aanvraag is goedgekeurd; de uitnodiging is klaargezet. Hieronder "
                "zie je of ze al afgeleverd is."
            )
        else:
            decided = services.reject(application, request.user, note)
            done = _(
                "De aanvraag is afgewezen; de e-mail aan de aanvrager is klaargezet."
            )
        if decided:
            messages.success(request, done)
        else:
            messages.warning(request, _("Over deze aanvraag was al beslist."))
        return redirect(inspect_url)


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
        context["is_open"] = self.object.status in services.OPEN_STATUSES
        context["can_take_up"] = self.object.status == ApplicationStatus.SUBMITTED
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
        *APPLICANT_FIELDS,
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
