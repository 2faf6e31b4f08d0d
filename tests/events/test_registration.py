"""Registering: members with one click, visitors with the form, places and the
waiting list, cancelling, and what must never happen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.factories import RegistrationFactory
from events.models import Registration, RegistrationStatus
from network.factories import MemberFactory
from portal.factories import UserFactory
from portal.models import RateLimit
from tests.events.helpers import ics_of, page_of, registrations_of, running, vevent

pytestmark = pytest.mark.django_db


# Members ---------------------------------------------------------------------------


def test_a_member_registers_with_one_click(client, event, member, mailoutbox):
    client.force_login(member)
    page = client.get(event.url).content.decode()
    assert "Schrijf me in" in page
    assert 'name="email"' not in page  # nothing to fill in

    response = client.post(event.url + "inschrijven/")

    (registration,) = registrations_of(event)
    assert response.status_code == 302
    assert response["Location"] == page_of(registration)
    assert registration.user == member
    assert registration.name == "Lien Lid"
    assert registration.email == "lid@gemeente.example"
    assert registration.municipality.name == "Mechelen"
    assert registration.status == RegistrationStatus.CONFIRMED
    (mail,) = mailoutbox
    assert mail.to == ["lid@gemeente.example"]
    assert "Je bent ingeschreven" in mail.subject
    assert vevent(ics_of(mail))["UID"] == str(event.calendar_uid)
    assert page_of(registration) in mail.body


def test_the_event_page_then_shows_the_member_their_registration(client, event, member):
    client.force_login(member)
    client.post(event.url + "inschrijven/")
    page = client.get(event.url).content.decode()
    assert "Je bent ingeschreven." in page
    assert "Bekijk je inschrijving" in page
    assert "Schrijf me in" not in page


def test_a_member_never_registers_twice(client, event, member, mailoutbox):
    client.force_login(member)
    client.post(event.url + "inschrijven/")
    response = client.post(event.url + "inschrijven/", follow=True)

    assert len(registrations_of(event)) == 1
    assert "Je was al ingeschreven." in response.content.decode()
    assert len(mailoutbox) == 1


def test_a_member_registering_as_a_visitor_too_is_the_same_person(
    client, event, member, visitor_data
):
    client.force_login(member)
    client.post(event.url + "inschrijven/")
    client.logout()
    client.post(
        event.url + "inschrijven/",
        {**visitor_data, "email": "LID@gemeente.example"},
    )
    assert len(registrations_of(event)) == 1


def test_a_member_sees_the_members_only_event_and_registers(client, make_event, member):
    event = make_event(audience="leden", slug="alleen-leden")
    client.force_login(member)
    client.post(event.url + "inschrijven/")
    assert registrations_of(event)[0].user == member


# Visitors --------------------------------------------------------------------------


def test_a_visitor_registers_for_an_open_event(client, event, visitor_data, mailoutbox):
    page = client.get(event.url).content.decode()
    assert 'href="/agenda/intervisie/inschrijven/"' in page

    form = client.get(event.url + "inschrijven/")
    assert form.status_code == 200
    before = timezone.now()
    response = client.post(event.url + "inschrijven/", visitor_data)

    assert response.status_code == 302
    assert response["Location"] == event.url + "inschrijven/verstuurd/"
    (registration,) = registrations_of(event)
    assert registration.user is None
    assert registration.name == "Vera Bezoeker"
    assert registration.email == "vera.bezoeker@voorbeeld.be"
    assert registration.organisation == "OCMW Voorbeeld"
    assert registration.consent_given_at >= before
    assert registration.consent_version == "2026-01"
    (mail,) = mailoutbox
    assert mail.to == ["vera.bezoeker@voorbeeld.be"]
    assert ics_of(mail) is not None
    sent = client.get(response["Location"]).content.decode()
    assert "Kijk in je mailbox" in sent


def test_a_visitor_can_name_their_municipality(client, event, visitor_data, mechelen):
    client.post(
        event.url + "inschrijven/", {**visitor_data, "municipality": mechelen.pk}
    )
    assert registrations_of(event)[0].municipality == mechelen


def test_the_form_answers_bad_input_in_dutch_and_keeps_it(client, event):
    response = client.post(
        event.url + "inschrijven/",
        {"name": "Vera", "email": "geen-adres", "organisation": "", "website": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen geldig e-mailadres" in html
    assert "Vul je organisatie in." in html
    assert "We kunnen je alleen inschrijven als je akkoord gaat" in html
    assert 'value="Vera"' in html
    assert 'value="geen-adres"' in html
    assert Registration.objects.count() == 0


def test_a_visitor_registering_twice_gets_one_registration_and_learns_nothing(
    client, event, visitor_data, mailoutbox
):
    first = client.post(event.url + "inschrijven/", visitor_data)
    second = client.post(
        event.url + "inschrijven/",
        {**visitor_data, "email": " VERA.bezoeker@voorbeeld.be "},
    )

    assert len(registrations_of(event)) == 1
    # The same answer: the page does not tell anyone the address was known.
    assert first["Location"] == second["Location"]
    assert [mail.subject for mail in mailoutbox] == [
        "Je bent ingeschreven: Intervisie in Mechelen",
        "Je was al ingeschreven: Intervisie in Mechelen",
    ]


def test_double_registration_is_refused_by_the_database_too(event):
    RegistrationFactory(event=event, email="twee@voorbeeld.be")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, email="twee@voorbeeld.be")


def test_a_cancelled_registration_does_not_block_registering_again(
    client, event, visitor_data
):
    client.post(event.url + "inschrijven/", visitor_data)
    services.cancel(registrations_of(event)[0])
    client.post(event.url + "inschrijven/", visitor_data)
    statuses = [r.status for r in registrations_of(event)]
    assert statuses == [RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED]


# Members only ----------------------------------------------------------------------


@pytest.fixture
def members_only(make_event):
    return make_event(audience="leden", slug="leden", title="Intervisie voor leden")


def test_a_visitor_cannot_register_for_a_members_only_event(
    client, members_only, visitor_data, mailoutbox
):
    page = client.get(members_only.url).content.decode()
    assert "alleen voor leden van het lerend netwerk" in page
    assert "Meld je aan om in te schrijven" in page
    form = client.get(members_only.url + "inschrijven/").content.decode()
    assert 'name="email"' not in form

    response = client.post(members_only.url + "inschrijven/", visitor_data)

    assert response.status_code == 403
    assert Registration.objects.count() == 0
    assert mailoutbox == []


def test_an_account_outside_the_network_cannot_register_for_members_only(
    client, members_only, editor, visitor_data
):
    client.force_login(editor)
    response = client.post(members_only.url + "inschrijven/", visitor_data)
    assert response.status_code == 403
    assert Registration.objects.count() == 0
    with pytest.raises(services.RegistrationRefused):
        services.register(members_only, user=editor, name="R", email=editor.email)


def test_the_service_refuses_a_visitor_for_members_only(members_only):
    with pytest.raises(services.RegistrationRefused) as refused:
        services.register(members_only, name="Vera", email="vera@voorbeeld.be")
    assert "alleen voor leden" in refused.value.message
    assert Registration.objects.count() == 0


# Spoofing: honeypot and rate limit -------------------------------------------------


def test_the_honeypot_keeps_nothing_and_looks_like_success(
    client, event, visitor_data, mailoutbox
):
    response = client.post(
        event.url + "inschrijven/", {**visitor_data, "website": "https://spam.example"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/inschrijven/verstuurd/")
    assert Registration.objects.count() == 0
    assert mailoutbox == []


def test_five_registrations_per_address_per_hour(client, event, visitor_data):
    for number in range(5):
        response = client.post(
            event.url + "inschrijven/",
            {**visitor_data, "email": f"persoon{number}@voorbeeld.be"},
        )
        assert response.status_code == 302

    response = client.post(
        event.url + "inschrijven/", {**visitor_data, "email": "zesde@voorbeeld.be"}
    )

    assert response.status_code == 429
    # The seconds until the hour's window frees, not a constant.
    assert 3500 < int(response["Retry-After"]) <= 3600
    RateLimit.objects.update(expires_at=timezone.now() + timedelta(seconds=90))
    response = client.post(
        event.url + "inschrijven/", {**visitor_data, "email": "zesde@voorbeeld.be"}
    )
    assert 80 < int(response["Retry-After"]) <= 90
    assert "vijf inschrijvingen" in response.content.decode()
    assert Registration.objects.count() == 5


def test_the_rate_limit_counts_per_address(client, event, visitor_data):
    for number in range(5):
        client.post(
            event.url + "inschrijven/",
            {**visitor_data, "email": f"persoon{number}@voorbeeld.be"},
            REMOTE_ADDR="10.0.0.1",
        )
    response = client.post(
        event.url + "inschrijven/",
        {**visitor_data, "email": "ander@voorbeeld.be"},
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="ander@voorbeeld.be").exists()


def test_members_are_not_rate_limited(client, make_event, member, visitor_data):
    for number in range(5):
        client.post(
            make_event(slug=f"ander-{number}").url + "inschrijven/",
            {**visitor_data, "email": f"p{number}@voorbeeld.be"},
        )
    event = make_event(slug="nog-een")
    client.force_login(member)
    client.post(event.url + "inschrijven/")
    assert registrations_of(event)[0].user == member


# Capacity and the waiting list -----------------------------------------------------


def test_when_full_new_registrations_join_the_waiting_list_in_order(event, mailoutbox):
    for number in range(5):
        services.register(event, name=f"P{number}", email=f"p{number}@voorbeeld.be")

    registrations = registrations_of(event)
    assert [r.status for r in registrations] == [RegistrationStatus.CONFIRMED] * 3 + [
        RegistrationStatus.WAITLISTED
    ] * 2
    assert [r.waiting_position() for r in registrations[3:]] == [1, 2]
    assert Registration.objects.confirmed().filter(event=event).count() == 3
    assert mailoutbox[3].subject.startswith("Je staat op de wachtlijst")
    assert "op plaats 1" in mailoutbox[3].body
    assert ics_of(mailoutbox[3]) is None  # no place, no calendar entry


def test_never_more_places_than_the_capacity(event):
    for number in range(10):
        services.register(event, name=f"P{number}", email=f"p{number}@voorbeeld.be")
    assert Registration.objects.confirmed().filter(event=event).count() == 3


def test_a_cancellation_moves_the_first_on_the_list_up_and_mails_them(
    client, event, mailoutbox
):
    people = [
        services.register(event, name=f"P{n}", email=f"p{n}@voorbeeld.be")[0]
        for n in range(5)
    ]
    mailoutbox.clear()

    response = client.post(page_of(people[1]) + "annuleren/")

    assert response.status_code == 302
    statuses = {r.email: r.status for r in registrations_of(event)}
    assert statuses["p1@voorbeeld.be"] == RegistrationStatus.CANCELLED
    assert statuses["p3@voorbeeld.be"] == RegistrationStatus.CONFIRMED
    assert statuses["p4@voorbeeld.be"] == RegistrationStatus.WAITLISTED
    promoted = Registration.objects.get(email="p3@voorbeeld.be")
    assert promoted.promoted_at is not None
    subjects = {mail.to[0]: mail.subject for mail in mailoutbox}
    assert subjects["p1@voorbeeld.be"].startswith("Je inschrijving is geannuleerd")
    assert subjects["p3@voorbeeld.be"].startswith("Er is een plaats voor je vrij")
    assert ics_of(next(m for m in mailoutbox if m.to == ["p3@voorbeeld.be"]))


def test_leaving_the_waiting_list_moves_nobody_up(event):
    people = [
        services.register(event, name=f"P{n}", email=f"p{n}@voorbeeld.be")[0]
        for n in range(5)
    ]
    services.cancel(people[3])
    assert people[4].waiting_position() == 1
    assert Registration.objects.confirmed().filter(event=event).count() == 3


def test_an_event_without_capacity_takes_everyone(make_event):
    event = make_event(slug="groot", capacity=None)
    for number in range(20):
        services.register(event, name=f"P{number}", email=f"p{number}@voorbeeld.be")
    assert Registration.objects.confirmed().filter(event=event).count() == 20


# When registering is closed --------------------------------------------------------


def test_no_registering_after_the_deadline(client, make_event, visitor_data):
    now = timezone.now()
    event = make_event(
        slug="deadline",
        start=now + timedelta(days=2),
        end=now + timedelta(days=2, hours=2),
        registration_deadline=now - timedelta(hours=1),
    )
    assert "Inschrijven kon tot" in client.get(event.url).content.decode()
    response = client.post(event.url + "inschrijven/", visitor_data)
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_no_registering_once_the_event_began(client, make_event, member):
    event = running(make_event, slug="bezig")
    client.force_login(member)
    response = client.post(event.url + "inschrijven/", follow=True)
    assert "al begonnen of voorbij" in response.content.decode()
    assert Registration.objects.count() == 0


def test_no_registering_for_a_cancelled_event(make_event):
    event = make_event(slug="afgelast", is_cancelled=True)
    with pytest.raises(services.RegistrationRefused):
        services.register(event, name="Vera", email="vera@voorbeeld.be")


def test_logged_in_staff_use_the_visitor_form(client, event, visitor_data):
    client.force_login(UserFactory(email="iemand@stad.example"))
    client.post(event.url + "inschrijven/", visitor_data)
    assert registrations_of(event)[0].user is None


def test_a_second_member_of_the_same_municipality_has_their_own_place(
    client, event, member, mechelen
):
    colleague = MemberFactory(
        email="collega@mechelen.example", profile__municipality=mechelen
    )
    for person in (member, colleague):
        client.force_login(person)
        client.post(event.url + "inschrijven/")
    assert {r.user for r in registrations_of(event)} == {member, colleague}
