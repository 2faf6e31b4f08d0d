from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from portal.models import SiteSettings
from portal.precompiled import PrecompiledQuery
from portal.request_memo import _sites_queryset


def test_a_precompiled_query_compiles_once_and_reads_fresh_rows(demo):
    build = mock.Mock(wraps=_sites_queryset)
    query = PrecompiledQuery(build)
    first = query()
    calls = build.call_count
    Site.objects.update(site_name="Elders")
    with CaptureQueriesContext(connection) as queries:
        second = query()
    # One query each time, built and compiled only the first time.
    assert build.call_count == calls
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as fresh:
        list(_sites_queryset())
    assert queries[0]["sql"] == fresh[0]["sql"]
    assert [site.site_name for site in second] == ["Elders"]
    assert [site.pk for site in first] == [site.pk for site in second]


def test_precompiled_sites_bring_what_the_fresh_query_brings(demo):
    (precompiled,) = PrecompiledQuery(_sites_queryset)()
    (fresh,) = list(_sites_queryset())
    assert precompiled.root_restricted == fresh.root_restricted
    assert precompiled.root_page.homepage.pk == fresh.root_page.homepage.pk
    assert precompiled.root_page.locale.language_code == "nl"
    settings = precompiled.sitesettings
    assert settings.privacy_page.url_path == fresh.sitesettings.privacy_page.url_path


def test_a_settings_edit_shows_on_the_next_cold_request(demo, client, settings):
    settings.CACHES = dict.fromkeys(
        settings.CACHES, {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    )
    assert "team@voorbeeld.be" not in client.get("/privacy/").content.decode()
    site_settings = SiteSettings.objects.get()
    site_settings.email = "team@voorbeeld.be"
    site_settings.save()
    assert 'href="mailto:team@voorbeeld.be"' in client.get("/privacy/").content.decode()
