import logging

import django.forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal import formtokens, ratelimit
from portal.blocks import RICH_TEXT_FEATURES
from portal.mail import send_templated_mail

from .pages import BasePage
from .site_settings import SiteSettings

logger = logging.getLogger(__name__)

MESSAGE_MAX_LENGTH = 5000
# A field people never see; bots that fill in every input fill this one too.
HONEYPOT_FIELD = "website_adres"
RATE_LIMIT_SCOPE = "contact"
RATE_LIMIT = 5
RATE_LIMIT_PERIOD = 60 * 60


class ContactForm(formtokens.OneTimeTokenFormMixin, BaseForm):
    """The form the form builder makes, plus the honeypot and the one-time token."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = django.forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            widget=django.forms.TextInput(
                attrs={"autocomplete": "off", "tabindex": "-1"}
            ),
        )

    def visible_fields(self):
        # The template renders the honeypot on its own, out of sight.
        return [
            field for field in super().visible_fields() if field.name != HONEYPOT_FIELD
        ]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def submitted_data(self):
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (HONEYPOT_FIELD, formtokens.FIELD)
        }


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder with a length limit on every multi-line field."""

    def create_multiline_field(self, field, options):
        form_field = super().create_multiline_field(field, options)
        form_field.validators.append(
            MaxLengthValidator(
                MESSAGE_MAX_LENGTH,
                message=_(
                    "Je bericht is te lang: hoogstens %(limit_value)s tekens, je "
                    "schreef er %(show_value)s. Kort het wat in."
                ),
            )
        )
        return form_field

    def get_form_class(self):
        return type("ContactForm", (ContactForm,), self.formfields)


# A subject chosen on the form that starts with this word is a request to join,
# which belongs in the application workflow, not in the team's inbox.
JOIN_SUBJECT = "aansluiten"


def is_join_request(values):
    """Did the sender choose a subject that starts with 'Aansluiten'?"""
    return any(
        isinstance(value, str) and value.strip().casefold().startswith(JOIN_SUBJECT)
        for value in values
    )


class ContactStatus(models.TextChoices):
    NEW = "nieuw", _("nieuw")
    HANDLED = "behandeld", _("behandeld")
    FORWARDED = "doorgestuurd", _("doorgestuurd naar de aanvragen")


class ContactSubmissionQuerySet(models.QuerySet):
    def unhandled(self):
        return self.filter(status=ContactStatus.NEW)


class ContactSubmission(AbstractFormSubmission):
    """A message sent through the contact form, with where the team is with it,
    so the form is no second, unmanaged inbox."""

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContactStatus.choices,
        default=ContactStatus.NEW,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(
        _("status gewijzigd op"), null=True, blank=True
    )

    objects = ContactSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactbericht")
        verbose_name_plural = _("contactberichten")
        ordering = ["-submit_time"]

    def __str__(self):
        return f"{self.sender_name} – {self.subject}"

    def _value(self, *names):
        data = self.form_data or {}
        for name in names:
            if data.get(name):
                return str(data[name])
        return ""

    @property
    def sender_name(self):
        return self._value("naam", "name") or "–"

    @property
    def sender_email(self):
        return self._value("e_mailadres", "email")

    @property
    def subject(self):
        return self._value("onderwerp", "subject") or "–"

    @property
    def message(self):
        return self._value("bericht", "message")

    def save(self, *args, **kwargs):
        if self.pk and self.status != self.__class__.objects.get(pk=self.pk).status:
            self.status_changed_at = timezone.now()
        super().save(*args, **kwargs)


class ContactFormField(AbstractFormField):
    """One field of the contact form, as editors arrange them."""

    page = ParentalKey(
        "portal.ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ContactPage(AbstractEmailForm, BasePage):
    """The direct line to Mechelen's team: a form editors can change, and the press
    contact from the site settings."""

    thank_you_text = RichTextField(
        _("tekst na verzenden"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Wat de afzender ziet nadat het formulier verstuurd is."),
    )

    form_builder = ContactFormBuilder

    @property
    def submissions_list_view_class(self):
        from portal.exports import FormulaSafeSubmissionsListView

        return FormulaSafeSubmissionsListView

    content_panels = [
        *Page.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Velden van het formulier")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    help_text=_(
                        "Leeg laten: dan gaat het bericht naar het e-mailadres in de "
                        "portaalinstellingen."
                    ),
                ),
                FieldPanel("subject"),
            ],
            heading=_("E-mail naar het team"),
        ),
    ]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []

    template = "portal/contact_page.html"
    landing_page_template = "portal/contact_page_landing.html"

    class Meta:
        verbose_name = _("contactpagina")
        verbose_name_plural = _("contactpagina's")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            ip = ratelimit.client_ip(request)
            if ratelimit.is_limited(RATE_LIMIT_SCOPE, ip, RATE_LIMIT):
                return ratelimit.too_many_requests(
                    request,
                    _(
                        "Je hebt het afgelopen uur al vijf berichten gestuurd. Wacht "
                        "een uur, of mail ons rechtstreeks."
                    ),
                    retry_after=ratelimit.seconds_left(RATE_LIMIT_SCOPE, ip),
                )
            ratelimit.hit(RATE_LIMIT_SCOPE, ip, RATE_LIMIT_PERIOD)
            if request.POST.get(HONEYPOT_FIELD, "").strip():
                logger.info("Contact form honeypot filled; nothing saved or sent.")
                return self.render_landing_page(request)
        return super().serve(request, *args, **kwargs)

    def get_submission_class(self):
        return ContactSubmission

    def process_form_submission(self, form):
        """Save first, then send; a failing mail server never loses the message.

        Posted twice (a double click), it is saved and sent once; the second
        post gets the same thank-you page.
        """
        saved = []

        def save():
            saved.append(
                self.get_submission_class().objects.create(
                    form_data=form.submitted_data(), page=self
                )
            )
            return self.url

        formtokens.once("contact", form.token, save)
        if not saved:
            return None
        self.send_mails(form)
        return saved[0]

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["form_submission"] = form_submission
        # A request to join gets the way to the join form, here and in the mail.
        if form_submission and is_join_request(form_submission.form_data.values()):
            context["join_url"] = reverse("network:join")
        return TemplateResponse(
            request, self.get_landing_page_template(request), context
        )

    def send_mails(self, form):
        site_settings = SiteSettings.for_site(self.get_site())
        team = [
            address.strip()
            for address in (self.to_address or site_settings.email).split(",")
            if address.strip()
        ]
        sender = self.sender_address(form)
        context = {
            "page": self,
            "fields": [
                (field.label, self.display_value(form.cleaned_data.get(field.name)))
                for field in form.visible_fields()
            ],
            "site_settings": site_settings,
            "base_url": settings.PORTAL_BASE_URL,
            "join_url": settings.PORTAL_BASE_URL + reverse("network:join")
            if is_join_request(form.cleaned_data.values())
            else None,
        }
        send_templated_mail(
            "portal/email/contact_team",
            context,
            team,
            reply_to=[sender] if sender else None,
        )
        if sender:
            send_templated_mail("portal/email/contact_confirmation", context, [sender])

    def sender_address(self, form):
        for field in self.get_form_fields():
            if field.field_type == "email" and form.cleaned_data.get(field.clean_name):
                return form.cleaned_data[field.clean_name]
        return None

    @staticmethod
    def display_value(value):
        if value is True:
            return _("ja")
        if value in (False, None, ""):
            return "–"
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["site_settings"] = SiteSettings.for_request(request)
        return context
