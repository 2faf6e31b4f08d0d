"""One's own registration: the signed link, the online link, cancelling."""

import pytest

from events import services
from events.factories import RegistrationFactory
from events.models import RegistrationStatus
from events.tokens import signature_for
from tests.events.helpers import ONLINE_LINK, page_of, registrations_of, running

pytestmark = pytest.mark.django_db


def test_the_link_opens_the_persons_own_page(client, online_event):
    registration = RegistrationFactory(event=online_event, name="Rita Reeds")
    response = client.get(page_of(registration))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rita Reeds, je bent ingeschreven." in html
    assert ONLINE_LINK in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert 'referrerpolicy="no-referrer"' in html


def test_a_waitlisted_person_does_not_get_the_online_link(client, online_event):
    registration = RegistrationFactory(
        event=online_event, status=RegistrationStatus.WAITLISTED
    )
    html = client.get(page_of(registration)).content.decode()
    assert "wachtlijst, op plaats 1" in html
    assert ONLINE_LINK not in html
    calendar = client.get(page_of(registration) + "kalender.ics")
    assert ONLINE_LINK not in calendar.content.decode()


def test_a_tampered_signature_opens_nothing(client, registration):
    url = page_of(registration)
    forged = url.replace(signature_for(registration), "A" * 43)
    assert client.get(forged).status_code == 404
    assert client.post(forged + "annuleren/").status_code == 404
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_cancel_token_never_works_for_another_registration(client, event):
    mine = RegistrationFactory(event=event, email="mijn@voorbeeld.be")
    theirs = RegistrationFactory(event=event, email="hun@voorbeeld.be")
    # My signature with their uuid: the signature belongs to my registration only.
    forged = f"{event.url}inschrijving/{theirs.uuid}/{signature_for(mine)}/"

    assert client.get(forged).status_code == 404
    assert client.post(forged + "annuleren/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED


def test_a_link_only_works_below_its_own_event(client, event, make_event):
    other = make_event(slug="andere")
    registration = RegistrationFactory(event=event)
    moved = page_of(registration).replace(event.url, other.url)
    assert client.get(moved).status_code == 404
    assert client.post(moved + "annuleren/").status_code == 404


def test_opening_the_cancel_link_cancels_nothing(client, registration):
    # Mail scanners open links; only the button (a POST) cancels.
    response = client.get(page_of(registration) + "annuleren/")
    assert response.status_code == 405
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancelling_through_the_link(client, registration, mailoutbox):
    response = client.post(page_of(registration) + "annuleren/", follow=True)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_at is not None
    assert "Je inschrijving is geannuleerd" in response.content.decode()
    assert mailoutbox[0].subject.startswith("Je inschrijving is geannuleerd")
    # A second click changes nothing and says so.
    again = client.post(page_of(registration) + "annuleren/", follow=True)
    assert "al geannuleerd" in again.content.decode()


def test_a_cancel_token_does_not_work_once_the_event_began(client, make_event):
    event = running(make_event, slug="bezig", capacity=1)
    registration = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)

    response = client.post(page_of(registration) + "annuleren/")

    assert response.status_code == 403
    assert "Annuleren kan niet meer" in response.content.decode()
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert (
        "Annuleer mijn inschrijving"
        not in client.get(page_of(registration)).content.decode()
    )


def test_a_link_dies_with_an_erased_registration(client, make_event):
    event = make_event(slug="later")
    registration = RegistrationFactory(event=event, email="weg@voorbeeld.be")
    url = page_of(registration)
    services.erase_person(email="weg@voorbeeld.be")
    assert client.get(url).status_code == 404


def test_cancel_returns_to_a_page_of_this_site_only(client, registration):
    response = client.post(
        page_of(registration) + "annuleren/", {"next": "https://elders.example/"}
    )
    assert response["Location"] == page_of(registration)
    other = RegistrationFactory(event=registration.event)
    response = client.post(page_of(other) + "annuleren/", {"next": "/account/"})
    assert response["Location"] == "/account/"


def test_the_personal_calendar_is_private(client, online_event):
    registration = RegistrationFactory(event=online_event)
    response = client.get(page_of(registration) + "kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert ONLINE_LINK in response.content.decode().replace("\r\n ", "")
    services.cancel(registration)
    assert client.get(page_of(registration) + "kalender.ics").status_code == 404


def test_the_list_order_survives_the_page(client, event):
    people = [
        services.register(event, name=f"P{n}", email=f"p{n}@voorbeeld.be")[0]
        for n in range(5)
    ]
    html = client.get(page_of(people[4])).content.decode()
    assert "op plaats 2" in html
    assert [r.status for r in registrations_of(event)].count("wachtlijst") == 2
