"""Calendar files: RFC 5545 built with `icalendar`, parsed back in every test."""

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
from django.utils import timezone

from events.factories import RegistrationFactory
from events.models import BRUSSELS, EventPage
from tests.events.helpers import ics_of, page_of, publish, vevent

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def feed(client, query=""):
    return parse(client.get("/agenda/agenda.ics" + query))


def test_every_event_has_its_own_ics(client, event):
    response = client.get(event.url + "kalender.ics")
    calendar = parse(response)
    assert response["Content-Disposition"] == 'attachment; filename="intervisie.ics"'
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    item = vevent(calendar)
    assert item["UID"] == str(event.calendar_uid)
    assert item["SUMMARY"] == "Intervisie in Mechelen"
    assert item["STATUS"] == "CONFIRMED"
    assert item["SEQUENCE"] == 0
    assert item["DTSTAMP"].dt.tzinfo is not None
    assert item["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert item["DTSTART"].dt == timezone.localtime(event.start, BRUSSELS)
    assert item["DTEND"].dt == timezone.localtime(event.end, BRUSSELS)
    assert item["URL"] == f"http://testserver{event.url}"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Brussels"
    assert {c.name for c in zone.subcomponents} >= {"STANDARD"}


def test_the_agenda_feed_holds_every_published_event(client, make_event):
    first = make_event(slug="een", kind="webinar")
    second = make_event(slug="twee", kind="intervisie")
    draft = make_event(slug="concept")
    draft.unpublish()

    calendar = feed(client)

    assert {str(e["UID"]) for e in calendar.walk("VEVENT")} == {
        str(first.calendar_uid),
        str(second.calendar_uid),
    }
    assert calendar["X-WR-CALNAME"] == "Agenda lerend netwerk pleinmakers"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=6)
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_the_feed_filters_by_kind(client, make_event):
    webinar = make_event(slug="webinar", kind="webinar")
    make_event(slug="intervisie", kind="intervisie")
    calendar = feed(client, "?soort=webinar")
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        str(webinar.calendar_uid)
    ]
    assert "webinar" in str(calendar["X-WR-CALNAME"])
    # An unknown kind is ignored, not an error: the whole agenda comes back.
    assert len(feed(client, "?soort=onbekend").walk("VEVENT")) == 2


def test_uids_stay_and_sequence_rises_with_every_change(client, event):
    uid = str(event.calendar_uid)
    publish(event)  # nothing changed
    assert vevent(feed(client))["SEQUENCE"] == 0

    event.title = "Intervisie in Mechelen, tweede ronde"
    event = publish(event)
    item = vevent(feed(client))
    assert item["UID"] == uid
    assert item["SEQUENCE"] == 1
    first_stamp = item["DTSTAMP"].dt

    event.intro = "Nieuwe uitleg."
    event = publish(event)
    item = vevent(feed(client))
    assert item["SEQUENCE"] == 2
    assert item["DTSTAMP"].dt >= first_stamp
    assert item["LAST-MODIFIED"].dt == item["DTSTAMP"].dt


def test_publishing_an_old_revision_never_lowers_the_sequence(event):
    old = event.latest_revision
    event.title = "Nieuwe titel"
    event = publish(event)
    assert event.sequence == 1
    old.publish()
    event = EventPage.objects.get(pk=event.pk)
    assert event.title == "Intervisie in Mechelen"
    assert event.sequence == 2


def test_a_copy_is_a_new_calendar_entry(event, agenda):
    copy = event.copy(update_attrs={"slug": "kopie", "title": "Kopie"})
    assert copy.calendar_uid != event.calendar_uid
    assert copy.sequence == 0


