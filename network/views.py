from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from network import services
from network.directory import municipality_neighbourhoods, neighbourhoods_annotation
from network.extensions import dashboard_annotations, dashboard_sections
from network.forms import (
    DeleteAccountForm,
    InviteColleagueForm,
    JoinForm,
    LoginForm,
    MemberPasswordResetForm,
    MunicipalityDescriptionForm,
    NeighbourhoodFormSet,
    ProfileForm,
)
from network.models import (
    MemberProfile,
    Municipality,
    bump_data_version,
)
from network.tokens import invitation_token_generator
from portal import formtokens, member_data, ratelimit
from portal.lockout import LoginLockMixin, PasswordResetThrottleMixin
from portal.mixins import MetaMixin
from portal.models import SiteSettings
from portal.roles import is_network_member

# Every post counts, valid or not, so the form cannot be used to probe.
JOIN_LIMIT_PER_HOUR = 5
INVITE_LIMIT_PER_DAY = 10
SESSION_MUNICIPALITY_KEY = "network_join_municipality_id"


# Joining ---------------------------------------------------------------------


class JoinView(MetaMixin, FormView):
    form_class = JoinForm
    template_name = "network/join_form.html"
    meta_title = gettext_lazy("Aansluiten bij het lerend netwerk")
    meta_description = gettext_lazy(
        "Vraag aan om met je lokaal bestuur aan te sluiten bij het lerend netwerk "
        "pleinmakers van Stad Mechelen."
    )

    def post(self, request, *args, **kwargs):
        ip = ratelimit.client_ip(request)
        if ratelimit.is_limited("join", ip, JOIN_LIMIT_PER_HOUR):
            return ratelimit.too_many_requests(
                request,
                _(
                    "Vanaf dit adres kwam het voorbije uur al vijf keer een aanvraag "
                    "binnen. Probeer het later opnieuw of mail ons."
                ),
                retry_after=ratelimit.seconds_left("join", ip),
            )
        ratelimit.hit("join", ip, 60 * 60)
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        slug = self.request.GET.get("gemeente", "")
        municipality = Municipality.objects.filter(slug=slug).first() if slug else None
        return {"municipality": municipality} if municipality else {}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        settings = SiteSettings.for_request(self.request)
        if settings.privacy_page_id:
            kwargs["privacy_url"] = settings.privacy_page.url
        return kwargs

    def form_valid(self, form):
        if form.is_spam():
            # Look like success to the bot; keep nothing.
            return redirect("network:join-thanks")
        # Posted twice (a double click), it is handled once.
        url, _first = formtokens.once("join", form.token, lambda: self.apply(form))
        return redirect(url)

    def apply(self, form):
        self.request.session[SESSION_MUNICIPALITY_KEY] = form.cleaned_data[
            "municipality"
        ].pk
        known = form.known_address()
        if known:
            # The same answer as a new application; the explanation goes to
            # the address itself.
            services.explain_known_address(form.cleaned_data["email"], known)
        else:
            services.submit_application(form.save(commit=False))
        return reverse("network:join-thanks")


class JoinThanksView(MetaMixin, TemplateView):
    template_name = "network/join_thanks.html"
    meta_title = gettext_lazy("Bedankt voor je aanvraag")
    meta_noindex = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = self.request.session.get(SESSION_MUNICIPALITY_KEY)
        municipality = Municipality.objects.filter(pk=pk).first() if pk else None
        # Said for every post for a member municipality, whether or not the
        # address was known, so the page tells nothing about the address.
        context["colleague_of"] = (
            municipality if municipality and municipality.is_member else None
        )
        return context


# Logging in and out ------------------------------------------------------------


class MemberLoginView(LoginLockMixin, MetaMixin, auth_views.LoginView):
    form_class = LoginForm
    template_name = "network/account/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("account:dashboard")
    meta_title = gettext_lazy("Aanmelden")
    meta_description = gettext_lazy("Meld je aan als lid van het lerend netwerk.")
    meta_noindex = True


class MemberLogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(
    PasswordResetThrottleMixin, MetaMixin, auth_views.PasswordResetView
):
    form_class = MemberPasswordResetForm
    template_name = "network/account/password_reset_form.html"
    email_template_name = "network/email/password_reset_body.txt"
    subject_template_name = "network/email/password_reset_subject.txt"
    success_url = reverse_lazy("account:password-reset-done")
    meta_title = gettext_lazy("Wachtwoord vergeten")
    meta_noindex = True


class PasswordResetDoneView(MetaMixin, auth_views.PasswordResetDoneView):
    template_name = "network/account/password_reset_done.html"
    meta_title = gettext_lazy("Kijk in je mailbox")
    meta_noindex = True


class PasswordResetConfirmView(MetaMixin, auth_views.PasswordResetConfirmView):
    template_name = "network/account/set_password.html"
    success_url = reverse_lazy("account:dashboard")
    post_reset_login = True
    meta_title = gettext_lazy("Kies een nieuw wachtwoord")
    meta_noindex = True


class InvitationConfirmView(PasswordResetConfirmView):
    """The link in an invitation: choose a first password, then you are logged in."""

    token_generator = invitation_token_generator
    reset_url_token = "wachtwoord-kiezen"  # noqa: S105 (a URL segment)
    meta_title = gettext_lazy("Kies je wachtwoord")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = True
        return context


class PasswordChangeView(MetaMixin, auth_views.PasswordChangeView):
    template_name = "network/account/password_change.html"
    success_url = reverse_lazy("account:dashboard")
    meta_title = gettext_lazy("Wachtwoord wijzigen")
    meta_noindex = True

    def form_valid(self, form):
        messages.success(self.request, _("Je wachtwoord is gewijzigd."))
        return super().form_valid(form)


# The member's own pages ----------------------------------------------------------


