"""The agenda's public views: the list, an event, registering, one's own
registration, and the calendar files.

Pages are served by Wagtail (`EventIndexPage` and `EventPage` routes call these),
so the usual page checks (published, view restrictions) come first.
"""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import (
    OuterRef,
    Prefetch,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from events import services
from events.calendar import build_calendar, calendar_response
from events.forms import AgendaFilterForm, VisitorRegistrationForm, past_years
from events.models import DocumentRole, EventDocument, Registration, agenda_url
from events.tokens import find_registration, registration_path
from portal import ratelimit
from portal.models import SiteSettings
from portal.models.documents import closed_collection_ids
from portal.precompiled import PrecompiledQuery
from portal.roles import is_network_member

EVENTS_PER_PAGE = 12
VISITOR_LIMIT_PER_HOUR = 5
VISITOR_LIMIT_SCOPE = "event-registration"
ONE_HOUR = 60 * 60


def _prefetch_documents(events):
    prefetch_related_objects(
        events,
        Prefetch(
            "documents",
            queryset=EventDocument.objects.select_related("document").order_by(
                "sort_order"
            ),
        ),
    )


def _split_documents(documents, request):
    """The documents before and after the event that `request` may open."""
    if documents:  # no privacy query for an event without documents
        closed = closed_collection_ids(request)
        documents = [
            item for item in documents if item.document.collection_id not in closed
        ]
    before = [item for item in documents if item.role == DocumentRole.AGENDA]
    after = [item for item in documents if item.role != DocumentRole.AGENDA]
    return before, after


# The agenda ------------------------------------------------------------------------


def agenda_context(index, request):
    now = timezone.now()
    events = index.events()
    form = AgendaFilterForm(request.GET, years=past_years(events))
    listing = form.filter(events).in_agenda_order(now).with_confirmed_count()
    page_obj = Paginator(listing, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    items = list(page_obj.object_list)
    _prefetch_documents(items)
    for event in items:
        event.places_left_now = event.places_left(event.confirmed_count)
        event.documents_after = _split_documents(event.documents.all(), request)[1]
    upcoming = [event for event in items if not event.is_past(now)]
    past = [event for event in items if event.is_past(now)]
    return {
        "filter_form": form,
        "notes": form.notes,
        "page_obj": page_obj,
        "total": page_obj.paginator.count,
        "upcoming": upcoming,
        "past_by_year": [
            (year, list(group))
            for year, group in groupby(past, key=lambda e: e.local_start.year)
        ],
        "now": now,
        "feed_url": index.url + index.reverse_subpage("feed"),
        "calendar_url": index.dotted_url("calendar"),
        "calendar_query": urlencode({"soort": form.values["soort"]}, doseq=True),
    }


def agenda_calendar(index, request):
    """The subscribable feed: `agenda.ics`, optionally `?soort=webinar`."""
    form = AgendaFilterForm(request.GET)
    events = form.filter(index.events()).in_calendar_feed().order_by("start", "pk")
    name = _("Agenda lerend netwerk pleinmakers")
    kinds = form.values["soort"]
    if kinds:
        labels = dict(form.fields["soort"].choices)
        name += " – " + ", ".join(str(labels[kind]).lower() for kind in kinds)
    response = calendar_response(
        build_calendar(events, name=name), "agenda.ics", download=False
    )
    response["Cache-Control"] = "public, max-age=900"
    return response


# One event -------------------------------------------------------------------------


# A member's active registration for one event, the fields the event's page
# reads: its SQL is kept (`portal.precompiled`), as building it as a JSON
# subquery of the routed page cost more Python than this query.
_active_registration = PrecompiledQuery(
    lambda values: (
        Registration.objects.active()
        .filter(event_id=values[0], user_id=values[1])
        .only("uuid", "status")
        .order_by("created_at", "pk")[:1]
    )
)


def _member_registration(event, user):
    if not user.is_authenticated:
        return None
    rows = _active_registration(values=[event.pk, user.pk])
    if not rows:
        return None
    rows[0].event = event
    return rows[0]


def event_context(event, request):
    now = timezone.now()
    documents = list(event.documents.select_related("document").order_by("sort_order"))
    before, after = _split_documents(documents, request)
    if hasattr(event, "confirmed_count"):  # loaded with the page
        confirmed_count = event.confirmed_count
    else:
        extras = (
            type(event)
            .objects.filter(pk=event.pk)
            .select_related("host")
            .with_confirmed_count()
            .only("pk", "host")
            .get()
        )
        event.host = extras.host
        confirmed_count = extras.confirmed_count
    is_member = is_network_member(request.user)
    mine = _member_registration(event, request.user) if is_member else None
    return {
        "documents_before": before,
        "documents_after": after,
        "places_left": event.places_left(confirmed_count),
        "closed_reason": event.registration_closed_reason(now),
        "is_past": event.is_past(now),
        "is_member": is_member,
        "my_registration": mine,
        "my_registration_url": registration_path(mine, event) if mine else "",
        "register_url": event.url + event.reverse_subpage("register"),
        "calendar_url": event.dotted_url("calendar"),
        # Members-only meetings stay out of search engines, as out of site search.
        "meta_noindex": not event.is_open_to_all,
    }


def event_calendar(event, request):
    response = calendar_response(
        build_calendar([event]), f"{event.slug}.ics", download=True
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


# Registering -----------------------------------------------------------------------


def _privacy_url(request):
    settings = SiteSettings.for_request(request)
    return settings.privacy_page.url if settings.privacy_page_id else ""


class EventViewMixin:
    """Views below an event page; the page passes itself as `event`."""

    event = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("event", self.event)
        context.setdefault("page", self.event)
        context.setdefault("meta_noindex", True)
        return context


class RegisterView(EventViewMixin, TemplateView):
    """Members register with one click (POST); visitors fill in the form.

    The form is for events open to all and people without a member account.
    """

    template_name = "events/register_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.is_member = is_network_member(request.user)
        self.closed_reason = self.event.registration_closed_reason()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.is_member:
            # A member's registration is the button on the event page.
            return redirect(self.event.url)
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        if self.is_member:
            return self.register_member()
        if not self.event.is_open_to_all:
            raise PermissionDenied
        if self.closed_reason:
            return self.render_form(self.get_form(), status=409)
        ip = ratelimit.client_ip(request)
        if ratelimit.is_limited(VISITOR_LIMIT_SCOPE, ip, VISITOR_LIMIT_PER_HOUR):
            return ratelimit.too_many_requests(
                request,
                _(
                    "Vanaf dit adres kwamen het voorbije uur al vijf inschrijvingen "
                    "binnen. Probeer het later opnieuw of mail de contactpersoon."
                ),
                retry_after=ratelimit.seconds_left(VISITOR_LIMIT_SCOPE, ip),
            )
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        ratelimit.hit(VISITOR_LIMIT_SCOPE, ip, ONE_HOUR)
        if not form.is_spam():
            self.register_visitor(form)
        # The same answer whether the address was new, known or a bot's: the
        # e-mail tells the rest, so nobody learns who else registered.
        return redirect(self.event.url + self.event.reverse_subpage("register_sent"))

    def get_form(self, data=None):
        return VisitorRegistrationForm(data, privacy_url=_privacy_url(self.request))

    def render_form(self, form, status=200):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                closed_reason=self.closed_reason,
                meta_title=_("Inschrijven: %(title)s") % {"title": self.event.title},
            ),
            status=status,
        )

    def register_visitor(self, form):
        data = form.cleaned_data
        try:
            registration, created = services.register(
                self.event,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                municipality=data["municipality"],
                consent=True,
            )
        except services.RegistrationRefused:
            return
        if not created:
            services.send_registration_mail.enqueue(
                registration.pk, "already_registered"
            )

    def register_member(self):
        try:
            registration, created = services.register_member(
                self.event, self.request.user
            )
        except services.RegistrationRefused as refused:
            messages.error(self.request, refused.message)
            return redirect(self.event.url)
        if not created:
            messages.info(self.request, _("Je was al ingeschreven."))
        elif registration.is_confirmed:
            messages.success(
                self.request,
                _("Je bent ingeschreven. De bevestiging staat in je mailbox."),
            )
        else:
            messages.success(
                self.request,
                _(
                    "De bijeenkomst is volzet: je staat op de wachtlijst. Komt er een "
                    "plaats vrij, dan krijg je meteen een e-mail."
                ),
            )
        return redirect(registration_path(registration, self.event))


class RegistrationSentView(EventViewMixin, TemplateView):
    template_name = "events/register_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(meta_title=_("Kijk in je mailbox"), **kwargs)


# One's own registration ------------------------------------------------------------


def _private(response):
    # The page holds a personal link (and maybe the online link): keep it out of
    # caches and never send its address to the site the online link leads to.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


class RegistrationMixin(EventViewMixin):
    def dispatch(self, request, *args, key, signature, **kwargs):
        self.registration = find_registration(self.event, key, signature)
        if self.registration is None:
            raise Http404
        self.registration.event = self.event
        return super().dispatch(request, *args, **kwargs)

    def registration_context(self):
        registration, event = self.registration, self.event
        now = timezone.now()
        path = registration_path(registration, event)
        return {
            "registration": registration,
            "waiting_position": registration.waiting_position(),
            "show_online_link": (
                registration.is_confirmed
                and event.is_online
                and not event.is_cancelled
                and not event.is_past(now)
            ),
            "can_cancel": not registration.is_cancelled and not event.has_started(now),
            "cancel_url": path + "annuleren/",
            "calendar_url": path + "kalender.ics",
            "meta_title": _("Je inschrijving: %(title)s") % {"title": event.title},
        }


class RegistrationView(RegistrationMixin, TemplateView):
    template_name = "events/registration.html"

    def get(self, request, *args, **kwargs):
        return _private(
            self.render_to_response(
                self.get_context_data(**self.registration_context())
            )
        )


class CancelRegistrationView(RegistrationMixin, TemplateView):
    """POST only: a cancel link in a mailbox must not cancel by being opened."""

    template_name = "events/registration.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = self.registration
        if registration.is_cancelled:
            messages.info(request, _("Deze inschrijving was al geannuleerd."))
        elif self.event.has_started():
            context = self.registration_context()
            context["error"] = _(
                "Annuleren kan niet meer: de bijeenkomst is begonnen. Laat het de "
                "contactpersoon weten als je niet kunt komen."
            )
            return _private(
                self.render_to_response(self.get_context_data(**context), status=403)
            )
        else:
            services.cancel(registration)
            messages.success(
                request,
                _("Je inschrijving is geannuleerd. Je krijgt nog een bevestiging."),
            )
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return redirect(next_url)
        return redirect(registration_path(registration, self.event))


def registration_calendar(event, request, key, signature):
    """The person's own .ics: with the online link once they have a place."""
    registration = find_registration(event, key, signature)
    if registration is None or registration.is_cancelled:
        raise Http404
    response = calendar_response(
        build_calendar([event], registration=registration),
        f"{event.slug}.ics",
        download=True,
    )
    return _private(response)


# What other apps show (registered through wagtail_hooks) ---------------------------


DASHBOARD_REGISTRATION_FIELDS = (
    "uuid",
    "status",
    "event",
    *(
        f"event__{name}"
        for name in (
            "title",
            "url_path",
            "path",
            "depth",
            "content_type",
            "is_cancelled",
            "start",
            "end",
        )
    ),
)


def dashboard_section(request):
    """The member's coming registrations, on their dashboard (`/account/`)."""
    if not request.user.is_authenticated:
        return ""
    registrations = list(
        Registration.objects.active()
        .for_upcoming_events()
        .filter(user=request.user, event__live=True)
        .select_related("event")
        # What the list and `registration_path` read: an event's every
        # column (its body above all) cost more Python to load than the
        # database spent on the query.
        .only(*DASHBOARD_REGISTRATION_FIELDS)
        .order_by("event__start", "pk")
    )
    for registration in registrations:
        registration.page_url = registration_path(registration)
    return TemplateResponse(
        request,
        "events/includes/dashboard_registrations.html",
        {
            "registrations": registrations,
            "dashboard_url": request.path,
            "agenda_url": agenda_url(),
            "now": timezone.now(),
        },
    ).rendered_content


MUNICIPALITY_EVENTS = 4
MUNICIPALITY_EVENT_CARD_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "content_type",
    "is_cancelled",
    "is_example",
    "kind",
    "audience",
    "start",
    "end",
    "venue",
    "address",
    "online_link",
)


