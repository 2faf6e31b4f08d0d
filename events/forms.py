from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import BRUSSELS, Audience, EventKind, Registration
from network.models import Municipality
from portal.filters import ListFilter

UPCOMING = "komend"
PAST = "voorbij"


class AgendaFilterForm(ListFilter):
    """The agenda's filters: kind, audience and period, on the one filter contract
    of every list (`portal.filters.ListFilter`): a value it does not know is left
    out with a note, and the list, the RSS feed and the calendar feed share it."""

    soort = forms.MultipleChoiceField(
        label=gettext_lazy("Soort bijeenkomst"),
        choices=EventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publiek = forms.ChoiceField(
        label=gettext_lazy("Voor wie"),
        choices=[("", gettext_lazy("Iedereen")), *Audience.choices],
        required=False,
    )
    periode = forms.ChoiceField(
        label=gettext_lazy("Wanneer"),
        choices=[
            ("", gettext_lazy("Komend en voorbij")),
            (UPCOMING, gettext_lazy("Komende bijeenkomsten")),
            (PAST, gettext_lazy("Voorbije bijeenkomsten")),
        ],
        required=False,
    )

    def __init__(self, data=None, *, years=()):
        super().__init__(data)
        self.fields["periode"].choices = [
            *self.fields["periode"].choices,
            *[(str(year), _("In %(year)s") % {"year": year}) for year in years],
        ]

    def filter_soort(self, events, kinds):
        return events.filter(kind__in=kinds)

    def filter_publiek(self, events, audience):
        return events.filter(audience=audience)

    def filter_periode(self, events, period):
        if period == UPCOMING:
            return events.upcoming()
        if period == PAST:
            return events.past()
        return events.filter(start__year=int(period))


def past_years(events):
    """The years (Brussels time) with past events, newest first; one query."""
    return [
        moment.year
        for moment in events.past()
        .order_by()
        .datetimes("start", "year", order="DESC", tzinfo=BRUSSELS)
    ]


class VisitorRegistrationForm(forms.ModelForm):
    """Registering without an account, for an event open to all."""

    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Geen of een andere"),
        help_text=gettext_lazy("Werk je voor een Vlaamse gemeente? Kies ze hier."),
        error_messages={
            "invalid_choice": gettext_lazy("Kies een gemeente uit de lijst.")
        },
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "Ik ga akkoord dat de stad mijn gegevens gebruikt voor deze bijeenkomst"
        ),
        error_messages={
            "required": gettext_lazy(
                "We kunnen je alleen inschrijven als je akkoord gaat met het gebruik "
                "van je gegevens."
            )
        },
    )
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        label=gettext_lazy("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "municipality"]
        labels = {
            "name": gettext_lazy("Voor- en achternaam"),
            "email": gettext_lazy("E-mailadres"),
            "organisation": gettext_lazy("Organisatie"),
        }
        help_texts = {
            "email": gettext_lazy(
                "Hierheen sturen we de bevestiging, je agenda-bestand en de link om "
                "te annuleren."
            ),
            "organisation": gettext_lazy(
                "Bijvoorbeeld je bestuur, OCMW of huisvestingsmaatschappij."
            ),
        }
        error_messages = {
            "name": {"required": gettext_lazy("Vul je naam in.")},
            "email": {
                "required": gettext_lazy("Vul je e-mailadres in."),
                "invalid": gettext_lazy(
                    "Dit is geen geldig e-mailadres, bijvoorbeeld naam@gemeente.be."
                ),
            },
            "organisation": {"required": gettext_lazy("Vul je organisatie in.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["organisation"].required = True
        help_text = _(
            "We bewaren je naam, e-mailadres, organisatie en gemeente om je "
            "inschrijving te regelen en je te mailen over deze bijeenkomst."
        )
        if privacy_url:
            self.fields["consent"].help_text = format_html(
                '{} <a href="{}">{}</a>.',
                help_text,
                privacy_url,
                _("Lees de privacyverklaring"),
            )
        else:
            self.fields["consent"].help_text = help_text

    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MessageForm(forms.Form):
    """An editor's e-mail to everyone registered for one event."""

    subject = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        max_length=150,
        error_messages={"required": gettext_lazy("Geef je bericht een onderwerp.")},
    )
    message = forms.CharField(
        label=gettext_lazy("Bericht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Schrijf je bericht.")},
        help_text=gettext_lazy(
            "Platte tekst. Elke ontvanger krijgt het apart, met de link naar de "
            "eigen inschrijving eronder."
        ),
    )
    include_waiting_list = forms.BooleanField(
        label=gettext_lazy("Ook aan wie op de wachtlijst staat"), required=False
    )
