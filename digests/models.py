"""What members follow, how often they hear about it, and every digest sent.

A follow names one or more criteria (a theme, a municipality, a kind of
experience) that an item must all meet, or one experience (its reactions), or
the agenda. The filters' "volg deze selectie" stores its selection the same way.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from experiences.models import ExperienceKind

HARD_BOUNCES_TO_STOP = 3


class Frequency(models.TextChoices):
    IMMEDIATELY = "onmiddellijk", _("Onmiddellijk: een e-mail per nieuw bericht")
    DAILY = "dagelijks", _("Dagelijks: een overzicht per dag")
    WEEKLY = "wekelijks", _("Wekelijks: een overzicht op maandagochtend")
    NEVER = "nooit", _("Nooit: ik wil geen e-mails over wat ik volg")


class Scope(models.TextChoices):
    ALL = "alles", _("Alles")
    PRACTICES = "praktijken", _("Praktijkvoorbeelden")
    EXPERIENCES = "ervaringen", _("Ervaringen")


class DigestPreference(models.Model):
    """How often a member hears about what they follow; weekly without a row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="digest_preference",
    )
    frequency = models.CharField(
        _("hoe vaak"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("digestvoorkeur")
        verbose_name_plural = _("digestvoorkeuren")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"


def frequency_of(user):
    preference = getattr(user, "digest_preference", None)
    return preference.frequency if preference else Frequency.WEEKLY


class FollowQuerySet(models.QuerySet):
    def for_digest(self):
        return self.select_related("theme", "municipality", "experience").order_by(
            "created_at", "pk"
        )

    def for_list(self):
        """`for_digest` with only what the member's list of follows shows
        (`label()`, a theme's link): a followed experience's whole row, its
        body above all, cost the dashboard more to load than the query."""
        return self.for_digest().only(
            "scope",
            "kind",
            "agenda",
            "theme",
            "theme__name",
            "theme__slug",
            "municipality",
            "municipality__name",
            "experience",
            "experience__title",
        )


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    scope = models.CharField(
        _("wat"), max_length=12, choices=Scope.choices, default=Scope.ALL
    )
    theme = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("soort bijdrage"), max_length=12, choices=ExperienceKind.choices, blank=True
    )
    experience = models.ForeignKey(
        "experiences.Experience",
        verbose_name=_("ervaring"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    agenda = models.BooleanField(_("nieuwe activiteiten in de agenda"), default=False)
    created_at = models.DateTimeField(_("gevolgd sinds"), auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("gevolgd")
        verbose_name_plural = _("gevolgd")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(theme__isnull=False)
                | Q(municipality__isnull=False)
                | ~Q(kind="")
                | Q(experience__isnull=False)
                | Q(agenda=True),
                name="digests_follow_names_something",
            ),
        ]

    def __str__(self):
        return self.label()

    def criteria(self):
        """The follow as the fields that identify it (for lookups and toggles)."""
        return {
            "scope": self.scope,
            "theme": self.theme,
            "municipality": self.municipality,
            "kind": self.kind,
            "experience": self.experience,
            "agenda": self.agenda,
        }

    def key(self):
        """What the follow names, as plain values (`follows.KEY_FIELDS` order)."""
        return (
            self.scope,
            self.theme_id,
            self.municipality_id,
            self.kind,
            self.experience_id,
            self.agenda,
        )

    def label(self):
        if self.agenda:
            return gettext("Nieuwe activiteiten in de agenda")
        if self.experience_id:
            return gettext("Reacties op ‘%(title)s’") % {"title": self.experience.title}
        parts = []
        if self.kind:
            parts.append(self.get_kind_display())
        elif self.scope != Scope.ALL:
            parts.append(self.get_scope_display())
        if self.theme_id:
            parts.append(gettext("thema ‘%(name)s’") % {"name": self.theme.name})
        if self.municipality_id:
            parts.append(gettext("uit %(name)s") % {"name": self.municipality.name})
        text = " · ".join(str(part) for part in parts)
        return text[:1].upper() + text[1:]

    # Matching, in Python: a digest loads the period's items once for everyone.

    def _criteria_match(self, theme_ids, municipality_id):
        if self.theme_id and self.theme_id not in theme_ids:
            return False
        if self.municipality_id and self.municipality_id != municipality_id:
            return False
        return True

    def matches_practice(self, practice):
        if self.agenda or self.experience_id or self.kind:
            return False
        if self.scope == Scope.EXPERIENCES:
            return False
        return self._criteria_match(practice.theme_ids, practice.municipality_id)

    def matches_experience(self, experience):
        if self.experience_id:
            # Who follows a question hears that it was answered.
            return experience.pk == self.experience_id and getattr(
                experience, "answered_in_period", False
            )
        if self.agenda or self.scope == Scope.PRACTICES:
            return False
        if self.kind and self.kind != experience.kind:
            return False
        return self._criteria_match(experience.theme_ids, experience.municipality_id)

    def matches_reaction(self, reaction):
        return bool(self.experience_id) and reaction.experience_id == self.experience_id

    def matches_event(self, event):
        return self.agenda


class DigestSend(models.Model):
    """One member's digest for one period, claimed before it is sent.

    The unique constraint is what makes sending idempotent: a second run, or a
    run resumed after a crash, cannot claim the same member and period again.
    """

    class Outcome(models.TextChoices):
        SENT = "verstuurd", _("verstuurd")
        EMPTY = "leeg", _("niet verstuurd: niets nieuws")
        BOUNCED = "bounce", _("niet verstuurd: adres onbereikbaar")
        DEFERRED = "later", _("nog niet verstuurd: later gebundeld")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subscriber = models.ForeignKey(
        "digests.Subscriber",
        verbose_name=_("abonnee"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    period = models.CharField(_("periode"), max_length=80)
    outcome = models.CharField(_("resultaat"), max_length=12, choices=Outcome.choices)
    items = models.PositiveIntegerField(_("berichten"), default=0)
    run = models.ForeignKey(
        "digests.DigestRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sends",
    )
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurde digest")
        verbose_name_plural = _("verstuurde digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period"],
                condition=Q(user__isnull=False),
                name="digests_one_send_per_period",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "period"],
                condition=Q(subscriber__isnull=False),
                name="digests_one_send_per_subscriber_period",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, subscriber__isnull=True)
                | Q(user__isnull=True, subscriber__isnull=False),
                name="digests_send_has_one_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.user_id or self.subscriber_id} {self.period}: {self.outcome}"


class DigestRun(models.Model):
    """One run of the sender, with its counts for the editors."""

    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzendronde")
        verbose_name_plural = _("verzendrondes")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return str(self.started_at)

    def counts(self):
        """Sent, skipped because empty, not sent because the address bounced:
        counted from the claims, so a run that crashed still counts right."""
        Outcome = DigestSend.Outcome
        return self.sends.aggregate(
            sent=models.Count("pk", filter=Q(outcome=Outcome.SENT)),
            skipped_empty=models.Count("pk", filter=Q(outcome=Outcome.EMPTY)),
            bounced=models.Count("pk", filter=Q(outcome=Outcome.BOUNCED)),
        )


class BounceQuerySet(models.QuerySet):
    def blocked_addresses(self):
        """Addresses that bounced hard often enough that we stop writing to them."""
        return set(
            self.filter(hard=True)
            .values("email")
            .annotate(count=models.Count("pk"))
            .filter(count__gte=HARD_BOUNCES_TO_STOP)
            .values_list("email", flat=True)
        )


class Bounce(models.Model):
    """A message the mail server returned; editors or a command record it."""

    email = models.EmailField(_("e-mailadres"), db_index=True)
    hard = models.BooleanField(
        _("harde bounce"),
        default=True,
        help_text=_("Het adres bestaat niet (meer), niet: de mailbox is even vol."),
    )
    note = models.CharField(_("opmerking"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    objects = BounceQuerySet.as_manager()

    class Meta:
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().casefold()
        super().save(*args, **kwargs)


@register_setting(icon="mail")
class DigestSettings(BaseSiteSetting):
    paused = models.BooleanField(
        _("alle digests pauzeren"),
        default=False,
        help_text=_(
            "Zolang dit aan staat, vertrekt er geen enkele digest of melding over "
            "wat leden volgen."
        ),
    )

    panels = [FieldPanel("paused")]

    class Meta:
        verbose_name = _("digests")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def erase_person(self, *, email):
        """Remove a visitor's sign-up and the bounces kept for the address;
        returns how many sign-ups were removed."""
        from portal.models.users import normalize_email

        email = normalize_email(email)
        count, _detail = self.filter(email=email).delete()
        Bounce.objects.filter(email=email).delete()
        return count


class Subscriber(models.Model):
    """A visitor on the newsletter: nothing is sent before they confirmed."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mailadres"), unique=True)
    themes = models.ManyToManyField(
        "taggit.Tag", verbose_name=_("thema's"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ingeschreven op"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnee op de nieuwsbrief")
        verbose_name_plural = _("abonnees op de nieuwsbrief")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.normalized_email()
        super().save(*args, **kwargs)

    def normalized_email(self):
        from portal.models.users import normalize_email

        return normalize_email(self.email)
