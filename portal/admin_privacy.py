"""The editors' screens for personal data: erase a person, and what retention
removes next."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal import retention
from portal.erasure import erase_person
from portal.models import ExperienceChoice, normalize_email

ERASE_PERMISSION = "portal.erase_person"


class ErasePersonForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres van de persoon"),
        help_text=gettext_lazy(
            "Alles met dit adres gaat weg: account, aanvragen, berichten via het "
            "contactformulier, inschrijvingen, e-mails in de wachtrij."
        ),
        error_messages={"invalid": gettext_lazy("Vul een geldig e-mailadres in.")},
    )
    experiences = forms.ChoiceField(
        label=gettext_lazy("Gepubliceerde ervaringen"),
        choices=ExperienceChoice.choices,
        initial=ExperienceChoice.REMOVE,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Ik begrijp dat dit niet ongedaan kan worden gemaakt."),
        error_messages={
            "required": gettext_lazy("Bevestig dat je deze persoon wil wissen.")
        },
    )

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        account = get_user_model().objects.filter(email=email).first()
        if account is not None and (
            account.is_staff
            or account.is_superuser
            or account.has_perm("wagtailadmin.access_admin")
        ):
            raise forms.ValidationError(
                _(
                    "Dit is een account van de redactie of een beheerder. Neem eerst "
                    "de rechten af onder Gebruikers."
                )
            )
        return email


class PersonalDataScreen(WagtailAdminTemplateMixin):
    """An admin screen for those who may erase people (`portal.erase_person`)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ERASE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class ErasePersonView(PersonalDataScreen, FormView):
    form_class = ErasePersonForm
    template_name = "portal/admin/erase_person.html"
    page_title = gettext_lazy("Persoon wissen")
    header_icon = "bin"

    def form_valid(self, form):
        counts = erase_person(
            email=form.cleaned_data["email"],
            experiences=form.cleaned_data["experiences"],
        )
        removed = sum(counts.values())
        messages.success(
            self.request,
            _("De persoon is gewist: %(count)s gegevens verwijderd of anoniem gemaakt.")
            % {"count": removed},
        )
        return redirect("portal_erase_person")


class RetentionView(PersonalDataScreen, TemplateView):
    template_name = "portal/admin/retention.html"
    page_title = gettext_lazy("Bewaartermijnen")
    header_icon = "history"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rules": retention.preview()}
