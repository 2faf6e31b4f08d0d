import pytest
from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend

from portal.factories import ContentPageFactory


def test_sqlite_is_opened_for_several_writing_workers(tmp_path, django_db_blocker):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("this run uses PostgreSQL")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(tmp_path / "portal.sqlite3")}
    )
    # A file database of its own, opened the way the portal opens var/portal.sqlite3.
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            wrapper.close()


@pytest.mark.django_db
def test_postgresql_search_uses_dutch_stemming(home_page):
    if connection.vendor != "postgresql":
        pytest.skip("Dutch text search configuration is a PostgreSQL feature")
    assert get_search_backend().config == "dutch"
    ContentPageFactory(parent=home_page, slug="wijken", title="Onze wijken", intro="")
    # "wijk" matches "wijken" only through Dutch stemming.
    results = list(home_page.get_children().live().search("wijk"))
    assert [page.slug for page in results] == ["wijken"]


@pytest.mark.django_db
def test_optimize_database_gives_the_planner_statistics():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("optimize_database", stdout=out)
    assert f"Statistics updated ({connection.vendor})" in out.getvalue()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1")
            assert cursor.fetchone()[0] > 0
