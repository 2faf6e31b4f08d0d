import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from portal.page_urls import page_full_url, page_url
from portal.precompiled import PrecompiledQuery
from portal.request_memo import load_sites
from tests.helpers import publish
from tests.network.test_dashboard_queries import MEMBER_PAGE_BUDGET

CONSTANT = Template(
    '{% load i18n frame_tags %}{% constant %}{% translate "Zoeken" %}|{{ secret }}|'
    "{% url 'search' %}{% endconstant %}"
)


def test_a_constant_block_renders_without_the_pages_variables():
    with translation.override("nl"):
        first = CONSTANT.render(Context({"secret": "geheim"}))
        again = CONSTANT.render(Context({"secret": "ander"}))
    assert first == again == "Zoeken||/zoeken/"


def _request():
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    load_sites(request)
    return request


def test_a_page_url_follows_a_moved_page(demo):
    page = Page.objects.get(url_path="/home/privacy/")
    assert page_url(page, _request()) == page.get_url(_request()) == "/privacy/"
    publish(page.specific, slug="privacyverklaring")
    page = Page.objects.get(pk=page.pk)
    assert page_url(page, _request()) == "/privacyverklaring/"


def _menu(response):
    html = response.content.decode()
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def test_the_frame_marks_the_section_and_the_page(demo, client):
    assert '<a href="/praktijkvoorbeelden/" aria-current="page">' in _menu(
        client.get("/praktijkvoorbeelden/")
    )
    assert "aria-current" not in _menu(client.get("/privacy/"))


def test_the_frame_escapes_page_titles(demo, client):
    faq = Page.objects.get(url_path="/home/veelgestelde-vragen/")
    publish(faq.specific, title="Vragen & <antwoorden>")
    html = client.get("/privacy/").content.decode()
    link = (
        '<li><a href="/veelgestelde-vragen/">Vragen &amp; &lt;antwoorden&gt;</a></li>'
    )
    # In the header's service links and in the footer.
    assert html.count(link) == 2


def test_a_full_page_url_is_wagtails(demo):
    page = Page.objects.get(url_path="/home/privacy/")
    assert page_full_url(page, _request()) == page.get_full_url(_request())
    assert page_full_url(page, _request()).endswith("/privacy/")


def test_a_view_wagtail_does_not_route_reads_the_frame_from_the_kept_sql(
    demo, client, settings, monkeypatch
):
    settings.CACHES = dict.fromkeys(
        settings.CACHES, {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    )
    from portal.models import pages

    build = mock.Mock(wraps=pages._frame_only._build)
    monkeypatch.setattr(pages, "_frame_only", PrecompiledQuery(build))
    client.force_login(get_user_model().objects.get(email="lid@pleinmakers.example"))
    routed = _menu(client.get("/privacy/"))
    client.get("/account/")
    compiled = build.call_count

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/account/")

    assert build.call_count == compiled
    assert _menu(response) == routed
    frame = [q["sql"] for q in queries if '"content_type_id" IN' in q["sql"]]
    assert len(frame) == 1
    assert len(queries) <= MEMBER_PAGE_BUDGET
