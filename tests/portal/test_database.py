import pytest
from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend

from portal.factories import ContentPageFactory


def test_sqlite_is_opened_for_several_writing_workers(tmp_path):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("this run uses PostgreSQL")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(tmp_path / "portal.sqlite3")}
    )
    try:
        with wrapper.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
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
