"""Registrations: who has a place, who waits for one, and who came.

The waiting list is the registrations with status `wachtlijst` in the order they
came in (`created_at`, then `pk`). Capacity is enforced in `events.services`
under a lock on the event row; the constraints below are the last safety net
against one person holding two registrations for one event.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Bump when the consent text on the registration form changes.
CONSENT_VERSION = "2026-01"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "ingeschreven", _("ingeschreven")
    WAITLISTED = "wachtlijst", _("op de wachtlijst")
    CANCELLED = "geannuleerd", _("geannuleerd")


def normalise_email(email):
    return (email or "").strip().lower()


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations that still count: a place or a spot on the waiting list."""
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        """The waiting list, first in line first."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by(
            "created_at", "pk"
        )

    def of_person(self, *, email=None, user=None):
        """Registrations made by this e-mail address or this account."""
        condition = Q(pk__in=[])
        if email:
            condition |= Q(email__iexact=normalise_email(email))
        if user is not None and user.pk:
            condition |= Q(user=user)
        return self.filter(condition)

    def for_upcoming_events(self, now=None):
        return self.filter(event__end__gte=now or timezone.now())

    def counts(self):
        """Places taken, people waiting and people who came, in one query."""
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
            attended=Count("pk", filter=Q(attended=True)),
        )


class RegistrationManager(models.Manager.from_queryset(RegistrationQuerySet)):
    def erase_person(self, *, email=None, user=None):
        """Remove a person from every registration (see `services.erase_person`).

        Coming events: the registration is cancelled (the place goes to the
        waiting list) and its personal data wiped; past events keep an anonymous
        row so attendance figures stay right. Returns how many were erased.
        """
        from events.services import erase_person

        return erase_person(email=email, user=user)


class Registration(models.Model):
    """One person for one event: a member with their account, or a visitor."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        # Erasure empties the row first (a pre_delete receiver); this only
        # keeps the anonymous row of a past event when the account goes.
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    created_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van de wachtlijst op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    consent_given_at = models.DateTimeField(
        _("toestemming gegeven op"), null=True, blank=True
    )
    consent_version = models.CharField(
        _("versie van de privacytekst"), max_length=20, blank=True
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(
        _("herinnering verstuurd op"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)

    objects = RegistrationManager()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status=RegistrationStatus.CANCELLED) & ~Q(email=""),
                name="events_one_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status=RegistrationStatus.CANCELLED)
                & Q(user__isnull=False),
                name="events_one_registration_per_account",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event_id}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    @property
    def affiliation(self):
        """Where the person works: the organisation they gave, or their municipality."""
        if self.organisation:
            return self.organisation
        return self.municipality.name if self.municipality_id else ""

    def waiting_position(self):
        """1 for the first in line; None when not on the waiting list."""
        if not self.is_waitlisted:
            return None
        ahead = (
            Registration.objects.waitlisted()
            .filter(event_id=self.event_id)
            .filter(
                Q(created_at__lt=self.created_at)
                | Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .count()
        )
        return ahead + 1

    def anonymise(self):
        """Wipe who this was; keep the event, the municipality and attendance.

        A new uuid makes every link that was mailed to the person stop working.
        """
        self.name = gettext("(gegevens verwijderd)")
        self.email = ""
        self.organisation = ""
        self.user = None
        self.consent_given_at = None
        self.consent_version = ""
        self.uuid = uuid.uuid4()
        self.anonymised_at = timezone.now()
