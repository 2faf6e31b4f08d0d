"""The agenda as pages: one index (`/agenda/`) with a page per event.

Events are pages so that editors write them like every other page (drafts,
revisions, scheduling, documents) and search and the sitemap find them. What
calendars need and editors never edit (the UID, SEQUENCE and the state the last
SEQUENCE described) lives on the page row but outside the revisions: see
`CALENDAR_STATE_FIELDS`.
"""

import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.search import index

from events.models.registrations import Registration, RegistrationStatus
from events.panels import RegistrationsPanel
from network.models.pages import CachedURLPageMixin, cached_page_url
from portal.blocks import BaseStreamBlock
from portal.models import BasePage, PortalPageQuerySet

BRUSSELS = ZoneInfo("Europe/Brussels")
# A cancelled event stays in the calendar feed this long, as STATUS:CANCELLED, so
# subscribed calendars learn of it; then it leaves the feed.
CANCELLED_IN_FEED_FOR = timedelta(days=30)
# Past events stay in the calendar feed this long.
PAST_IN_FEED_FOR = timedelta(days=180)


class EventKind(models.TextChoices):
    INTERVISION = "intervisie", _("Intervisie")
    WORKING_VISIT = "werkbezoek", _("Werkbezoek")
    NETWORK_DAY = "netwerkdag", _("Netwerkdag")
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "opleiding", _("Opleiding")


class Audience(models.TextChoices):
    OPEN = "open", _("Open voor iedereen")
    MEMBERS = "leden", _("Alleen voor leden van het netwerk")


class DocumentRole(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    SLIDES = "presentatie", _("Presentatie")
    REPORT = "verslag", _("Verslag")
    OTHER = "ander", _("Ander document")


def _registration_count(status):
    number = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(number), 0)


