"""A member's registrations on their dashboard (`/account/`), through the hook."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import RegistrationStatus
from tests.events.helpers import page_of, registrations_of

pytestmark = pytest.mark.django_db


def test_members_see_their_coming_registrations(client, make_event, member):
    soon = make_event(slug="binnenkort", title="Binnenkort", capacity=1)
    full = make_event(slug="vol", title="Volzet", capacity=1)
    services.register(full, name="Eerst", email="eerst@voorbeeld.be")
    past_start = timezone.now() - timedelta(days=3)
    past = make_event(
        slug="voorbij",
        title="Voorbij",
        start=past_start,
        end=past_start + timedelta(hours=1),
    )
    for event in (soon, full):
        services.register_member(event, member)
    past.registrations.create(name="Lien Lid", email=member.email, user=member)

    client.force_login(member)
    html = client.get("/account/").content.decode()

    assert "Mijn inschrijvingen" in html
    assert "Binnenkort" in html and "Volzet" in html
    assert "Voorbij" not in html
    assert "op de wachtlijst" in html
    assert page_of(registrations_of(soon)[0]) in html


def test_members_cancel_on_their_dashboard(client, make_event, member, mailoutbox):
    event = make_event(slug="binnenkort", title="Binnenkort", capacity=1)
    services.register_member(event, member)
    services.register(event, name="Wacht", email="wacht@voorbeeld.be")
    mine = registrations_of(event)[0]

    client.force_login(member)
    response = client.post(page_of(mine) + "annuleren/", {"next": "/account/"})

    assert response["Location"] == "/account/"
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert registrations_of(event)[1].is_confirmed
    html = client.get("/account/").content.decode()
    assert "Je inschrijving is geannuleerd" in html
    assert "Je bent voor geen komende bijeenkomst ingeschreven." in html


def test_without_registrations_the_dashboard_points_to_the_agenda(
    client, agenda, member
):
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert "Je bent voor geen komende bijeenkomst ingeschreven." in html
    assert 'href="/agenda/"' in html


def test_network_and_portal_never_import_events():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for app in ("network", "portal"):
        for source in (root / app).rglob("*.py"):
            text = source.read_text()
            assert "from events" not in text and "import events" not in text, source
