import pytest

from events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    RegistrationFactory,
)
from network.factories import MemberFactory
from network.models import Municipality
from tests.events.helpers import ONLINE_LINK, publish


@pytest.fixture
def agenda(home_page):
    page = EventIndexPageFactory.build()
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_event(agenda):
    """make_event(**fields): a published event below the agenda."""

    def make(**fields):
        page = EventPageFactory.build(**fields)
        agenda.add_child(instance=page)
        return publish(page)

    return make


@pytest.fixture
def event(make_event):
    return make_event(title="Intervisie in Mechelen", slug="intervisie", capacity=3)


@pytest.fixture
def online_event(make_event):
    return make_event(
        title="Webinar over burendagen",
        slug="webinar",
        kind="webinar",
        venue="",
        address="",
        online_link=ONLINE_LINK,
    )


@pytest.fixture
def mechelen(db):
    # Without the root fixture's mentor status; `member` (tests/conftest.py)
    # belongs to this one.
    return Municipality.objects.get(nis_code="12025")


@pytest.fixture
def other_member(db):
    return MemberFactory(
        email="collega@leuven.example",
        first_name="Kobe",
        last_name="Collega",
        profile__municipality=Municipality.objects.get(nis_code="24062"),
    )


@pytest.fixture
def visitor_data():
    return {
        "name": "Vera Bezoeker",
        "email": "Vera.Bezoeker@Voorbeeld.be",
        "organisation": "OCMW Voorbeeld",
        "municipality": "",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def register_url():
    def url(event):
        return event.url + "inschrijven/"

    return url


@pytest.fixture
def registration(event):
    return RegistrationFactory(
        event=event, name="Rita Reeds", email="rita@voorbeeld.be"
    )
