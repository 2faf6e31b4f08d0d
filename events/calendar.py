"""iCalendar (RFC 5545) files, built with the `icalendar` package.

Every event keeps one UID for life (`EventPage.calendar_uid`) and a SEQUENCE that
goes up with every published change, with DTSTAMP/LAST-MODIFIED set to the time
of that change; times carry TZID=Europe/Brussels with the matching VTIMEZONE. So
a calendar that imported or subscribed to an event replaces it when it changes,
and marks it cancelled (STATUS:CANCELLED) when it is called off.

The online link goes into one file only: a registered person's own
(`registration=` with a confirmed place).
"""

import functools
from datetime import date, timedelta

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import BRUSSELS

PRODID = "-//Stad Mechelen//Lerend netwerk pleinmakers//NL"
TZID = "Europe/Brussels"
# Subscribed calendars may look for changes this often (RFC 7986).
REFRESH_INTERVAL = timedelta(hours=6)


def absolute(url):
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.PORTAL_BASE_URL}{url}"


@functools.lru_cache(maxsize=32)
def _vtimezone(first_year, last_year):
    # Computing the transitions is slow; a year range is enough to cover them.
    return icalendar.Timezone.from_tzid(
        TZID, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )


def event_component(event, registration=None):
    """One VEVENT; with a confirmed `registration`, that person's own copy."""
    from events.tokens import registration_path

    changed = event.calendar_changed_at or event.last_published_at or timezone.now()
    vevent = icalendar.Event()
    vevent.add("uid", str(event.calendar_uid))
    vevent.add("dtstamp", changed)
    vevent.add("last-modified", changed)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", timezone.localtime(event.start, BRUSSELS))
    vevent.add("dtend", timezone.localtime(event.end, BRUSSELS))
    summary = event.title
    if event.is_cancelled:
        summary = _("Geannuleerd: %(title)s") % {"title": event.title}
    vevent.add("summary", summary)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    vevent.add("location", event.place)
    vevent.add("categories", [event.get_kind_display()])
    page_url = absolute(event.url)
    vevent.add("url", page_url)

    lines = [event.intro] if event.intro else []
    if event.is_cancelled and event.cancellation_note:
        lines.append(event.cancellation_note)
    if event.directions:
        lines.append(_("Route: %(route)s") % {"route": event.directions})
    own_place = registration is not None and registration.is_confirmed
    if own_place and event.is_online and not event.is_cancelled:
        lines.append(_("Online deelnemen: %(link)s") % {"link": event.online_link})
    if registration is not None:
        lines.append(
            _("Je inschrijving bekijken of annuleren: %(url)s")
            % {"url": absolute(registration_path(registration, event))}
        )
    lines.append(_("Meer informatie: %(url)s") % {"url": page_url})
    vevent.add("description", "\n\n".join(lines))
    return vevent


def build_calendar(events, *, name=None, registration=None):
    """A VCALENDAR with the events and the VTIMEZONE they need, as bytes."""
    events = list(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", TZID)
        calendar.refresh_interval = REFRESH_INTERVAL
        # The same for Outlook, which reads its own property.
        calendar.add("x-published-ttl", "PT6H")
    if events:
        first = min(timezone.localtime(event.start, BRUSSELS).year for event in events)
        last = max(timezone.localtime(event.end, BRUSSELS).year for event in events)
        calendar.add_component(_vtimezone(first, last))
    for event in events:
        calendar.add_component(event_component(event, registration=registration))
    return calendar.to_ical()


def calendar_response(content, filename, *, download):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def calendar_attachment(event, registration=None):
    """(filename, content, mimetype) for `portal.mail.send_templated_mail`."""
    content = build_calendar([event], registration=registration).decode()
    return (f"{event.slug}.ics", content, "text/calendar")
