from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

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


def _pages_at(url_paths):
    return Page.objects.filter(url_path__in=url_paths).order_by()


def test_values_go_in_as_parameters_of_the_kept_sql(demo):
    query = PrecompiledQuery(_pages_at)
    first = query(key="pages", values=["/home/privacy/"])
    second = query(key="pages", values=["/home/toegankelijkheid/"])
    both = query(key="pages", values=["/home/privacy/", "/home/toegankelijkheid/"])
    assert [page.title for page in first] == ["Privacyverklaring"]
    assert [page.title for page in second] == ["Toegankelijkheidsverklaring"]
    assert len(both) == 2
    # One compilation per number of values.
    assert len(query._compiled) == 2


def test_beyond_its_keys_a_query_is_compiled_as_django_would(demo):
    query = PrecompiledQuery(_pages_at, max_keys=1)
    query(key="pages", values=["/home/privacy/"])
    (page,) = query(key="pages", values=["/home/privacy/", "/home/niets/"])
    assert page.title == "Privacyverklaring"
    assert len(query._compiled) == 1


def test_a_value_that_is_no_parameter_of_its_own_is_refused(demo):
    def build(url_paths):
        return Page.objects.filter(url_path__startswith=url_paths[0])

    with pytest.raises(ValueError, match="one parameter"):
        PrecompiledQuery(build)(values=["/home/"])


def test_routed_pages_and_the_menu_come_from_the_kept_sql(
    demo, client, settings, monkeypatch
):
    settings.CACHES = dict.fromkeys(
        settings.CACHES, {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    )
    from portal.models import pages

    _routed_with_frame = PrecompiledQuery(pages._routed_with_frame._build)
    monkeypatch.setattr(pages, "_routed_with_frame", _routed_with_frame)
    assert client.get("/privacy/").status_code == 200
    html = client.get("/gidsen/pleinmakers-starten/").content.decode()
    assert "<h1>Pleinmakers starten in je gemeente</h1>" in html
    assert '<nav class="main-nav"' in html
    assert client.get("/gidsen/bestaat-niet/").status_code == 404
    # One compilation per number of path segments (1 and 2).
    assert sorted(len(key[-1]) for key in _routed_with_frame._compiled) == [1, 2]


def test_a_session_user_comes_from_the_kept_sql_with_their_membership(
    member, django_assert_num_queries
):
    from portal.factories import UserFactory
    from portal.lockout import LockedModelBackend
    from portal.roles import is_network_member

    backend = LockedModelBackend()
    other = UserFactory()
    assert backend.get_user(member.pk) == member
    with django_assert_num_queries(1):
        found = backend.get_user(member.pk)
        assert is_network_member(found)
    with django_assert_num_queries(1):
        assert not is_network_member(backend.get_user(other.pk))
    assert backend.get_user(str(member.pk)) == member
    assert backend.get_user(other.pk + 1000) is None
    other.is_active = False
    other.save()
    assert backend.get_user(other.pk) is None


def test_a_routed_page_type_with_a_query_of_its_own_keeps_it(demo, client, monkeypatch):
    from portal.models import GuidePage, pages

    static = PrecompiledQuery(pages._specific_pages)
    monkeypatch.setattr(pages, "_specific_pages_static", static)
    html = client.get("/privacy/").content.decode()
    assert "<h1>Privacyverklaring</h1>" in html
    guide = client.get("/gidsen/pleinmakers-starten/")
    assert guide.context["page"].phase is not None
    models = {key[2] for key in static._compiled}
    privacy = Page.objects.get(url_path="/home/privacy/").specific_class
    # The privacy page's plain query is kept; the guide's (with its phase) is not.
    assert models == {privacy}
    assert GuidePage not in models


def test_the_columns_converters_are_looked_up_once(demo):
    # Dates and times come out converted (on SQLite by a converter) each time,
    # though the hundred columns are asked for their converters only once.
    query = PrecompiledQuery(_pages_at)
    first = query(key="pages", values=["/home/privacy/"])
    with mock.patch(
        "django.db.models.sql.compiler.SQLCompiler.get_converters"
    ) as get_converters:
        second = query(key="pages", values=["/home/privacy/"])
    assert not get_converters.called
    fresh = Page.objects.get(url_path="/home/privacy/")
    assert second[0].first_published_at == fresh.first_published_at
    assert second[0].first_published_at == first[0].first_published_at
    assert second[0].first_published_at is not None


def _pages_published_since(values):
    return Page.objects.filter(first_published_at__gte=values[0]).order_by("pk")


def test_a_moment_goes_in_as_a_parameter_of_the_kept_sql(demo):
    from datetime import timedelta

    query = PrecompiledQuery(_pages_published_since)
    newest = Page.objects.exclude(first_published_at=None).latest("first_published_at")
    moment = newest.first_published_at
    assert newest in query(values=[moment])
    assert query(values=[moment + timedelta(seconds=1)]) == []
    # One compilation for both moments.
    assert len(query._compiled) == 1


def _pages_with_restrictions(values):
    return (
        Page.objects.filter(depth__in=values)
        .order_by("pk")
        .prefetch_related("view_restrictions")
    )


def test_the_builds_prefetch_lookups_run_after_the_rows(
    demo, django_assert_num_queries
):
    query = PrecompiledQuery(_pages_with_restrictions)
    query(values=[2])
    # The pages, then their restrictions: none asked for page by page.
    with django_assert_num_queries(2):
        (home,) = query(values=[2])
        assert list(home.view_restrictions.all()) == []


def _prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def _deallocate_all():
    """Forget what earlier tests prepared on this connection (psycopg, seeing
    the command, forgets them too)."""
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)
def test_the_kept_sql_is_prepared_and_a_text_search_never(demo, client, settings):
    settings.CACHES = dict.fromkeys(
        settings.CACHES, {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    )
    client.force_login(get_user_model().objects.get(email="lid@pleinmakers.example"))
    _deallocate_all()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            for path in ("/privacy/", "/account/", "/zoeken/?q=speelstraat"):
                assert client.get(path).status_code == 200

    prepared = _prepared_statements()

    kept = {
        "sites": '"wagtailcore_site"',
        "routing and frame": '"url_path" IN',
        "session": '"django_session"',
        "member": '"portal_user"',
    }
    for name, table in kept.items():
        assert [sql for sql in prepared if table in sql], name
    assert [query for query in queries if "tsquery" in query["sql"]]
    assert not [sql for sql in prepared if "tsquery" in sql or "tsvector" in sql]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)
def test_without_prepared_statements_the_kept_sql_is_not_prepared(demo, monkeypatch):
    options = {
        key: value
        for key, value in connection.settings_dict["OPTIONS"].items()
        if key not in {"server_side_binding", "prepare_threshold"}
    }
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    query = PrecompiledQuery(_pages_at)
    _deallocate_all()

    for _ in range(2):
        assert query(key="pages", values=["/home/privacy/"])

    assert _prepared_statements() == []
