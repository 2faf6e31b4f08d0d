"""Mentorship trajectories: the route editors define, each member's progress on it,
the history of every change and Mechelen's mentor log.

Personal data kept here (for the inventory): who changed a step and who recorded
a mentor contact (`updated_by`, `changed_by`, `recorded_by`, links to accounts),
and the free text of step notes and of the mentor log, which may name people.
None of it is ever shown outside the municipality's members and the editors.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from network.models import MembershipStatus


class StepStatus(models.TextChoices):
    NOT_STARTED = "nog-niet", _("nog niet")
    IN_PROGRESS = "bezig", _("bezig")
    DONE = "klaar", _("klaar")
    NOT_APPLICABLE = "nvt", _("niet van toepassing")


# A step in one of these needs no more work: the phase can move on past it.
CLOSED_STATUSES = (StepStatus.DONE, StepStatus.NOT_APPLICABLE)
DONE_NEEDS_DATE = _("Vul de datum in waarop deze stap klaar was.")


class StepQuerySet(models.QuerySet):
    def in_route_order(self):
        return self.order_by("phase__sort_order", "phase__name", "sort_order", "pk")


class Step(models.Model):
    """One step of the route, under one of the guides' phases."""

    phase = models.ForeignKey(
        "portal.Phase",
        verbose_name=_("fase"),
        on_delete=models.PROTECT,
        related_name="trajectory_steps",
    )
    title = models.CharField(_("stap"), max_length=150)
    description = models.TextField(
        _("uitleg"),
        blank=True,
        max_length=1000,
        help_text=_("Wanneer is deze stap gezet? Eén of twee zinnen."),
    )
    guides = models.ManyToManyField(
        "portal.GuidePage",
        verbose_name=_("gidsen die helpen"),
        blank=True,
        related_name="+",
    )
    documents = models.ManyToManyField(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("documenten uit de toolkit"),
        blank=True,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0, editable=False)

    objects = StepQuerySet.as_manager()

    panels = [
        FieldPanel("phase"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("guides"),
        FieldPanel("documents"),
    ]

    class Meta:
        verbose_name = _("stap van het traject")
        verbose_name_plural = _("stappen van het traject")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.phase}: {self.title}"


class TrajectoryQuerySet(models.QuerySet):
    def of_members(self):
        """Trajectories of members that Mechelen mentors (see `Trajectory`)."""
        return self.filter(municipality__membership_status=MembershipStatus.MEMBER)


