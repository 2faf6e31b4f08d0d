import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .users import normalize_email

IDENTITY_PREFIX = "pleinmakers-erased:"


def identity_of(email):
    """The tombstone's hash of an address (see portal/continuity/tombstones.py)."""
    address = normalize_email(email)
    return hashlib.sha256(f"{IDENTITY_PREFIX}{address}".encode()).hexdigest()


class ExperienceChoice(models.TextChoices):
    """What becomes of a person's published experiences when they are erased."""

    ANONYMISE = "anonymise", _("laten staan als 'een voormalig lid van' de gemeente")
    REMOVE = "remove", _("verwijderen")


class ErasedIdentity(models.Model):
    """A person the portal erased, as a hash only: a restore of an older backup
    erases them again (see `portal.erasure`)."""

    identity = models.CharField(_("identiteit (hash)"), max_length=64, unique=True)
    erased_at = models.DateTimeField(_("gewist op"))
    experiences = models.CharField(
        _("ervaringen"),
        max_length=10,
        choices=ExperienceChoice.choices,
        default=ExperienceChoice.REMOVE,
    )

    class Meta:
        verbose_name = _("gewiste persoon")
        verbose_name_plural = _("gewiste personen")
        ordering = ["erased_at"]
        permissions = [("erase_person", _("Mag een persoon volledig wissen"))]

    def __str__(self):
        return f"{self.identity[:12]}… ({self.erased_at:%Y-%m-%d})"


class LoginEvent(models.Model):
    """One successful login: shown to the member in their data export."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="login_events",
    )
    logged_in_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-logged_in_at"]
        indexes = [models.Index(fields=["logged_in_at"])]

    def __str__(self):
        return f"{self.logged_in_at:%Y-%m-%d %H:%M}"
