"""What must never happen: the online link or registrants' data in public output,
and registrations that outlive the person they belong to."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.factories import RegistrationFactory
from events.models import Registration, RegistrationStatus
from network.services import delete_member_account, export_member_data
from tests.events.helpers import ONLINE_LINK, page_of, publish, registrations_of
from tests.helpers import response_text

pytestmark = pytest.mark.django_db

SECRET_PART = "geheim-ABC123"


@pytest.fixture
def online_members_event(make_event, mechelen):
    return make_event(
        slug="online-leden",
        title="Online intervisie burendagen",
        intro="Een online intervisie over burendagen.",
        audience="leden",
        venue="",
        address="",
        online_link=ONLINE_LINK,
        host=mechelen,
    )


@pytest.fixture
def online_open_event(make_event, mechelen):
    return make_event(
        slug="online-open",
        title="Webinar burendagen",
        intro="Een webinar over burendagen.",
        kind="webinar",
        venue="",
        address="",
        online_link=ONLINE_LINK,
        host=mechelen,
        capacity=1,
    )


@pytest.fixture
def public_urls(network_page, online_open_event, online_members_event):
    call_command("update_index", verbosity=0)
    urls = [
        "/",
        "/agenda/",
        "/agenda/?soort=webinar",
        "/agenda/?periode=komend&publiek=open",
        "/agenda/feed/",
        "/agenda/agenda.ics",
        "/agenda/agenda.ics?soort=webinar",
        "/sitemap.xml",
        "/zoeken/?q=burendagen",
        "/zoeken/?q=vergadering",
        "/netwerk/mechelen/",
    ]
    for event in (online_open_event, online_members_event):
        urls += [
            event.url,
            event.url + "kalender.ics",
            event.url + "inschrijven/",
            event.url + "inschrijven/verstuurd/",
        ]
    return urls


@pytest.fixture
def network_page(home_page):
    from network.factories import NetworkIndexPageFactory

    page = NetworkIndexPageFactory.build(slug="netwerk")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def outputs(client, urls):
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        yield url, response_text(response).replace("\r\n ", "")


# The online link -------------------------------------------------------------------


def test_the_online_link_is_in_no_public_output(client, public_urls):
    for url, text in outputs(client, public_urls):
        assert SECRET_PART not in text, url


def test_nor_for_members_who_did_not_register(client, public_urls, member):
    client.force_login(member)
    for url, text in outputs(client, public_urls):
        assert SECRET_PART not in text, url


def test_registered_people_see_it_only_on_their_own_page(
    client, public_urls, member, online_members_event
):
    client.force_login(member)
    client.post(online_members_event.url + "inschrijven/")
    (registration,) = registrations_of(online_members_event)
    for url, text in outputs(client, public_urls):
        assert SECRET_PART not in text, url
    assert ONLINE_LINK in client.get(page_of(registration)).content.decode()


def test_nor_for_people_on_the_waiting_list(
    client, online_open_event, visitor_data, mailoutbox
):
    RegistrationFactory(event=online_open_event)
    client.post(online_open_event.url + "inschrijven/", visitor_data)
    waiting = Registration.objects.get(email="vera.bezoeker@voorbeeld.be")
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert SECRET_PART not in mailoutbox[-1].body
    assert SECRET_PART not in client.get(page_of(waiting)).content.decode()
    ics = client.get(page_of(waiting) + "kalender.ics").content.decode()
    assert SECRET_PART not in ics.replace("\r\n ", "")


def test_the_confirmation_mail_and_own_ics_carry_it(
    client, online_open_event, visitor_data, mailoutbox
):
    client.post(online_open_event.url + "inschrijven/", visitor_data)
    (mail,) = mailoutbox
    assert ONLINE_LINK in mail.body
    ((_name, content, _type),) = mail.attachments
    assert ONLINE_LINK in content.replace("\r\n ", "")


def test_the_search_index_never_holds_it(client, online_open_event):
    from wagtail.search.models import IndexEntry

    call_command("update_index", verbosity=0)
    for word in (SECRET_PART, "vergadering.example"):
        assert "Geen resultaten" in client.get(f"/zoeken/?q={word}").content.decode()
    entries = " ".join(
        f"{entry.title} {entry.body} {entry.autocomplete}"
        for entry in IndexEntry.objects.all()
    ).lower()
    # On PostgreSQL these are text-search vectors: lower case, word by word.
    assert "webinar" in entries
    assert "abc123" not in entries
    assert "vergadering" not in entries


@pytest.mark.urls("tests.events.api_urls")
def test_the_api_never_shows_it(client, online_open_event, online_members_event):
    listing = client.get("/api/v2/pages/?type=events.EventPage&fields=*")
    detail = client.get(f"/api/v2/pages/{online_open_event.pk}/")
    assert listing.status_code == detail.status_code == 200
    assert json.loads(detail.content)["title"] == "Webinar burendagen"
    for response in (listing, detail):
        assert SECRET_PART not in response.content.decode()
        assert "online_link" not in response.content.decode()


# Personal data of registrants ------------------------------------------------------


def test_no_registrant_appears_in_any_public_output(
    client, public_urls, online_open_event, online_members_event, member
):
    for event in (online_open_event, online_members_event):
        RegistrationFactory(
            event=event, name="Zeldzame Zinnia", email="zinnia@privé.example"
        )
    client.force_login(member)
    client.post(online_members_event.url + "inschrijven/")
    client.logout()
    for url, text in outputs(client, public_urls):
        assert "Zinnia" not in text, url
        assert "zinnia@" not in text, url
        assert "Lien Lid" not in text, url
        assert "lid@gemeente.example" not in text, url


# Erasure ---------------------------------------------------------------------------


@pytest.fixture
def past_event(make_event):
    past = timezone.now() - timedelta(days=30)
    return make_event(slug="voorbij", start=past, end=past + timedelta(hours=2))


def _personal(registration):
    return [registration.name, registration.email, registration.organisation]


def test_deleting_a_members_account_leaves_no_registration_with_their_data(
    client, event, past_event, member, mailoutbox
):
    client.force_login(member)
    client.post(event.url + "inschrijven/")
    RegistrationFactory(
        event=past_event,
        user=member,
        name="Lien Lid",
        email=member.email,
        attended=True,
    )
    # Earlier, before the account existed, Lien registered as a visitor too.
    RegistrationFactory(event=past_event, name="Lien L.", email="LID@gemeente.example")
    for number in range(3):
        services.register(event, name=f"P{number}", email=f"p{number}@voorbeeld.be")
    mailoutbox.clear()

    delete_member_account(member)

    leftovers = Registration.objects.filter(email__iexact="lid@gemeente.example")
    assert not leftovers.exists()
    assert not Registration.objects.filter(name__startswith="Lien").exists()
    # The coming event: the place went to the first on the waiting list.
    assert not registrations_of(event)[0].email == "lid@gemeente.example"
    assert Registration.objects.get(email="p2@voorbeeld.be").is_confirmed
    assert [mail.to for mail in mailoutbox] == [["p2@voorbeeld.be"]]
    # The past event keeps anonymous rows, so attendance figures stay right.
    anonymous = registrations_of(past_event)
    assert [r.name for r in anonymous] == ["(gegevens verwijderd)"] * 2
    assert all(r.user_id is None and r.email == "" for r in anonymous)
    assert [r.attended for r in anonymous] == [True, None]


def test_an_account_removed_in_the_admin_goes_the_same_way(event, member):
    services.register_member(event, member)
    get_user_model().objects.filter(pk=member.pk).first().delete()
    assert Registration.objects.count() == 0


def test_erasing_a_visitor_by_email(event, past_event, mailoutbox):
    RegistrationFactory(event=event, email="vera@voorbeeld.be")
    RegistrationFactory(event=past_event, email="vera@voorbeeld.be", organisation="X")
    other = RegistrationFactory(event=event, email="ander@voorbeeld.be")

    erased = Registration.objects.erase_person(email="  Vera@Voorbeeld.BE ")

    assert erased == 2
    remaining = list(Registration.objects.order_by("pk"))
    assert other in remaining
    assert not Registration.objects.filter(email="vera@voorbeeld.be").exists()
    (anonymous,) = registrations_of(past_event)
    assert _personal(anonymous) == ["(gegevens verwijderd)", "", ""]
    assert anonymous.consent_given_at is None
    assert anonymous.anonymised_at is not None
    assert Registration.objects.erase_person(email="vera@voorbeeld.be") == 0
    assert Registration.objects.erase_person() == 0


def test_the_member_can_download_their_registrations(event, member):
    services.register_member(event, member)
    data = export_member_data(member)
    (exported,) = data["event_registrations"]
    assert exported["event"] == "Intervisie in Mechelen"
    assert exported["status"] == "ingeschreven"
    assert exported["email"] == "lid@gemeente.example"


def test_members_only_events_stay_out_of_search_and_sitemap(
    client, online_open_event, online_members_event
):
    call_command("update_index", verbosity=0)
    search = client.get("/zoeken/?q=burendagen").content.decode()
    assert "Webinar burendagen" in search
    assert "Online intervisie burendagen" not in search
    sitemap = client.get("/sitemap.xml").content.decode()
    assert online_open_event.url in sitemap
    assert online_members_event.url not in sitemap
    page = client.get(online_members_event.url).content.decode()
    assert '<meta name="robots" content="noindex">' in page


def test_an_event_that_becomes_members_only_leaves_search(client, online_open_event):
    call_command("update_index", verbosity=0)
    online_open_event.audience = "leden"
    publish(online_open_event)
    assert (
        "Webinar burendagen" not in client.get("/zoeken/?q=burendagen").content.decode()
    )
