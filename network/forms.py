from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from network.models import (
    APPLICANT_FIELDS,
    CONSENT_VERSION,
    MemberProfile,
    MembershipApplication,
    Municipality,
    Neighbourhood,
)
from portal.formtokens import OneTimeTokenFormMixin
from portal.models import ExperienceChoice, normalize_email
from portal.models.users import validate_ascii_local_part


class MunicipalityChoiceField(forms.ModelChoiceField):
    """Every municipality, with its membership shown in the option itself."""

    def label_from_instance(self, obj):
        if obj.is_member:
            return _("%(name)s (al lid: je sluit aan als collega)") % {"name": obj.name}
        return obj.name


class JoinForm(OneTimeTokenFormMixin, forms.ModelForm):
    municipality = MunicipalityChoiceField(
        label=_("Gemeente of stad"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Kies je gemeente"),
        error_messages={
            "required": _("Kies de gemeente waarvoor je werkt."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring"),
        error_messages={
            "required": _(
                "We kunnen je aanvraag alleen behandelen als je akkoord gaat met "
                "de privacyverklaring."
            )
        },
    )
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = MembershipApplication
        fields = ["municipality", *APPLICANT_FIELDS]
        labels = {
            "full_name": _("Voor- en achternaam"),
            "job_title": _("Functie"),
            "email": _("E-mailadres op het werk"),
            "phone": _("Telefoonnummer"),
            "motivation": _("Je motivatie"),
            "neighbourhoods": _("Wijken die je voor ogen hebt"),
            "housing_partner": _("Sociale huisvestingsmaatschappij"),
        }
        help_texts = {
            "motivation": _(
                "Vertel kort waarom je bestuur wil aansluiten en hoe ver je al "
                "staat: net begonnen, plannen klaar, of al pleinmakers aan de slag?"
            ),
            "email": _("Het adres dat je bij je bestuur gebruikt; het wordt je login."),
        }
        error_messages = {
            "full_name": {"required": _("Vul je naam in.")},
            "job_title": {"required": _("Vul je functie in.")},
            "email": {
                "required": _("Vul je e-mailadres in."),
                "invalid": _(
                    "Dit is geen geldig e-mailadres, bijvoorbeeld naam@gemeente.be."
                ),
            },
            "motivation": {"required": _("Vertel kort waarom je wil aansluiten.")},
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "motivation": forms.Textarea(attrs={"rows": 6}),
            "neighbourhoods": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        if privacy_url:
            self.fields["consent"].help_text = format_html(
                '{} <a href="{}">{}</a>.',
                _("We gebruiken je gegevens alleen om je aanvraag te behandelen."),
                privacy_url,
                _("Lees de privacyverklaring"),
            )

    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        validate_ascii_local_part(email)
        return email

    def known_address(self):
        """Why this valid form must not become an application, or None.

        The answer on screen is the same either way, so the form never tells
        who has an account or an open application; the address's owner gets
        the explanation by e-mail instead.
        """
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email=email).exists():
            return "account"
        if (
            MembershipApplication.objects.open()
            .filter(municipality=self.cleaned_data["municipality"], email=email)
            .exists()
        ):
            return "open-application"
        return None

    def save(self, commit=True):
        application = super().save(commit=False)
        application.consent_given_at = timezone.now()
        application.consent_version = CONSENT_VERSION
        if commit:
            application.save()
        return application


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord passen niet bij elkaar. Let op hoofdletters "
            "in je wachtwoord."
        ),
        "inactive": _("Dit account is niet actief."),
    }


class MemberPasswordResetForm(PasswordResetForm):
    """Also sends a link to invited members who never chose a password."""

    def get_users(self, email):
        return get_user_model()._default_manager.filter(
            email=normalize_email(email), is_active=True
        )


class MunicipalityDescriptionForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


NeighbourhoodFormSet = forms.inlineformset_factory(
    Municipality,
    Neighbourhood,
    fields=["name", "description", "pleinmakers_active"],
    extra=1,
    can_delete=True,
    max_num=30,
    widgets={"description": forms.Textarea(attrs={"rows": 3})},
)


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)

    class Meta:
        model = MemberProfile
        fields = [
            "job_title",
            "phone",
            "listed_publicly",
            "email_visible_to_members",
            "phone_visible_to_members",
        ]
        labels = {"job_title": _("Functie"), "phone": _("Telefoonnummer")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.order_fields(["first_name", "last_name"])

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.record_sharing_consent(timezone.now())
        if commit:
            profile.save()
        profile.user.first_name = self.cleaned_data["first_name"]
        profile.user.last_name = self.cleaned_data["last_name"]
        if commit:
            profile.user.save(update_fields=["first_name", "last_name"])
        return profile


class InviteColleagueForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres op het werk"),
        error_messages={
            "invalid": _(
                "Dit is geen geldig e-mailadres, bijvoorbeeld naam@gemeente.be."
            )
        },
    )

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        validate_ascii_local_part(email)
        return email

    def has_account(self):
        """Whether the address already has an account. Never shown on screen:
        the inviter gets the same answer either way (see `InviteColleagueView`)."""
        return (
            get_user_model().objects.filter(email=self.cleaned_data["email"]).exists()
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging: zo weten we zeker dat jij het bent."),
    )
    experiences = forms.ChoiceField(
        label=_("Wat je online deelde"),
        choices=[
            (
                ExperienceChoice.ANONYMISE,
                _("Laat staan, op naam van 'een voormalig lid van' mijn gemeente"),
            ),
            (ExperienceChoice.REMOVE, _("Verwijder alles wat ik deelde")),
        ],
        initial=ExperienceChoice.ANONYMISE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of wat je deelde blijft staan of verdwijnt.")
        },
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password
