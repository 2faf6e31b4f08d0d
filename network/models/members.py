from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberProfile(models.Model):
    """Links a personal account to the municipality its holder works for.

    Every member has their own account (never a shared login); what others may see
    of them is their own choice, field by field.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="member_profile",
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="member_profiles",
    )
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    listed_publicly = models.BooleanField(
        _("toon me bij de contactpersonen van mijn gemeente"),
        default=False,
        help_text=_("Iedereen ziet dan je naam en functie."),
    )
    email_visible_to_members = models.BooleanField(
        _("toon mijn e-mailadres aan andere leden"), default=False
    )
    phone_visible_to_members = models.BooleanField(
        _("toon mijn telefoonnummer aan andere leden"), default=False
    )
    # When the member turned each sharing option on: consent with its time.
    # Empty while the option is off.
    listed_publicly_since = models.DateTimeField(
        _("openbaar vermeld sinds"), null=True, blank=True, editable=False
    )
    email_visible_since = models.DateTimeField(
        _("e-mailadres zichtbaar sinds"), null=True, blank=True, editable=False
    )
    phone_visible_since = models.DateTimeField(
        _("telefoonnummer zichtbaar sinds"), null=True, blank=True, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidprofiel")
        verbose_name_plural = _("lidprofielen")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return f"{self.user} ({self.municipality})"

    SHARING_FIELDS = {
        "listed_publicly": "listed_publicly_since",
        "email_visible_to_members": "email_visible_since",
        "phone_visible_to_members": "phone_visible_since",
    }

    def record_sharing_consent(self, now):
        """Stamp each option turned on now; clear the stamp of one turned off."""
        for option, since in self.SHARING_FIELDS.items():
            if not getattr(self, option):
                setattr(self, since, None)
            elif getattr(self, since) is None:
                setattr(self, since, now)