def _last_sunday_of_march(year):
    day = date(year, 3, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_moving_an_event_across_the_switch_to_summer_time(
    client, make_event, mailoutbox
):
    switch = _last_sunday_of_march(timezone.localdate().year + 1)
    winter = datetime.combine(switch - timedelta(days=2), time(10), tzinfo=BRUSSELS)
    summer = datetime.combine(switch + timedelta(days=2), time(10), tzinfo=BRUSSELS)
    event = make_event(slug="lente", start=winter, end=winter + timedelta(hours=2))
    registration = RegistrationFactory(event=event, email="lente@voorbeeld.be")

    before = vevent(parse(client.get(event.url + "kalender.ics")))
    assert before["DTSTART"].dt.hour == 10
    assert before["DTSTART"].dt.astimezone(UTC).hour == 9

    event.start, event.end = summer, summer + timedelta(hours=2)
    publish(event)

    calendar = parse(client.get(event.url + "kalender.ics"))
    after = vevent(calendar)
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == 1
    assert after["DTSTART"].dt.hour == 10  # still ten o'clock in Brussels
    assert after["DTSTART"].dt.astimezone(UTC).hour == 8
    (zone,) = calendar.walk("VTIMEZONE")
    daylight = [c for c in zone.subcomponents if c.name == "DAYLIGHT"]
    assert daylight
    assert daylight[0]["TZOFFSETTO"].td == timedelta(hours=2)

    (mail,) = [m for m in mailoutbox if m.to == [registration.email]]
    assert mail.subject == f"Gewijzigd: {event.title}"
    attached = vevent(ics_of(mail))
    assert attached["UID"] == before["UID"]
    assert attached["SEQUENCE"] == 1
    assert attached["DTSTART"].dt.astimezone(UTC).hour == 8


def test_a_cancelled_event_stays_in_the_feed_for_thirty_days(client, event):
    event.is_cancelled = True
    event = publish(event)
    assert event.cancelled_at is not None

    item = vevent(feed(client))
    assert item["STATUS"] == "CANCELLED"
    assert item["SEQUENCE"] == 1
    assert str(item["SUMMARY"]).startswith("Geannuleerd: ")

    EventPage.objects.filter(pk=event.pk).update(
        cancelled_at=timezone.now() - timedelta(days=29)
    )
    assert len(feed(client).walk("VEVENT")) == 1
    EventPage.objects.filter(pk=event.pk).update(
        cancelled_at=timezone.now() - timedelta(days=31)
    )
    assert feed(client).walk("VEVENT") == []
    # Its own file still says it is cancelled.
    assert vevent(parse(client.get(event.url + "kalender.ics")))["STATUS"] == (
        "CANCELLED"
    )


def test_escaping_and_line_folding(client, make_event):
    title = "Intervisie; pleinen, buren & wijken \\ samen"
    intro = "Eerste regel.\nTweede regel met é, ë en een lange zin " + "x" * 120
    event = make_event(slug="lang", title=title, intro=intro, venue="Zaal A, B; C")
    raw = client.get(event.url + "kalender.ics").content

    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # folded
    assert b"SUMMARY:Intervisie\\; pleinen\\, buren & wijken \\\\ samen" in raw
    item = vevent(icalendar.Calendar.from_ical(raw))
    assert item["SUMMARY"] == title
    assert str(item["DESCRIPTION"]).startswith(intro)
    assert item["LOCATION"] == "Zaal A, B; C, Mechelen"


def test_the_personal_calendar_carries_the_registration_link(client, event):
    registration = RegistrationFactory(event=event)
    item = vevent(parse(client.get(page_of(registration) + "kalender.ics")))
    assert f"http://testserver{page_of(registration)}" in str(item["DESCRIPTION"])
    assert item["UID"] == str(event.calendar_uid)


def test_past_events_leave_the_feed_after_half_a_year(client, make_event):
    old = timezone.now() - timedelta(days=200)
    make_event(slug="oud", start=old, end=old + timedelta(hours=2))
    recent = timezone.now() - timedelta(days=20)
    make_event(slug="recent", start=recent, end=recent + timedelta(hours=2))
    assert [str(e["URL"]) for e in feed(client).walk("VEVENT")] == [
        "http://testserver/agenda/recent/"
    ]
