"""The site stays up when the cache or the database fails (issue #10)."""

import logging
from unittest import mock

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError

from portal import cache as portal_cache
from portal.factories import ContactPageFactory, EditorFactory
from portal.formtokens import new_token

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: connections are refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def _closed_breaker():
    portal_cache._open_until.clear()
    yield
    portal_cache._open_until.clear()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": settings.REDIS_OPTIONS,
        }
    }


def test_redis_calls_wait_half_a_second_at_most(settings):
    assert settings.REDIS_OPTIONS["socket_timeout"] <= 0.5
    assert settings.REDIS_OPTIONS["socket_connect_timeout"] <= 0.5


def test_pages_render_uncached_with_redis_down(client, redis_down, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert "Lerend netwerk pleinmakers" in response.content.decode()


def test_logins_work_and_forms_save_with_redis_down(client, redis_down, home_page):
    from portal.models import ContactSubmission

    editor = EditorFactory(email="redacteur@mechelen.example")
    response = client.post(
        "/admin/login/",
        {"username": editor.email, "password": "een-lang-testwachtwoord"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    page = ContactPageFactory(parent=home_page)
    client.logout()
    client.post(
        page.url,
        {
            "naam": "Ilse",
            "e_mailadres": "ilse@hasselt.example",
            "onderwerp": "Vraag over pleinmakers",
            "bericht": "Hallo",
            "privacy": "on",
            "form_token": new_token(),
        },
    )
    assert ContactSubmission.objects.count() == 1


def test_login_locks_hold_with_redis_down(client, redis_down):
    editor = EditorFactory(email="redacteur@mechelen.example")
    for _attempt in range(5):
        client.post("/admin/login/", {"username": editor.email, "password": "fout"})
    response = client.post(
        "/admin/login/",
        {"username": editor.email, "password": "een-lang-testwachtwoord"},
    )
    assert response.status_code == 429


def test_after_a_failure_the_cache_is_skipped_then_tried_again():
    cache = portal_cache.ResilientRedisCache(DEAD_REDIS, {})
    with mock.patch.object(
        RedisCache, "get", side_effect=RedisConnectionError("down")
    ) as get:
        assert cache.get("a", "standaard") == "standaard"
        assert cache.get("b") is None
        assert cache.get_or_set("c", 3) == 3
        with pytest.raises(ValueError):
            cache.incr("d")
    assert get.call_count == 1  # the breaker kept the others away from Redis
    # Later, Redis is back: the next call reaches it again.
    portal_cache._open_until.clear()
    with mock.patch.object(RedisCache, "get", return_value="terug") as get:
        assert cache.get("a") == "terug"


def test_healthz_says_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failing": []}
    assert "no-store" in response["Cache-Control"]


def test_healthz_names_the_cache_when_redis_is_down(client, redis_down, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "failing": ["cache"]}
    assert "healthz" not in caplog.text  # no log line per call


def test_healthz_names_the_database_when_it_is_down(client):
    with mock.patch("portal.views._database_answers", return_value=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]


def test_a_database_outage_is_a_503_with_retry_after(home_page):
    client = Client(raise_request_exception=False)
    with (
        mock.patch(
            "django.contrib.auth.get_user",
            side_effect=OperationalError("server closed the connection"),
        ),
        mock.patch("portal.views._database_answers", return_value=False),
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Even niet bereikbaar" in response.content.decode()


def test_a_query_error_with_the_database_up_stays_a_500(home_page):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "django.contrib.auth.get_user", side_effect=OperationalError("bad query")
    ):
        response = client.get("/")
    assert response.status_code == 500