class EventPageQuerySet(PortalPageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet (a running event still counts)."""
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())

    def not_cancelled(self):
        return self.filter(is_cancelled=False)

    def open_to_all(self):
        return self.filter(audience=Audience.OPEN)

    def public_in_one_query(self):
        """Wagtail's `public()` (no view restriction on the page or above it),
        as part of this query instead of a query of its own first."""
        restricted = PageViewRestriction.objects.annotate(
            prefix=Substr(OuterRef("path"), 1, Length("page__path"))
        ).filter(page__path=F("prefix"))
        return self.exclude(Exists(restricted))

    def in_agenda_order(self, now=None):
        """Upcoming events first, soonest first; then past events, newest first."""
        now = now or timezone.now()
        return self.annotate(
            agenda_rank=Case(When(end__gte=now, then=Value(0)), default=Value(1)),
            upcoming_start=Case(When(end__gte=now, then=F("start"))),
            past_start=Case(When(end__lt=now, then=F("start"))),
        ).order_by("agenda_rank", "upcoming_start", "-past_start", "pk")

    def with_confirmed_count(self):
        """Annotate `confirmed_count`: the places taken, in the same query."""
        return self.annotate(
            confirmed_count=_registration_count(RegistrationStatus.CONFIRMED)
        )

    def with_registration_counts(self):
        """Annotate the places taken and the length of the waiting list."""
        return self.annotate(
            confirmed_count=_registration_count(RegistrationStatus.CONFIRMED),
            waitlisted_count=_registration_count(RegistrationStatus.WAITLISTED),
        )

    def in_calendar_feed(self, now=None):
        """What a subscribed calendar holds: recent and coming events, and
        cancellations for 30 days after the cancellation."""
        now = now or timezone.now()
        return self.filter(end__gte=now - PAST_IN_FEED_FOR).exclude(
            is_cancelled=True, cancelled_at__lt=now - CANCELLED_IN_FEED_FOR
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


def agenda_url():
    """The agenda's URL path (once per request; see `cached_page_url`)."""
    return cached_page_url(EventIndexPage, "/agenda/")


class EventIndexPage(CachedURLPageMixin, RoutablePageMixin, BasePage):
    """The agenda: coming events first, then past ones by year; with the RSS
    feed and the calendar feed (`agenda.ics`) that calendars subscribe to."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("agenda")

    def events(self):
        """The published events below this agenda, to filter and list."""
        return EventPage.objects.live().public().child_of(self).select_related("host")

    @path("")
    def listing(self, request):
        from events.views import agenda_context

        return self.render(request, context_overrides=agenda_context(self, request))

    @path("feed/")
    def feed(self, request):
        from events.feeds import EventFeed

        return EventFeed()(request, index=self)

    @path("agenda.ics/", name="calendar")
    def calendar(self, request):
        from events.views import agenda_calendar

        return agenda_calendar(self, request)

    def dotted_url(self, route_name):
        """The URL of a file route without Wagtail's trailing slash."""
        return self.url + self.reverse_subpage(route_name).rstrip("/")


# The fields a calendar entry is made of: changing one raises SEQUENCE.
CALENDAR_FIELDS = (
    "title",
    "intro",
    "kind",
    "start",
    "end",
    "venue",
    "address",
    "online_link",
    "is_cancelled",
    "url_path",
)
# Changes the registrants hear about by e-mail (with an updated .ics).
NOTIFY_FIELDS = ("start", "end", "venue", "address", "online_link", "is_cancelled")
# Kept from the live row when a revision is published or copied: they describe
# what calendars out there already hold, not what an editor wrote.
CALENDAR_STATE_FIELDS = (
    "calendar_uid",
    "sequence",
    "calendar_snapshot",
    "calendar_changed_at",
    "cancelled_at",
)


class EventPage(RoutablePageMixin, BasePage):
    """One meeting of the network: when, where, for whom, and how to register."""

    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices)
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_("Een verzonnen bijeenkomst van de demo."),
    )
    start = models.DateTimeField(_("begin"), help_text=_("Belgische tijd."))
    end = models.DateTimeField(_("einde"), help_text=_("Belgische tijd."))
    audience = models.CharField(
        _("voor wie"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.MEMBERS,
        help_text=_(
            "Leden schrijven in met één klik. Bij een open bijeenkomst vult wie geen "
            "account heeft een kort formulier in."
        ),
    )
    venue = models.CharField(
        _("plaats"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: Stadhuis Mechelen, trouwzaal."),
    )
    address = models.CharField(
        _("adres"),
        max_length=200,
        blank=True,
        help_text=_("Straat en nummer, postcode en gemeente."),
    )
    # Not `route`: that is the name of Wagtail's page routing method.
    directions = models.TextField(
        _("route"),
        max_length=1500,
        blank=True,
        help_text=_(
            "Hoe raak je er: openbaar vervoer, fiets, parking, toegankelijkheid."
        ),
    )
    online_link = models.URLField(
        _("link om online deel te nemen"),
        max_length=500,
        blank=True,
        help_text=_(
            "Nooit publiek: alleen wie een plaats heeft, krijgt deze link, in de "
            "bevestiging, het eigen agenda-bestand en de eigen inschrijvingspagina."
        ),
    )
    host = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gastgemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text=_("De bijeenkomst staat dan ook op de pagina van die gemeente."),
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Leeg: geen maximum. Is de bijeenkomst volzet, dan komen nieuwe "
            "inschrijvingen op de wachtlijst. Verhoog je het aantal, dan schuiven "
            "mensen van de wachtlijst in volgorde door en krijgen ze een e-mail."
        ),
    )
    registration_deadline = models.DateTimeField(
        _("inschrijven kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot de bijeenkomst begint."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("beschrijving"), blank=True)
    report = StreamField(
        BaseStreamBlock(),
        verbose_name=_("verslag"),
        blank=True,
        help_text=_("Na afloop: wat er gebeurde en wat we leerden."),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("e-mailadres van de contactpersoon"), blank=True
    )
    is_cancelled = models.BooleanField(
        _("geannuleerd"),
        default=False,
        help_text=_(
            "Iedereen die ingeschreven is, krijgt bij het publiceren een e-mail en "
            "een bijgewerkt agenda-bestand."
        ),
    )
    cancellation_note = models.TextField(
        _("toelichting bij de annulering"),
        max_length=1000,
        blank=True,
        help_text=_("Staat op de pagina en in de e-mail aan de ingeschrevenen."),
    )

    # Calendar state; see CALENDAR_STATE_FIELDS.
    calendar_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    calendar_snapshot = models.JSONField(default=dict, editable=False)
    calendar_changed_at = models.DateTimeField(null=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, editable=False)

    objects = EventPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("audience"),
            ],
            heading=_("Wat en wanneer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("directions"),
                FieldPanel("host"),
                FieldPanel("online_link"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [
                RegistrationsPanel(),
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("registration_deadline")]
                ),
            ],
            heading=_("Inschrijven"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "documents",
            heading=_("Documenten"),
            label=_("Document"),
            help_text=_("Vooraf de agenda; na afloop de presentatie en het verslag."),
        ),
        FieldPanel("report"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_cancelled"), FieldPanel("cancellation_note")],
            heading=_("Annuleren"),
        ),
    ]

    # Never the online link: search must not find it.
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("report"),
        index.SearchField("venue"),
        index.SearchField("address"),
        index.RelatedFields("host", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("audience"),
        index.FilterField("start"),
    ]
    # Public fields only: never the online link, never who registered.
    api_fields = [
        *BasePage.api_fields,
        APIField("kind"),
        APIField("start"),
        APIField("end"),
        APIField("audience"),
        APIField("venue"),
        APIField("address"),
        APIField("directions"),
        APIField("host"),
        APIField("capacity"),
        APIField("registration_deadline"),
        APIField("is_cancelled"),
        APIField("body"),
        APIField("report"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list = []
    exclude_fields_in_copy = list(CALENDAR_STATE_FIELDS)

    template = "events/event_page.html"

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    # Revisions and copies --------------------------------------------------------

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in CALENDAR_STATE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    @classmethod
    def get_indexed_objects(cls):
        # Site search lists open events only; members-only ones stay on the agenda.
        return super().get_indexed_objects().filter(audience=Audience.OPEN)

    def get_sitemap_urls(self, request=None):
        if self.audience != Audience.OPEN:
            return []
        return super().get_sitemap_urls(request)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        if (
            self.start
            and self.registration_deadline
            and self.registration_deadline > self.start
        ):
            errors["registration_deadline"] = _(
                "Laat het inschrijven sluiten voor de bijeenkomst begint."
            )
        if not (self.venue.strip() or self.address.strip() or self.online_link):
            errors["address"] = _(
                "Geef een plaats of adres, of een link om online deel te nemen."
            )
        if errors:
            raise ValidationError(errors)

    # What the templates, feeds and calendars show ------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.start, BRUSSELS)

    @property
    def local_end(self):
        return timezone.localtime(self.end, BRUSSELS)

    @property
    def is_online(self):
        return bool(self.online_link)

    @property
    def is_on_site(self):
        return bool(self.venue.strip() or self.address.strip())

    @property
    def is_open_to_all(self):
        return self.audience == Audience.OPEN

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def has_started(self, now=None):
        return self.start <= (now or timezone.now())

    @property
    def place(self):
        """Where, in words; an online event says so but never gives its link."""
        on_site = ", ".join(part for part in (self.venue, self.address) if part)
        if on_site and self.is_online:
            return gettext("%(place)s, en online") % {"place": on_site}
        return on_site or gettext("Online")

    @property
    def when(self):
        """'dinsdag 14 april 2026, 13.30–16.00 uur', or two dates for a long event."""
        start, end = self.local_start, self.local_end
        if start.date() == end.date():
            return gettext("%(day)s, %(start)s–%(end)s uur") % {
                "day": date_format(start, "l j F Y"),
                "start": date_format(start, "G.i"),
                "end": date_format(end, "G.i"),
            }
        return gettext("%(start)s tot %(end)s") % {
            "start": date_format(start, "l j F Y, G.i"),
            "end": date_format(end, "l j F Y, G.i") + " " + gettext("uur"),
        }

    @property
    def agenda_url(self):
        """The agenda's URL: an event always sits right below it."""
        return self.url[: -len(self.slug) - 1]

    def get_meta_description(self):
        return self.search_description or f"{self.when}. {self.intro}".strip()

    @property
    def deadline(self):
        return self.registration_deadline or self.start

    def registration_closed_reason(self, now=None):
        """Why nobody can register now, in Dutch; empty when registering is open."""
        now = now or timezone.now()
        if self.is_cancelled:
            return gettext("Deze bijeenkomst is geannuleerd.")
        if now >= self.start:
            return gettext("Deze bijeenkomst is al begonnen of voorbij.")
        if now >= self.deadline:
            return gettext("Inschrijven kon tot %(deadline)s.") % {
                "deadline": date_format(
                    timezone.localtime(self.deadline, BRUSSELS), "j F Y, G.i"
                )
                + " "
                + gettext("uur")
            }
        return ""

    def places_left(self, confirmed_count):
        if self.capacity is None:
            return None
        return max(self.capacity - confirmed_count, 0)

    def calendar_state(self):
        """The calendar fields as text, to tell whether a publish changed them."""
        state = {}
        for name in CALENDAR_FIELDS:
            value = getattr(self, name)
            state[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return state

    def full_url_for_mail(self):
        return f"{settings.PORTAL_BASE_URL}{self.url}"

    # Routes --------------------------------------------------------------------

    @classmethod
    def routed_queryset(cls, queryset, request):
        """The event with its host and the places taken
        (`events.views.event_context`), in one query."""
        return queryset.select_related("host").with_confirmed_count()

    @path("")
    def detail(self, request):
        from events.views import event_context

        return self.render(request, context_overrides=event_context(self, request))

    @path("inschrijven/")
    def register(self, request):
        from events.views import RegisterView

        return RegisterView.as_view(event=self)(request)

    @path("inschrijven/verstuurd/")
    def register_sent(self, request):
        from events.views import RegistrationSentView

        return RegistrationSentView.as_view(event=self)(request)

    @path("kalender.ics/", name="calendar")
    def calendar(self, request):
        from events.views import event_calendar

        return event_calendar(self, request)

    @path("inschrijving/<uuid:key>/<str:signature>/")
    def registration(self, request, key, signature):
        from events.views import RegistrationView

        return RegistrationView.as_view(event=self)(
            request, key=key, signature=signature
        )

    @path("inschrijving/<uuid:key>/<str:signature>/annuleren/")
    def cancel_registration(self, request, key, signature):
        from events.views import CancelRegistrationView

        return CancelRegistrationView.as_view(event=self)(
            request, key=key, signature=signature
        )

    @path("inschrijving/<uuid:key>/<str:signature>/kalender.ics/")
    def registration_calendar(self, request, key, signature):
        from events.views import registration_calendar

        return registration_calendar(self, request, key, signature)

    def dotted_url(self, route_name):
        return self.url + self.reverse_subpage(route_name).rstrip("/")


class EventDocument(Orderable):
    """A document with an event: the agenda before, slides and report after."""

    page = ParentalKey(EventPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(
        _("soort document"),
        max_length=20,
        choices=DocumentRole.choices,
        default=DocumentRole.AGENDA,
    )

    panels = [FieldPanel("document"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self):
        return f"{self.get_role_display()}: {self.document}"
