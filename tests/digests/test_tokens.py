"""The links in a digest work without logging in, and only for their own person."""

import pytest
from django.test import Client

from digests import tokens
from digests.models import DigestPreference, Frequency
from network.factories import MemberFactory


def frequency(user):
    preference = DigestPreference.objects.filter(user=user).first()
    return preference.frequency if preference else Frequency.WEEKLY


@pytest.mark.django_db
def test_one_click_unsubscribe_without_login_or_csrf(member):
    token = tokens.make_token(member, tokens.UNSUBSCRIBE)
    client = Client(enforce_csrf_checks=True)
    url = f"/volgen/afmelden/{token}/"
    # Opening the link (as a mail scanner does) asks, and changes nothing.
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, meld me af" in page.content.decode()
    assert frequency(member) == Frequency.WEEKLY
    # RFC 8058: the mail client posts this body, without cookie or token.
    response = client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Je bent afgemeld" in response.content.decode()
    assert frequency(member) == Frequency.NEVER


@pytest.mark.django_db
def test_a_token_never_works_for_another_person(member, colleague):
    token = tokens.make_token(member, tokens.UNSUBSCRIBE)
    value, signature = token.rsplit(":", 1)
    forged = f"lid-{colleague.pk}:{signature}"
    client = Client()
    for bad in (
        forged,
        f"lid-{colleague.pk}",
        f"{value}:{'A' * len(signature)}",
        "lid-1:abc",
        tokens.make_token(member, tokens.SETTINGS),  # the other purpose
    ):
        assert client.post(f"/volgen/afmelden/{bad}/").status_code == 404, bad
    assert frequency(colleague) == Frequency.WEEKLY
    assert frequency(member) == Frequency.WEEKLY


@pytest.mark.django_db
def test_settings_link_changes_only_its_own_person(member, colleague):
    token = tokens.make_token(member, tokens.SETTINGS)
    client = Client()
    assert client.get(f"/volgen/instellingen/{token}/").status_code == 200
    client.post(f"/volgen/instellingen/{token}/", {"frequency": "dagelijks"})
    assert frequency(member) == Frequency.DAILY
    assert frequency(colleague) == Frequency.WEEKLY
    bad = client.post(f"/volgen/instellingen/{token}/", {"frequency": "elk-uur"})
    assert "Selecteer een geldige keuze" in bad.content.decode()
    assert frequency(member) == Frequency.DAILY


@pytest.mark.django_db
def test_tokens_of_a_deactivated_account_stop_working(mechelen):
    person = MemberFactory(email="weg@lid.example", profile__municipality=mechelen)
    token = tokens.make_token(person, tokens.UNSUBSCRIBE)
    person.is_active = False
    person.save()
    assert Client().get(f"/volgen/afmelden/{token}/").status_code == 404
