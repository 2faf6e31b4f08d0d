import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_agenda(demo, client, mailoutbox):
    now = timezone.now()
    events = EventPage.objects.live()
    assert EventIndexPage.objects.live().get().url == "/agenda/"
    past = list(events.past(now))
    coming = list(events.upcoming(now).with_registration_counts())
    assert len(past) == 3
    assert all(event.report for event in past)
    assert len(coming) == 4
    full = [e for e in coming if e.capacity and e.confirmed_count >= e.capacity]
    assert len(full) == 1 and full[0].waitlisted_count >= 1
    assert any(
        e.is_online and not e.is_open_to_all and not e.is_cancelled for e in coming
    )
    assert any(
        e.is_open_to_all and not e.is_cancelled and e.places_left(e.confirmed_count)
        for e in coming
    )
    assert sum(e.is_cancelled for e in coming) == 1
    # Every demo event is plainly an example, never the network's history.
    assert all("(voorbeeld)" in event.title for event in events)
    assert all(event.is_example for event in events)
    page = client.get(coming[0].url).content.decode()
    assert "Deze bijeenkomst is verzonnen" in page
    agenda = client.get("/agenda/").content.decode()
    assert agenda.count('class="example-badge"') >= len(coming)
    feed = client.get("/agenda/feed/").content.decode()
    assert "<title>Voorbeeld: " in feed
    assert (
        Registration.objects.filter(user__email="lid@pleinmakers.example").count() == 2
    )
    assert "Agenda" in client.get("/").content.decode()
    # Loading the demo mails no registrant.
    assert not [mail for mail in mailoutbox if "(voorbeeld)" in mail.subject]


def test_the_demo_loads_twice_without_changes(demo):
    counts = (EventPage.objects.count(), Registration.objects.count())
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert " + " not in output.getvalue()
    assert counts == (EventPage.objects.count(), Registration.objects.count())
