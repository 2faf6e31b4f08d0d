from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail the portal queued, and what became of it.

    The message itself travels in its delivery task; this row keeps what the
    admin shows (subject, recipients, state, the last error), never the body,
    which may hold a password link.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        SENT = "sent", _("afgeleverd bij de mailserver")
        FAILED = "failed", _("niet bezorgd")

    template = models.CharField(_("sjabloon"), max_length=200, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=255)
    recipients = models.TextField(_("aan"))
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("klaargezet op"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["template", "recipients"])]

    def __str__(self):
        return f"{self.subject} → {self.recipients}"
