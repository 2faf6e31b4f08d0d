"""The site search ranks a bounded set for a common word (issue #17): past
RANKED_MATCHES matches, the most recent title matches by relevance, then every
other match newest first. A word with fewer matches keeps the full ranking."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal import search as site_search
from portal.factories import ContentPageFactory


@pytest.fixture
def tuinfeest(home_page):
    """Seven pages that mention 'tuinfeest': four in their title, three only in
    their text; the oldest title match before the three others."""

    def page(slug, title, intro):
        return ContentPageFactory(parent=home_page, slug=slug, title=title, intro=intro)

    pages = {"oldest title": page("t1", "Tuinfeest 1", "Een feest.")}
    for n in (1, 2, 3):
        pages[f"text {n}"] = page(f"b{n}", f"Buurt {n}", "Een tuinfeest in de buurt.")
    for n in (2, 3, 4):
        pages[f"title {n}"] = page(f"t{n}", f"Tuinfeest {n}", "Een feest.")
    return {key: value.title for key, value in pages.items()}


def titles(client, **params):
    response = client.get("/zoeken/", {"q": "tuinfeest", **params})
    assert response.status_code == 200
    return [result.title for result in response.context["found"].results]


def test_a_common_word_ranks_the_recent_title_matches_then_the_rest_by_date(
    client, tuinfeest, monkeypatch
):
    monkeypatch.setattr(site_search, "RANKED_MATCHES", 3)
    expected = [
        # The three most recent title matches (equally relevant: newest first).
        tuinfeest["title 4"],
        tuinfeest["title 3"],
        tuinfeest["title 2"],
        # Then every other match newest first, the oldest title match too.
        tuinfeest["text 3"],
        tuinfeest["text 2"],
        tuinfeest["text 1"],
        tuinfeest["oldest title"],
    ]
    assert titles(client) == expected
    response = client.get("/zoeken/", {"q": "tuinfeest"})
    # The count stays exact.
    assert response.context["total"] == 7
    assert not response.context["found"].more

    # Page by page the same order: across the title matches' end, past it, and
    # on the last page.
    monkeypatch.setattr(site_search, "RESULTS_PER_PAGE", 2)
    pages = [titles(client, page=number) for number in (1, 2, 3, 4)]
    assert pages == [expected[0:2], expected[2:4], expected[4:6], expected[6:7]]


def test_a_common_word_without_title_matches_comes_newest_first(
    client, home_page, monkeypatch
):
    monkeypatch.setattr(site_search, "RANKED_MATCHES", 2)
    for n in (1, 2, 3):
        ContentPageFactory(
            parent=home_page, slug=f"b{n}", title=f"Buurt {n}", intro="Een tuinfeest."
        )
    assert titles(client) == ["Buurt 3", "Buurt 2", "Buurt 1"]


def test_a_word_with_fewer_matches_keeps_the_full_relevance_order(
    client, tuinfeest, monkeypatch
):
    monkeypatch.setattr(site_search, "RANKED_MATCHES", 7)
    ranked = [
        page.title
        for page in get_search_backend().search("tuinfeest", Page.objects.live())
    ]
    assert len(ranked) == 7
    # The backend's own order over every match, as before the bound.
    assert titles(client) == ranked


def test_title_matches_older_than_the_newest_pages_keep_their_place(
    client, tuinfeest, home_page, monkeypatch
):
    # The title matches are looked for among the newest pages first (twice
    # RANKED_MATCHES of them); here all of those match in their text only.
    monkeypatch.setattr(site_search, "RANKED_MATCHES", 3)
    monkeypatch.setattr(site_search, "RESULTS_PER_PAGE", 20)
    newer = [
        ContentPageFactory(
            parent=home_page, slug=f"n{n}", title=f"Nieuw {n}", intro="Een tuinfeest."
        ).title
        for n in range(6)
    ]
    assert titles(client) == [
        tuinfeest["title 4"],
        tuinfeest["title 3"],
        tuinfeest["title 2"],
        *reversed(newer),
        tuinfeest["text 3"],
        tuinfeest["text 2"],
        tuinfeest["text 1"],
        tuinfeest["oldest title"],
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL ranks the titles"
)
def test_the_title_matches_are_ranked_reading_only_keys_and_types(
    client, tuinfeest, monkeypatch
):
    # The results are read whole after paging; the ranking read every column
    # of 500 pages too (issue #17).
    monkeypatch.setattr(site_search, "RANKED_MATCHES", 3)
    with CaptureQueriesContext(connection) as queries:
        assert titles(client)[:3] == [tuinfeest[f"title {n}"] for n in (4, 3, 2)]
    ranking = [q["sql"] for q in queries if '"_title_rank"' in q["sql"]]
    assert ranking
    for sql in ranking:
        selected = sql[: sql.index(" FROM ")]
        assert '"wagtailcore_page"."content_type_id"' in selected
        assert '"wagtailcore_page"."url_path"' not in selected