def _hosted_events():
    from events.models import EventPage

    return EventPage.objects.live().public_in_one_query().not_cancelled()


def municipality_annotations():
    """Loaded with the municipality on its page: when the last event it hosts
    ends, so `municipality_section` asks for the coming ones only when there
    are any. A moment, not whether one is still to come: the page's query is
    compiled once, and the time would be a value in it."""
    return {
        "hosted_events_end": Subquery(
            _hosted_events()
            .filter(host=OuterRef("pk"))
            .order_by("-end")
            .values("end")[:1]
        )
    }


def _municipality_events(host, now):
    # Only what a card (`events/includes/event_card.html`) and `{% pageurl %}`
    # read: an event's every column, its body above all, cost the page more
    # Python to load than the database spent on the query.
    return (
        _hosted_events()
        .upcoming(now)
        .filter(host_id=host)
        .only(*MUNICIPALITY_EVENT_CARD_FIELDS)
        .order_by("start", "pk")[:MUNICIPALITY_EVENTS]
    )


# The same SQL for every municipality and moment: compiled once.
_municipality_events_query = PrecompiledQuery(
    lambda values: _municipality_events(*values)
)


def municipality_section(request, municipality):
    """The coming events a municipality hosts, on its page in the directory."""
    now = timezone.now()
    if hasattr(municipality, "hosted_events_end") and (
        municipality.hosted_events_end is None or municipality.hosted_events_end < now
    ):
        return ""
    events = _municipality_events_query(values=[municipality.pk, now])
    if not events:
        return ""
    # The request for `{% pageurl %}`, without the context processors: the
    # municipality's page already ran them, and a second run cost it as much
    # as rendering the events.
    return render_to_string(
        "events/includes/municipality_events.html",
        {
            "events": events,
            "municipality": municipality,
            "now": now,
            "request": request,
        },
    )