class MemberRequiredMixin(LoginRequiredMixin):
    """Logged in, in Netwerkleden and linked to a municipality."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.profile = (
            MemberProfile.objects.select_related("municipality", "user")
            .filter(user=request.user)
            .first()
        )
        if self.profile is None or not is_network_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Own experiences per page of the dashboard.
EXPERIENCES_PER_PAGE = 10
# What the dashboard's list reads of each (its link and
# `experiences/includes/experience_status.html`), and the author the related
# manager sets on each: not the bodies.
DASHBOARD_EXPERIENCE_FIELDS = (
    "author",
    "title",
    "slug",
    "live",
    "hidden_at",
    "status",
    "moderation_note",
)


class DashboardView(LoginRequiredMixin, MetaMixin, TemplateView):
    template_name = "network/account/dashboard.html"
    meta_title = gettext_lazy("Mijn account")
    meta_noindex = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Filled by the apps above this one, through their reverse relations.
        own_experiences = self.request.user.experiences
        # One query for the profile and what every panel shows about the
        # member (each app's through `network_dashboard_annotations`), rather
        # than one or more per panel.
        profile = (
            MemberProfile.objects.select_related("municipality")
            .annotate(
                **neighbourhoods_annotation(municipality="municipality"),
                experience_count=Coalesce(
                    Subquery(
                        own_experiences.order_by()
                        .values("author")
                        .annotate(count=Count("pk"))
                        .values("count")
                    ),
                    0,
                ),
                **dashboard_annotations(self.request),
            )
            .filter(user=self.request.user)
            .first()
        )
        context["profile"] = profile
        if profile:
            municipality = profile.municipality
            municipality.neighbourhood_rows = profile.neighbourhood_rows
            context["municipality"] = municipality
            context["neighbourhoods"] = municipality_neighbourhoods(municipality)
            context["colleagues"] = list(
                MemberProfile.objects.filter(municipality=profile.municipality)
                .exclude(user=self.request.user)
                .select_related("user")
            )
            # Paged: a prolific member's list must not grow the page. Counted
            # with the profile, so the pager asks no count of its own.
            experiences = Paginator(
                own_experiences.order_by("-created_at", "-pk").only(
                    *DASHBOARD_EXPERIENCE_FIELDS
                ),
                EXPERIENCES_PER_PAGE,
            )
            experiences.count = profile.experience_count
            context["experiences_page"] = experiences.get_page(
                self.request.GET.get("page")
            )
            context["experiences"] = context["experiences_page"].object_list
            context["extra_sections"] = dashboard_sections(self.request, profile)
        return context


class MunicipalityEditView(MemberRequiredMixin, MetaMixin, TemplateView):
    """Edit my municipality's public description and neighbourhoods.

    The municipality always comes from my profile: a posted id changes nothing.
    """

    template_name = "network/account/municipality_form.html"
    meta_title = gettext_lazy("Mijn gemeente bewerken")
    meta_noindex = True

    def get_forms(self, data=None):
        municipality = self.profile.municipality
        return (
            MunicipalityDescriptionForm(data, instance=municipality),
            NeighbourhoodFormSet(data, instance=municipality, prefix="wijken"),
        )

    def get(self, request, *args, **kwargs):
        form, formset = self.get_forms()
        return self.render_to_response(
            self.get_context_data(form=form, formset=formset)
        )

    def post(self, request, *args, **kwargs):
        form, formset = self.get_forms(request.POST)
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                form.save()
                formset.save()
            bump_data_version()
            messages.success(request, _("De gegevens van je gemeente zijn bewaard."))
            return redirect("account:dashboard")
        return self.render_to_response(
            self.get_context_data(form=form, formset=formset)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.profile.municipality
        return context


class ProfileEditView(MemberRequiredMixin, MetaMixin, FormView):
    form_class = ProfileForm
    template_name = "network/account/profile_form.html"
    success_url = reverse_lazy("account:dashboard")
    meta_title = gettext_lazy("Mijn profiel")
    meta_noindex = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.profile}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Je profiel is bewaard."))
        return super().form_valid(form)


class InviteColleagueView(MemberRequiredMixin, MetaMixin, FormView):
    form_class = InviteColleagueForm
    template_name = "network/account/invite_form.html"
    success_url = reverse_lazy("account:dashboard")
    meta_title = gettext_lazy("Een collega uitnodigen")
    meta_noindex = True

    def post(self, request, *args, **kwargs):
        if ratelimit.is_limited("invite", request.user.pk, INVITE_LIMIT_PER_DAY):
            return ratelimit.too_many_requests(
                request, retry_after=ratelimit.seconds_left("invite", request.user.pk)
            )
        # Every post counts, valid or not, so the form cannot be used to probe.
        ratelimit.hit("invite", request.user.pk, 24 * 60 * 60)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if form.has_account():
            # The same answer as a new invitation, so a member cannot test
            # which addresses have an account; the address's owner is told.
            services.explain_known_address(email, "invited")
        else:
            services.invite_colleague(
                self.request.user,
                email,
                form.cleaned_data["first_name"],
                form.cleaned_data["last_name"],
            )
        messages.success(
            self.request,
            _(
                "De uitnodiging voor %(email)s is klaargezet: je collega krijgt zo "
                "een e-mail om een wachtwoord te kiezen."
            )
            % {"email": email},
        )
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.profile.municipality
        return context


class DataExportView(LoginRequiredMixin, View):
    """ "Download my data": JSON, a ZIP (JSON, HTML and the original photos) or
    a page to read."""

    format = "json"

    def get(self, request):
        if self.format == "zip":
            response = HttpResponse(
                member_data.as_zip(request.user, request),
                content_type="application/zip",
            )
            response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.zip"'
            return response
        data = services.export_member_data(request.user)
        if self.format == "html":
            return HttpResponse(member_data.as_html(data, request))
        response = HttpResponse(
            member_data.as_json(data), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return response


class DeleteAccountView(LoginRequiredMixin, MetaMixin, FormView):
    form_class = DeleteAccountForm
    template_name = "network/account/delete_form.html"
    meta_title = gettext_lazy("Mijn account verwijderen")
    meta_noindex = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user = self.request.user
        if user.is_staff or user.is_superuser:
            raise PermissionDenied
        logout(self.request)
        services.delete_member_account(
            user, experiences=form.cleaned_data["experiences"]
        )
        return redirect("account:deleted")


class AccountDeletedView(MetaMixin, TemplateView):
    template_name = "network/account/deleted.html"
    meta_title = gettext_lazy("Je account is verwijderd")
    meta_noindex = True
