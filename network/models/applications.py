from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Bump when the consent text on the join form changes; stored with every consent.
CONSENT_VERSION = "2026-01"
# What an applicant writes on the join form, besides the municipality.
APPLICANT_FIELDS = (
    "full_name",
    "job_title",
    "email",
    "phone",
    "motivation",
    "neighbourhoods",
    "housing_partner",
)


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "ingediend", _("ingediend")
    # An editor took the application up: only now does the municipality show
    # publicly as a candidate.
    IN_REVIEW = "behandeling", _("in behandeling")
    APPROVED = "goedgekeurd", _("goedgekeurd")
    REJECTED = "afgewezen", _("afgewezen")


class MembershipApplicationQuerySet(models.QuerySet):
    def open(self):
        """Waiting for a decision: submitted, or taken up for review."""
        return self.filter(
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW]
        )


class MembershipApplication(models.Model):
    """A local government's request to join, reviewed by Mechelen's editors."""

    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    full_name = models.CharField(_("naam"), max_length=150)
    job_title = models.CharField(_("functie"), max_length=150)
    email = models.EmailField(_("e-mailadres op het werk"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    motivation = models.TextField(
        _("motivatie"),
        max_length=3000,
        help_text=_("Waarom wil je aansluiten, en hoe ver sta je al?"),
    )
    neighbourhoods = models.TextField(
        _("wijken die je voor ogen hebt"), max_length=1000, blank=True
    )
    housing_partner = models.CharField(
        _("sociale huisvestingsmaatschappij"),
        max_length=200,
        blank=True,
        help_text=_("Met welke sociale huisvestingspartner werk je (graag) samen?"),
    )
    is_colleague = models.BooleanField(
        _("collega van een lid"),
        default=False,
        help_text=_("De gemeente was al lid toen de aanvraag binnenkwam."),
    )
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"))
    consent_version = models.CharField(_("versie van de privacytekst"), max_length=20)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    decision_note = models.TextField(_("toelichting bij de beslissing"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership_applications",
    )
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_("Een verzonnen aanvraag van de demo."),
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    objects = MembershipApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanvraag tot aansluiting")
        verbose_name_plural = _("aanvragen tot aansluiting")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.full_name} – {self.municipality}"
