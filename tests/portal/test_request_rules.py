"""Headers, sessions, limits and bad input, site-wide (issue #10)."""

import time

import pytest
from django.core.cache import cache

from network.factories import MemberFactory
from portal.factories import ContactPageFactory, EditorFactory
from portal.middleware import LOGIN_TIME_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-testwachtwoord"


def test_public_pages_carry_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in policy.split("; ") if part
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'self'"
    assert directives["form-action"] == "'self'"


def test_the_admin_policy_adds_only_what_wagtail_needs(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "unsafe-eval" not in policy


def test_editor_sessions_end_after_an_hour_idle(client):
    editor = EditorFactory()
    client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    client.get("/admin/")
    assert client.session.get_expiry_age() == 60 * 60


def test_editor_sessions_end_eight_hours_after_login(client):
    editor = EditorFactory()
    client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    session = client.session
    session[LOGIN_TIME_KEY] = int(time.time()) - 8 * 60 * 60 - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_member_sessions_last_fourteen_days(client, settings):
    member = MemberFactory()
    client.post("/account/aanmelden/", {"username": member.email, "password": PASSWORD})
    client.get("/account/")
    assert client.session.get_expiry_age() == 14 * 24 * 60 * 60


def test_the_admin_loads_no_gravatar(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar.com" not in html


def test_at_most_a_thousand_form_fields(client, home_page):
    page = ContactPageFactory(parent=home_page)
    fields = {f"veld{number}": "x" for number in range(1001)}
    assert client.post(page.url, fields).status_code == 400


def test_search_is_limited_per_address_with_retry_after(client, home_page):
    for number in range(30):
        assert client.get("/zoeken/", {"q": f"plein {number}"}).status_code == 200
    response = client.get("/zoeken/", {"q": "nog een keer"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert client.get("/zoeken/", {"q": "plein"}, REMOTE_ADDR="192.0.2.8").status_code


def test_unique_searches_and_404s_add_no_cache_entries(client, home_page, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    client.get("/")
    client.get("/bestaat-niet-0/")
    client.get("/zoeken/", {"q": "woord0"})
    before = len(cache._cache)
    for number in range(1, 20):
        client.get(f"/bestaat-niet-{number}/")
        client.get("/zoeken/", {"q": f"woord{number}"})
    assert len(cache._cache) == before


@pytest.mark.parametrize(
    "url",
    [
        "/netwerk/aansluiten/?gemeente=%00",
        "/zoeken/?q=a%00b",
        "/praktijkvoorbeelden/export.csv?thema=%00",
        "/?%00=1",
    ],
)
def test_a_nul_byte_in_a_get_parameter_is_a_dutch_400(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "tekens die we niet kunnen lezen" in response.content.decode()
