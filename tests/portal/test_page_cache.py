"""Whole anonymous pages from the shared cache, and what removes them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client

from events.factories import EventIndexPageFactory, EventPageFactory
from events.services import register_member
from experiences import services
from experiences.factories import ExperienceFactory, ExperienceIndexPageFactory
from network.models import MembershipStatus
from portal.factories import ContactPageFactory, ContentPageFactory
from portal.page_cache import may_store
from tests.helpers import publish


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600


def cached(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.get("X-Page-Cache")


def test_a_visitor_gets_the_stored_page_without_a_query(
    client, home_page, django_assert_num_queries
):
    page = ContentPageFactory(parent=home_page, title="Over pleinmakers")
    publish(page)
    first = client.get(page.url)
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert int(second["Age"]) >= 0
    control = second["Cache-Control"]
    assert "public" in control and "s-maxage=" in control
    # One language and no personal content: nothing to vary on.
    assert "Cookie" not in second.get("Vary", "")
    assert "Accept-Language" not in second.get("Vary", "")
    assert not second.cookies


def test_the_query_string_is_normalised(client, practices):
    index, *_ = practices
    assert cached(client, f"{index.url}?status=a&label=b") == "miss"
    assert cached(client, f"{index.url}?label=b&utm_source=nieuwsbrief&status=a") == (
        "hit"
    )
    assert cached(client, f"{index.url}?label=c&status=a") == "miss"
    # No shared cache can purge every query string: only this cache keeps them.
    assert "s-maxage=0" in client.get(f"{index.url}?label=c")["Cache-Control"]


def test_publishing_removes_the_page_its_listing_and_the_home_page_only(
    client, home_page, practices
):
    index, first, second = practices
    urls = [home_page.url, index.url, first.url, second.url, "/sitemap.xml"]
    for url in urls:
        assert cached(client, url) == "miss"
        assert cached(client, url) == "hit"

    publish(first, title="Soep en brood op het plein")

    assert "Soep en brood op het plein" in client.get(first.url).text
    assert cached(client, index.url) == "miss"
    assert cached(client, home_page.url) == "miss"
    assert cached(client, "/sitemap.xml") == "miss"
    # The other practice does not show it: it stays.
    assert cached(client, second.url) == "hit"


def test_unpublishing_and_moving_remove_the_old_urls(client, home_page, practices):
    index, first, second = practices
    old_url = first.url
    for url in (old_url, second.url, index.url):
        cached(client, url)

    first.unpublish()
    assert client.get(old_url).status_code == 404
    assert cached(client, index.url) == "miss"

    other = ContentPageFactory(parent=home_page, title="Elders")
    publish(other)
    second_url = second.url
    second.move(other, pos="last-child")
    # Wagtail's redirect to the new place, not the stored page.
    assert client.get(second_url).status_code == 301


def test_renaming_a_listing_removes_the_pages_below_it(client, practices):
    index, first, _second = practices
    cached(client, first.url)
    publish(index, title="Voorbeelden uit de praktijk")
    # Its title is in the practice's breadcrumb.
    response = client.get(first.url)
    assert response["X-Page-Cache"] == "miss"


def test_approving_and_hiding_an_experience_remove_the_pages_that_show_it(
    client, home_page, member, editor
):
    index = ExperienceIndexPageFactory.build(slug="ervaringen", title="Ervaringen")
    home_page.add_child(instance=index)
    publish(index)
    cached(client, index.url)
    cached(client, home_page.url)

    experience = ExperienceFactory(
        author=member, title="Soep op het plein", publish=True, publish__by=editor
    )
    listing = client.get(index.url)
    assert listing["X-Page-Cache"] == "miss"
    assert "Soep op het plein" in listing.text
    assert cached(client, home_page.url) == "miss"
    assert cached(client, experience.get_absolute_url()) == "miss"
    assert cached(client, experience.get_absolute_url()) == "hit"

    services.hide(experience, editor)
    assert client.get(experience.get_absolute_url()).status_code == 404
    assert "Soep op het plein" not in client.get(index.url).text


def test_a_membership_change_removes_the_directory(client, network_page, leuven):
    cached(client, network_page.url)
    cached(client, leuven.get_absolute_url())
    assert cached(client, network_page.url) == "hit"

    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    assert cached(client, network_page.url) == "miss"
    assert cached(client, leuven.get_absolute_url()) == "miss"


def test_no_trace_of_a_member_reaches_a_visitor(
    client, home_page, network_page, member, practices
):
    index, first, _second = practices
    urls = [home_page.url, index.url, first.url, network_page.url, "/zoeken/?q=soep"]
    client.force_login(member)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert response.get("X-Page-Cache") is None

    visitor = Client()
    for url in urls:
        for _twice in range(2):
            text = visitor.get(url).text
            for trace in ("Lien", member.email, "Afmelden", "Mijn account", "csrf"):
                assert trace not in text, (url, trace)


def test_a_member_never_gets_the_visitors_page(client, home_page, member):
    visitor = Client()
    assert cached(visitor, home_page.url) == "miss"
    assert cached(visitor, home_page.url) == "hit"
    client.force_login(member)
    response = client.get(home_page.url)
    assert response.get("X-Page-Cache") is None
    assert "Mijn account" in response.text


def test_pages_with_a_form_token_and_errors_are_never_stored(client, home_page):
    contact = ContactPageFactory(parent=home_page)
    publish(contact)
    for _twice in range(2):
        response = client.get(contact.url)
        assert "csrfmiddlewaretoken" in response.text
        assert response.get("X-Page-Cache") is None
        assert "public" not in response.get("Cache-Control", "")

    for _twice in range(2):
        response = client.get("/bestaat-niet/")
        assert response.status_code == 404
        assert response.get("X-Page-Cache") is None


def test_without_redis_pages_are_served_uncached(settings, client, home_page):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": settings.REDIS_OPTIONS,
        }
    }
    for _twice in range(2):
        response = client.get(home_page.url)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") is None


@pytest.mark.parametrize(
    ("header", "preview"),
    [
        ("private", False),
        ("no-store", False),
        ("max-age=0, no-cache", False),
        ("", True),
    ],
)
def test_private_responses_and_previews_are_never_stored(rf, header, preview):
    request = rf.get("/over/")
    request.user = AnonymousUser()
    request.is_preview = preview
    response = HttpResponse("<p>Voor iedereen?</p>")
    if header:
        response["Cache-Control"] = header
    assert not may_store(request, response)
    request.is_preview = False
    del response["Cache-Control"]
    assert may_store(request, response)


def test_a_registration_removes_the_event_the_agenda_and_the_home_page(
    client, home_page, member
):
    agenda = EventIndexPageFactory.build()
    home_page.add_child(instance=agenda)
    publish(agenda)
    event = EventPageFactory.build(title="Intervisie", slug="intervisie", capacity=3)
    agenda.add_child(instance=event)
    publish(event)
    for url in (event.url, agenda.url, home_page.url):
        cached(client, url)
        assert cached(client, url) == "hit"

    register_member(event, member)

    assert "nog 2 van 3" in client.get(event.url).text
    assert cached(client, agenda.url) == "miss"
    assert cached(client, home_page.url) == "miss"
