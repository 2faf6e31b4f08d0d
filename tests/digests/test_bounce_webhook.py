"""The mail service reports bounces: authenticated, POST only, rate limited."""

import json

import pytest

from digests.models import Bounce
from digests.webhooks import FAILURES_PER_IP_PER_HOUR

URL = "/volgen/bounce/"
TOKEN = "een-lang-geheim-voor-de-mailserver"


@pytest.fixture
def token(settings):
    settings.PORTAL_BOUNCE_WEBHOOK_TOKEN = TOKEN
    return TOKEN


def post(client, data, token=TOKEN, as_json=True):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if as_json:
        return client.post(
            URL, json.dumps(data), content_type="application/json", headers=headers
        )
    return client.post(URL, data, headers=headers)


@pytest.mark.django_db
def test_a_hard_and_a_soft_bounce_are_recorded(client, token):
    response = post(client, {"email": " Iemand@Voorbeeld.be ", "note": "550 5.1.1"})
    assert response.status_code == 201
    response = post(
        client, {"email": "iemand@voorbeeld.be", "type": "soft"}, as_json=False
    )
    assert response.status_code == 201
    assert sorted(Bounce.objects.values_list("email", "hard", "note")) == [
        ("iemand@voorbeeld.be", False, ""),
        ("iemand@voorbeeld.be", True, "550 5.1.1"),
    ]


@pytest.mark.django_db
def test_three_hard_bounces_through_the_webhook_stop_the_mail(client, token):
    for _number in range(3):
        post(client, {"email": "weg@voorbeeld.be"})
    assert Bounce.objects.blocked_addresses() == {"weg@voorbeeld.be"}


@pytest.mark.django_db
def test_without_the_right_token_nothing_is_recorded(client, token):
    assert post(client, {"email": "a@voorbeeld.be"}, token=None).status_code == 401
    assert post(client, {"email": "a@voorbeeld.be"}, token="raden").status_code == 401
    assert (
        post(client, {"email": "a@voorbeeld.be"}, token=TOKEN[:-1]).status_code == 401
    )
    assert not Bounce.objects.exists()


@pytest.mark.django_db
def test_post_only_and_csrf_exempt(token):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.get(URL).status_code == 405
    assert post(client, {"email": "a@voorbeeld.be"}).status_code == 201


@pytest.mark.django_db
def test_without_a_configured_token_there_is_no_endpoint(client, settings):
    settings.PORTAL_BOUNCE_WEBHOOK_TOKEN = ""
    assert post(client, {"email": "a@voorbeeld.be"}, token="").status_code == 404
    assert not Bounce.objects.exists()


@pytest.mark.django_db
def test_bad_data_is_refused(client, token):
    for data in ({}, {"email": "geen-adres"}, {"email": "a@b.be", "type": "zacht"}):
        assert post(client, data).status_code == 400, data
    response = client.post(
        URL,
        "{niet json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400
    assert not Bounce.objects.exists()


@pytest.mark.django_db
def test_guessing_the_token_is_rate_limited(client, token):
    for _attempt in range(FAILURES_PER_IP_PER_HOUR):
        assert post(client, {"email": "a@voorbeeld.be"}, "raden").status_code == 401
    # Even the right token waits now: guessing further gains nothing.
    response = post(client, {"email": "a@voorbeeld.be"})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert not Bounce.objects.exists()
