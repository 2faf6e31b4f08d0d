"""Helpers the agenda's tests share."""

from datetime import timedelta

import icalendar
from django.utils import timezone

from events.models import EventPage, Registration
from events.tokens import registration_path

ONLINE_LINK = "https://vergadering.example/geheim-ABC123-pleinmakers"


def publish(page):
    """Publish `page` as an editor does; return it fresh from the database."""
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def page_of(registration):
    """The person's own registration page (the link in their e-mails)."""
    return registration_path(registration, registration.event)


def running(make_event, **fields):
    """An event that began an hour ago and is still going on."""
    now = timezone.now()
    return make_event(
        start=now - timedelta(hours=1), end=now + timedelta(hours=2), **fields
    )


def registrations_of(event):
    return list(Registration.objects.filter(event=event).order_by("created_at", "pk"))


def ics_of(message):
    """The parsed .ics attached to an e-mail, or None."""
    for filename, content, mimetype in message.attachments:
        if filename.endswith(".ics"):
            assert mimetype == "text/calendar"
            return icalendar.Calendar.from_ical(content)
    return None


def vevent(calendar):
    (event,) = calendar.walk("VEVENT")
    return event
