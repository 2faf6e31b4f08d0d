"""The reminder the day before: queued by a command that may run any number of
times; every person with a place gets it once."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.factories import RegistrationFactory
from events.models import Registration, RegistrationStatus
from tests.events.helpers import ONLINE_LINK, ics_of, publish

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    return out.getvalue()


def registered_days_ago(event, days=3, **fields):
    return RegistrationFactory(
        event=event, created_at=timezone.now() - timedelta(days=days), **fields
    )


@pytest.fixture
def tomorrow(make_event):
    start = timezone.localtime() + timedelta(days=1)
    return make_event(
        slug="morgen",
        title="Webinar morgen",
        start=start,
        end=start + timedelta(hours=1),
        online_link=ONLINE_LINK,
    )


def test_everyone_with_a_place_gets_one_reminder(tomorrow, mailoutbox):
    person = registered_days_ago(tomorrow, email="plaats@voorbeeld.be")
    registered_days_ago(
        tomorrow, email="wacht@voorbeeld.be", status=RegistrationStatus.WAITLISTED
    )
    registered_days_ago(
        tomorrow, email="weg@voorbeeld.be", status=RegistrationStatus.CANCELLED
    )

    assert run() == "1 reminder(s) queued.\n"

    (mail,) = mailoutbox
    assert mail.to == ["plaats@voorbeeld.be"]
    assert mail.subject in {"Morgen: Webinar morgen", "Binnenkort: Webinar morgen"}
    assert ONLINE_LINK in mail.body
    assert ics_of(mail) is not None
    person.refresh_from_db()
    assert person.reminder_sent_at is not None

    assert run() == "0 reminder(s) queued.\n"
    assert len(mailoutbox) == 1


def test_no_reminder_for_later_events_or_cancelled_ones(make_event, mailoutbox):
    later = timezone.now() + timedelta(days=5)
    registered_days_ago(
        make_event(slug="later", start=later, end=later + timedelta(hours=1))
    )
    soon = timezone.now() + timedelta(hours=20)
    cancelled = make_event(slug="geschrapt", start=soon, end=soon + timedelta(hours=1))
    registered_days_ago(cancelled)
    cancelled.is_cancelled = True
    publish(cancelled)
    mailoutbox.clear()
    assert run() == "0 reminder(s) queued.\n"
    assert mailoutbox == []


def test_no_reminder_right_after_registering(tomorrow, mailoutbox):
    services.register(tomorrow, name="Net", email="net@voorbeeld.be")
    mailoutbox.clear()
    assert run() == "0 reminder(s) queued.\n"
    assert mailoutbox == []


def test_a_second_run_at_the_same_moment_sends_nothing_twice(tomorrow, mailoutbox):
    registered_days_ago(tomorrow)
    now = timezone.now()
    assert services.queue_reminders(now) == 1
    assert services.queue_reminders(now) == 0
    assert Registration.objects.filter(reminder_sent_at=now).count() == 1
    assert len(mailoutbox) == 1
