"""Query budgets: the agenda 12 queries at most, an event 11, the same with 3 and
with 300 events (and their registrations), with the cache and without it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.factories import EventPageFactory, RegistrationFactory
from events.models import DocumentRole, EventDocument
from portal.factories import ToolkitDocumentFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

AGENDA_BUDGET = 12
# One of them reads the collections' privacy, for the event's documents.
EVENT_BUDGET = 10


def add_events(agenda, number, start=0):
    """`number` events, half of them past, without revisions (fast)."""
    now = timezone.now()
    document = ToolkitDocumentFactory(title="Verslag")
    for index in range(start, start + number):
        when = now + timedelta(days=index - number // 2 - start, hours=1)
        page = EventPageFactory.build(
            slug=f"bijeenkomst-{index}", start=when, end=when + timedelta(hours=2)
        )
        agenda.add_child(instance=page)
        EventDocument.objects.create(
            page=page, document=document, role=DocumentRole.REPORT
        )
        RegistrationFactory(event=page)


def measure(client, urls):
    return {url: count_queries(client, url) for url in urls}


@pytest.fixture
def featured(make_event, mechelen):
    """An event with a host, a document and registrations: all it can show."""
    event = make_event(slug="uitgelicht", capacity=10, host=mechelen)
    EventDocument.objects.create(
        page=event,
        document=ToolkitDocumentFactory(title="Agenda"),
        role=DocumentRole.AGENDA,
    )
    for _number in range(3):
        RegistrationFactory(event=event)
    return event


def urls_for(event):
    return {
        "agenda": "/agenda/",
        "agenda filtered": "/agenda/?soort=intervisie&publiek=open&periode=komend",
        "agenda past": "/agenda/?periode=voorbij&page=2",
        "event": event.url,
    }


def _check(small, large):
    assert large == small
    for label, count in large.items():
        budget = EVENT_BUDGET if label == "event" else AGENDA_BUDGET
        assert count <= budget, (label, count)


def test_the_agenda_and_an_event_cost_the_same_with_3_and_300_events(
    client, agenda, featured, cache_state
):
    add_events(agenda, 2)
    urls = urls_for(featured)
    small = {label: count_queries(client, url) for label, url in urls.items()}
    add_events(agenda, 298, start=2)
    for _number in range(297):
        RegistrationFactory(event=featured)
    large = {label: count_queries(client, url) for label, url in urls.items()}
    print("\nqueries:", large)
    _check(small, large)


def test_a_member_on_an_event_page(client, agenda, featured, member, cache_state):
    """A member stays within the page's budget and two (session, account);
    their own registration is a small query of its own."""
    client.force_login(member)
    client.post(featured.url + "inschrijven/")
    add_events(agenda, 2)
    small = count_queries(client, featured.url)
    add_events(agenda, 50, start=2)
    assert count_queries(client, featured.url) == small <= EVENT_BUDGET + 2
