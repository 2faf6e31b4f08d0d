"""PostgreSQL: the practices list searches the copy of each practice's search
document on its own row (migration 0009), which follows its index entry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite searches through Wagtail"
    ),
]

URL = "/praktijkvoorbeelden/"


def stored_document(page):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM casestudies_casestudypage "
            "WHERE page_ptr_id = %s",
            [page.pk],
        )
        return cursor.fetchone()[0]


def index_document(page):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (title || body)::text FROM wagtailsearch_indexentry "
            "WHERE object_id = %s",
            [str(page.pk)],
        )
        row = cursor.fetchone()
        return row and row[0]


def test_the_stored_document_follows_every_publish_and_deletion(practice):
    page = practice("Genk", title="Buurtkamers", summary="Koffie met de buren.")
    assert stored_document(page) == index_document(page)
    assert "'koffie'" in stored_document(page)

    page.summary = "Soep met de buren."
    page.save_revision().publish()
    assert stored_document(page) == index_document(page)
    assert "'soep'" in stored_document(page)
    assert "'koffie'" not in stored_document(page)

    page.index_entries.all()._raw_delete(using="default")
    assert stored_document(page) is None


def test_a_search_finds_a_practice_by_its_new_words_in_the_lists_own_queries(
    client, practice
):
    page = practice("Genk", title="Buurtkamers", summary="Koffie met de buren.")
    page.summary = "Zilveren soepdagen met de buren."
    page.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        html = client.get(URL, {"q": "soepdagen"}).content.decode()

    assert "Buurtkamers" in html
    # No query of its own through the search index.
    assert not any("wagtailsearch_indexentry" in q["sql"] for q in queries)
    assert sum("search_document @@" in q["sql"] for q in queries) == 2
    assert "Buurtkamers" not in client.get(URL, {"q": "koffie"}).content.decode()