class Trajectory(models.Model):
    """A member municipality's way along the route, from idea to working practice.

    Every municipality with membership status *lid* follows one; Mechelen, the
    mentor, follows none. The current phase is never stored:
    `trajectories.route.current_phase` derives it from the steps.
    """

    municipality = models.OneToOneField(
        "network.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="trajectory",
    )
    based_on = models.ForeignKey(
        "casestudies.CaseStudyPage",
        verbose_name=_("gebaseerd op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        help_text=_("Het praktijkvoorbeeld dat jullie overnemen of aanpassen."),
    )
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_("Verzonnen gegevens om het portaal te tonen (demo)."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["municipality__name"]

    def __str__(self):
        return str(self.municipality)


class TrajectoryStep(models.Model):
    """Where a trajectory stands on one step. No row means *nog niet*."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="steps"
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StepStatus.choices,
        default=StepStatus.NOT_STARTED,
    )
    date = models.DateField(
        _("datum"),
        null=True,
        blank=True,
        help_text=_("Wanneer de stap klaar was, of wanneer jullie eraan begonnen."),
    )
    note = models.TextField(
        _("notitie"),
        blank=True,
        max_length=2000,
        help_text=_("Alleen voor jullie gemeente en Mechelen; nooit publiek."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bijgewerkt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("stand van een stap")
        verbose_name_plural = _("stand van de stappen")
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "step"], name="trajectories_one_row_per_step"
            ),
            models.CheckConstraint(
                condition=~Q(status=StepStatus.DONE) | Q(date__isnull=False),
                name="trajectories_done_step_has_date",
                violation_error_message=DONE_NEEDS_DATE,
            ),
        ]

    def __str__(self):
        return f"{self.trajectory}: {self.step.title} ({self.get_status_display()})"

    def clean(self):
        super().clean()
        if self.status == StepStatus.DONE and self.date is None:
            raise ValidationError({"date": DONE_NEEDS_DATE})


class TrajectoryChange(models.Model):
    """One entry of a trajectory's history: what changed, who did it, when."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="changes"
    )
    step = models.ForeignKey(
        Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step_title = models.CharField(_("stap"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StepStatus.choices, blank=True
    )
    date = models.DateField(_("datum"), null=True, blank=True)
    note = models.TextField(_("notitie"), blank=True)
    summary = models.CharField(_("wijziging"), max_length=255, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("wijziging in een traject")
        verbose_name_plural = _("geschiedenis van de trajecten")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.trajectory} {self.changed_at:%Y-%m-%d}"


class ContactForm(models.TextChoices):
    VISIT = "bezoek", _("bezoek")
    CALL = "telefoon", _("telefoon")
    INTERVISION = "intervisie", _("intervisie")


class MentorContactQuerySet(models.QuerySet):
    def open_agreements(self):
        return self.filter(agreement_done=False, due_date__isnull=False)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open_agreements().filter(due_date__lt=today)

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.open_agreements().filter(due_date__gte=today)

    def due_for_reminder(self, today=None):
        return self.overdue(today).filter(reminder_sent_at__isnull=True)


class MentorContact(models.Model):
    """A contact between Mechelen and a member, with what was agreed."""

    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="mentor_contacts",
        limit_choices_to={"membership_status": MembershipStatus.MEMBER},
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    form = models.CharField(
        _("vorm"), max_length=12, choices=ContactForm.choices, default=ContactForm.VISIT
    )
    topics = models.TextField(_("onderwerpen"), max_length=2000)
    agreements = models.TextField(
        _("afspraken"),
        blank=True,
        max_length=2000,
        help_text=_("De leden van de gemeente krijgen een e-mail met de afspraken."),
    )
    next_step = models.CharField(_("volgende stap"), max_length=255, blank=True)
    due_date = models.DateField(
        _("tegen"),
        null=True,
        blank=True,
        help_text=_(
            "Is de afspraak dan niet afgerond, dan krijgen de leden een herinnering."
        ),
    )
    agreement_done = models.BooleanField(_("afspraak afgerond"), default=False)
    agreement_mailed_at = models.DateTimeField(
        _("afspraken gemaild op"), null=True, blank=True, editable=False
    )
    reminder_sent_at = models.DateTimeField(
        _("herinnering verstuurd op"), null=True, blank=True, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genoteerd door"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = MentorContactQuerySet.as_manager()

    panels = [
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("form")]),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldPanel("agreements"),
                FieldPanel("next_step"),
                FieldRowPanel([FieldPanel("due_date"), FieldPanel("agreement_done")]),
            ],
            heading=_("Afspraken"),
        ),
    ]

    class Meta:
        verbose_name = _("mentorcontact")
        verbose_name_plural = _("mentorlogboek")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.municipality}: {self.get_form_display()} {self.date:%d-%m-%Y}"

    def clean(self):
        super().clean()
        if self.due_date and not (self.agreements.strip() or self.next_step.strip()):
            raise ValidationError(
                {"due_date": _("Een termijn hoort bij een afspraak of volgende stap.")}
            )

    @property
    def is_overdue(self):
        return (
            not self.agreement_done
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class MonthlyCount(models.Model):
    """What /netwerk/cijfers/ counts, per month, so the page reads a few hundred
    rows rather than counting every experience, reaction and practice again.

    Derived data only: `trajectories.monthly_counts.refresh_monthly_counts`
    rebuilds all of it after every change that moves a count.
    """

    class Kind(models.TextChoices):
        EXPERIENCES = "experiences", _("Gepubliceerde ervaringen")
        REACTIONS = "reactions", _("Zichtbare reacties")
        # Public practices per theme (`key`), by the month first published.
        PRACTICES = "practices", _("Praktijkvoorbeelden per thema")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=255, blank=True, default="")
    # First day of the month; empty for a practice never published with a date.
    month = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("maandtelling")
        verbose_name_plural = _("maandtellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "month"], name="monthly_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} {self.month}: {self.count}"
