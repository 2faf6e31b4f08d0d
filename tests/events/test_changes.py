"""When an editor changes, cancels or enlarges an event."""

from datetime import timedelta

import pytest

from events import services
from events.factories import RegistrationFactory
from events.models import RegistrationStatus
from tests.events.helpers import ONLINE_LINK, ics_of, publish, registrations_of, vevent

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(event):
    """Three places taken, two people waiting."""
    for number in range(5):
        services.register(event, name=f"P{number}", email=f"p{number}@voorbeeld.be")
    return event


def by_address(mailoutbox):
    return {mail.to[0]: mail for mail in mailoutbox}


def test_a_new_time_reaches_every_registrant_with_an_updated_ics(
    full_event, mailoutbox
):
    mailoutbox.clear()
    full_event.start += timedelta(days=1)
    full_event.end += timedelta(days=1)
    publish(full_event)

    mails = by_address(mailoutbox)
    assert len(mailoutbox) == 5
    confirmed = mails["p0@voorbeeld.be"]
    assert confirmed.subject == "Gewijzigd: Intervisie in Mechelen"
    assert "het tijdstip" in confirmed.body
    item = vevent(ics_of(confirmed))
    assert item["UID"] == str(full_event.calendar_uid)
    assert item["SEQUENCE"] == 1
    waiting = mails["p4@voorbeeld.be"]
    assert ics_of(waiting) is None
    assert "nog op de wachtlijst, op plaats 2" in waiting.body


def test_a_new_place_is_news_too(event, mailoutbox):
    RegistrationFactory(event=event, email="p@voorbeeld.be")
    event.venue = "Zaal De Valk"
    publish(event)
    (mail,) = mailoutbox
    assert "de plaats" in mail.body
    assert "Zaal De Valk" in mail.body


def test_a_new_title_updates_calendars_without_mailing_everyone(event, mailoutbox):
    RegistrationFactory(event=event, email="p@voorbeeld.be")
    event.title = "Intervisie: de eerste burendag"
    event = publish(event)
    assert event.sequence == 1
    assert mailoutbox == []


def test_cancelling_the_event_mails_everyone_with_a_cancelled_ics(
    full_event, mailoutbox
):
    mailoutbox.clear()
    full_event.is_cancelled = True
    full_event.cancellation_note = "De spreker is ziek; we zoeken een nieuwe datum."
    event = publish(full_event)

    assert event.cancelled_at is not None
    assert len(mailoutbox) == 5
    mails = by_address(mailoutbox)
    confirmed = mails["p1@voorbeeld.be"]
    assert confirmed.subject == "Geannuleerd: Intervisie in Mechelen"
    assert "De spreker is ziek" in confirmed.body
    item = vevent(ics_of(confirmed))
    assert item["STATUS"] == "CANCELLED"
    assert item["SEQUENCE"] == 1
    assert item["UID"] == str(event.calendar_uid)
    assert ics_of(mails["p3@voorbeeld.be"]) is None
    # Nobody moves up to a cancelled event, and the registrations remain.
    assert [r.status for r in registrations_of(event)].count("ingeschreven") == 3


def test_calling_off_a_cancellation(event, mailoutbox):
    RegistrationFactory(event=event, email="p@voorbeeld.be")
    event.is_cancelled = True
    event = publish(event)
    event.is_cancelled = False
    event = publish(event)
    assert event.cancelled_at is None
    assert event.sequence == 2
    assert mailoutbox[-1].subject == "Gaat toch door: Intervisie in Mechelen"
    assert vevent(ics_of(mailoutbox[-1]))["STATUS"] == "CONFIRMED"


def test_a_new_online_link_reaches_those_with_a_place_only(make_event, mailoutbox):
    online_event = make_event(
        slug="online", venue="", address="", online_link=ONLINE_LINK, capacity=1
    )
    RegistrationFactory(event=online_event, email="plaats@voorbeeld.be")
    RegistrationFactory(
        event=online_event,
        email="wacht@voorbeeld.be",
        status=RegistrationStatus.WAITLISTED,
    )
    online_event.online_link = ONLINE_LINK + "-nieuw"
    publish(online_event)
    mails = by_address(mailoutbox)
    assert ONLINE_LINK + "-nieuw" in mails["plaats@voorbeeld.be"].body
    assert ONLINE_LINK not in mails["wacht@voorbeeld.be"].body


def test_raising_the_capacity_moves_people_up_in_order(full_event, mailoutbox):
    mailoutbox.clear()
    full_event.capacity = 4
    publish(full_event)

    statuses = {r.email: r.status for r in registrations_of(full_event)}
    assert statuses["p3@voorbeeld.be"] == RegistrationStatus.CONFIRMED
    assert statuses["p4@voorbeeld.be"] == RegistrationStatus.WAITLISTED
    (mail,) = mailoutbox
    assert mail.to == ["p3@voorbeeld.be"]
    assert mail.subject.startswith("Er is een plaats voor je vrij")

    full_event.capacity = None
    publish(full_event)
    assert all(r.is_confirmed for r in registrations_of(full_event))


def test_lowering_the_capacity_takes_no_place_away(full_event):
    full_event.capacity = 1
    publish(full_event)
    assert [r.status for r in registrations_of(full_event)].count("ingeschreven") == 3


def test_changes_to_a_past_event_mail_nobody(make_event, mailoutbox):
    from django.utils import timezone

    past = timezone.now() - timedelta(days=3)
    event = make_event(slug="voorbij", start=past, end=past + timedelta(hours=2))
    RegistrationFactory(event=event)
    event.start -= timedelta(hours=1)
    event = publish(event)
    assert event.sequence == 1
    assert mailoutbox == []
