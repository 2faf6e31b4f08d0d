"""Visitors sign up for the newsletter: nothing is sent before they confirm."""

import re

import pytest
from django.core import mail
from django.test import Client
from taggit.models import Tag

from digests import sending
from digests.models import Bounce, DigestSend, Subscriber
from tests.digests.conftest import week_later

SIGN_UP = "/volgen/nieuwsbrief/"


@pytest.fixture
def themes(make_practice):
    make_practice(title="Groen plein", themes=["groen"])
    make_practice(title="Voor senioren", themes=["senioren"])


def link_in(message, part):
    return re.search(
        rf"http://testserver(/volgen/nieuwsbrief/{part}/[^\s]+/)", (message.body)
    ).group(1)


@pytest.mark.django_db
def test_double_opt_in(client, themes, make_practice):
    response = client.post(SIGN_UP, {"email": "Buur@Voorbeeld.be", "themes": ["groen"]})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "buur@voorbeeld.be"
    assert subscriber.confirmed_at is None
    (confirmation,) = mail.outbox
    confirm = link_in(confirmation, "bevestig")

    # Unconfirmed: the weekly run sends nothing.
    make_practice(title="Nog een groen plein", themes=["groen"])
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    assert [m for m in mail.outbox if m.to == ["buur@voorbeeld.be"]] == []
    assert not DigestSend.objects.filter(subscriber=subscriber).exists()

    # Opening the link asks; the button confirms.
    assert "Ja, schrijf me in" in client.get(confirm).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    client.post(confirm)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at


@pytest.mark.django_db
def test_confirmed_subscribers_get_their_themes_and_unsubscribe_in_one_click(
    themes, make_practice
):
    subscriber = Subscriber.objects.create(email="lezer@voorbeeld.be")
    subscriber.themes.set(Tag.objects.filter(slug="groen"))
    subscriber.confirmed_at = subscriber.created_at
    subscriber.save()
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    (message,) = [m for m in mail.outbox if m.to == ["lezer@voorbeeld.be"]]
    assert "Groen plein" in message.body
    assert "Voor senioren" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://testserver")
    response = Client(enforce_csrf_checks=True).post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()  # erased, not just switched off


@pytest.mark.django_db
def test_bad_input_gets_a_dutch_message_and_saves_nothing(client, themes):
    response = client.post(SIGN_UP, {"email": "geen-adres", "themes": ["onbekend"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen geldig e-mailadres" in html
    assert (
        "Kies thema&#x27;s uit de lijst." in html
        or "Kies thema's uit de lijst." in html
    )
    assert 'value="geen-adres"' in html
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_honeypot_saves_and_sends_nothing(client, themes):
    response = client.post(
        SIGN_UP,
        {"email": "bot@voorbeeld.be", "themes": ["groen"], "website": "spam.example"},
    )
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_rate_limited_per_ip(client, themes):
    for number in range(5):
        client.post(SIGN_UP, {"email": f"p{number}@voorbeeld.be", "themes": ["groen"]})
    response = client.post(SIGN_UP, {"email": "p9@voorbeeld.be", "themes": ["groen"]})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert not Subscriber.objects.filter(email="p9@voorbeeld.be").exists()


@pytest.mark.django_db
def test_a_confirmed_address_is_not_changed_by_someone_else(client, themes):
    subscriber = Subscriber.objects.create(email="lezer@voorbeeld.be")
    subscriber.confirmed_at = subscriber.created_at
    subscriber.save()
    client.post(SIGN_UP, {"email": "lezer@voorbeeld.be", "themes": ["senioren"]})
    assert list(subscriber.themes.all()) == []
    (message,) = mail.outbox
    assert "al ingeschreven" in message.subject


@pytest.mark.django_db
def test_tokens_only_open_their_own_sign_up(client):
    from digests import tokens

    one = Subscriber.objects.create(email="een@voorbeeld.be")
    two = Subscriber.objects.create(email="twee@voorbeeld.be")
    token = tokens.subscriber_token(one, tokens.UNSUBSCRIBE)
    signature = token.rsplit(":", 1)[1]
    for bad in (f"abonnee-{two.key}:{signature}", f"abonnee-{two.key}", "x:y"):
        path = f"/volgen/nieuwsbrief/afmelden/{bad}/"
        assert client.post(path).status_code == 404
    assert Subscriber.objects.count() == 2


@pytest.mark.django_db
def test_erase_person_and_bounces_apply(themes):
    subscriber = Subscriber.objects.create(email="weg@voorbeeld.be")
    subscriber.themes.set(Tag.objects.filter(slug="groen"))
    subscriber.confirmed_at = subscriber.created_at
    subscriber.save()
    for _n in range(3):
        Bounce.objects.create(email="weg@voorbeeld.be")
    mail.outbox.clear()
    run = sending.send_digests(now=week_later())
    assert mail.outbox == []
    assert run.counts()["bounced"] == 1
    assert Subscriber.objects.erase_person(email="WEG@voorbeeld.be") >= 1
    assert not Subscriber.objects.exists()
    assert not Bounce.objects.exists()
