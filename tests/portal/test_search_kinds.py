"""The site search finds every kind of content, says which kind each result is,
lets the visitor keep to one kind, shows where the match is, and helps with typos."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.content.pdf import make_pdf
from portal.factories import ContentPageFactory, ToolkitDocumentFactory
from portal.search import snippet
from tests.helpers import count_queries


def search(client, query, **params):
    response = client.get("/zoeken/", {"q": query, **params})
    assert response.status_code == 200
    return response


def kinds_shown(html):
    return {
        part.split("</p>")[0]
        for part in html.split('<p class="search-result__kind">')[1:]
    }


def test_modelovereenkomst_finds_the_model_agreement(demo, client):
    html = search(client, "modelovereenkomst").content.decode()
    assert "Modelovereenkomst tussen stad, huisvestingsmaatschappij" in html
    assert 'href="/documenten/' in html
    assert '<p class="search-result__kind">Document</p>' in html


def test_a_document_is_found_by_the_text_inside_its_file(client, home_page):
    from django.core.files.base import ContentFile

    data = make_pdf(
        "Samenwerking", "Inleiding.", [("Artikel 1", "De kwartiermaker zorgt.")], "x"
    )
    document = ToolkitDocumentFactory(
        title="Samenwerking", file=ContentFile(data, name="samenwerking.pdf")
    )
    html = search(client, "kwartiermaker").content.decode()
    assert f'href="{document.url}"' in html
    assert "De <mark>kwartiermaker</mark> zorgt." in html


def test_each_result_says_its_kind_and_the_visitor_can_keep_to_one(demo, client):
    html = search(client, "burendag").content.decode()
    assert {"Document", "Praktijkvoorbeeld"} <= kinds_shown(html)
    # One filter link per kind, each keeping the query.
    for slug in ("gids", "praktijk", "document", "ervaring", "gemeente", "pagina"):
        assert f'href="?q=burendag&amp;soort={slug}"' in html, slug

    only_documents = search(client, "burendag", soort="document").content.decode()
    assert kinds_shown(only_documents) == {"Document"}
    assert "Draaiboek voor een burendag" in only_documents
    assert 'aria-current="page">Documenten</a>' in only_documents

    only_guides = search(client, "coachen", soort="gids").content.decode()
    assert kinds_shown(only_guides) == {"Gids"}


def test_an_unknown_kind_searches_everything_with_a_note(demo, client):
    html = search(client, "burendag", soort="boek").content.decode()
    assert "‘boek’ is geen geldige keuze voor soort resultaat" in html
    assert '<p class="search-result__kind">Document</p>' in html


def test_municipalities_are_found_as_gemeente(demo, client):
    html = search(client, "Hasselt", soort="gemeente").content.decode()
    assert 'href="/netwerk/hasselt/"' in html
    assert '<p class="search-result__kind">Gemeente</p>' in html
    everything = search(client, "Hasselt").content.decode()
    assert 'href="/netwerk/hasselt/"' in everything


def test_the_snippet_shows_the_match_escaped_and_marked():
    text = (
        "Een inleiding. " * 30 + "Op de <b>burendagen</b> & daarna zet de buurt tafels."
    )
    html = snippet(text, ["burendag"])
    assert html.startswith("… ")
    assert "&lt;b&gt;<mark>burendagen</mark>&lt;/b&gt; &amp; daarna" in html
    assert "<b>" not in html


def test_the_snippet_marks_whole_words_that_begin_like_a_term_accents_aside():
    text = "Het Café en de cafés, geen wijkcafé; ook Pleinmakers."
    html = snippet(text, ["cafe", "pleinmaker"])
    assert html == (
        "Het <mark>Café</mark> en de <mark>cafés</mark>, geen wijkcafé; "
        "ook <mark>Pleinmakers</mark>."
    )
    # A term with a hyphen begins no word (words are letters and digits).
    assert "<mark>" not in snippet("Een sint-jansfeest.", ["sint-jan"])


def test_a_page_snippet_is_escaped(client, home_page):
    ContentPageFactory(
        parent=home_page,
        slug="veilig",
        title="Veilig",
        intro='Een <script>alert("x")</script> zonnebloemfeest.',
    )
    html = search(client, "zonnebloemfeest").content.decode()
    assert "<mark>zonnebloemfeest</mark>" in html
    assert "<script>alert" not in html


def test_a_typo_still_finds_pleinmakers(demo, client):
    response = search(client, "pleinmakker")
    html = response.content.decode()
    # Nothing for what was typed, but what was meant is found.
    assert response.context["total"] == 0
    assert "Geen resultaten voor ‘pleinmakker’" in html
    assert html.count('class="search-result"') >= 3
    assert "<mark>pleinmaker" in html.lower() or "<mark>Pleinmaker" in html
    # On both backends from the index's vocabulary (PostgreSQL: issue #17).
    assert 'Bedoelde je <a href="?q=pleinmaker">‘pleinmaker’</a>?' in html


def test_a_typo_of_a_word_just_published_is_corrected(client, home_page):
    # The vocabulary follows the index: FTS5 on SQLite, triggers on PostgreSQL.
    page = ContentPageFactory(
        parent=home_page, slug="feest", title="Feest", intro="Een zonnebloemfeest."
    )
    html = search(client, "zonnebloemfest").content.decode()
    assert "Bedoelde je" in html and "‘zonnebloemfeest’" in html
    assert f'href="{page.url}"' in html


def test_a_word_with_nothing_close_stays_without_results(demo, client):
    html = search(client, "xylofoonconcert").content.decode()
    assert "Geen resultaten" in html
    assert 'class="search-result"' not in html


@pytest.mark.parametrize(
    ("query", "budget"),
    [
        # The budget of `make bench` (portal/demo/bench.py), issue #17's.
        ("burendag", 12),
        # Nothing found: the search runs for what was probably meant instead.
        ("pleinmakker", 12),
    ],
)
def test_search_stays_within_its_query_budget(demo, client, query, budget):
    assert count_queries(client, f"/zoeken/?q={query}") <= budget
    assert count_queries(client, f"/zoeken/?q={query}&soort=document") <= budget


def test_counting_the_results_does_not_rank_them(client, home_page):
    # Ranking every match first made the count grow with the data (issue #17).
    for n in range(12):
        ContentPageFactory(
            parent=home_page, slug=f"feest-{n}", title=f"Feest {n}", intro="Tuinfeest."
        )
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "tuinfeest")
    assert response.context["total"] == 12
    # (On PostgreSQL the count comes along with the index's answer.)
    counts = [
        sql[sql.index("SELECT COUNT(*)") :]
        for sql in (q["sql"] for q in queries)
        if "SELECT COUNT(*)" in sql
    ]
    assert counts
    assert not any("ORDER BY" in sql for sql in counts)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the index is asked on PostgreSQL"
)
def test_postgresql_counts_the_pages_found_along_with_the_index(client, home_page):
    # A count query of its own cost the site search a query (issue #17).
    for n in range(12):
        ContentPageFactory(
            parent=home_page, slug=f"feest-{n}", title=f"Feest {n}", intro="Tuinfeest."
        )
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "tuinfeest")
    assert response.context["total"] == 12
    assert "12 resultaten" in response.content.decode()
    statements = [q["sql"] for q in queries]
    assert not any(sql.startswith("SELECT COUNT(*)") for sql in statements)
    assert any("EXISTS" in sql and "AS counted" in sql for sql in statements)


def test_the_results_are_read_joining_only_their_own_page_types(client, home_page):
    # A join for every page type cost PostgreSQL more to plan than to run
    # (issue #17): the pages found here are all content pages.
    for n in range(3):
        ContentPageFactory(
            parent=home_page, slug=f"feest-{n}", title=f"Feest {n}", intro="Tuinfeest."
        )
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "tuinfeest")
    found = sorted(result.title for result in response.context["found"].results)
    assert found == ["Feest 0", "Feest 1", "Feest 2"]
    specific = [q["sql"] for q in queries if "portal_contentpage" in q["sql"]]
    assert specific
    assert not any("events_eventpage" in sql for sql in specific)
    assert not any("casestudies_casestudypage" in sql for sql in specific)


def test_results_read_with_only_their_keys_come_back_whole(home_page):
    # The ranking reads only each page's key and type; the specific query
    # reads the rest, of a plain page (the root) too.
    from wagtail.models import Page

    from portal.search import _specific_in_one_query

    keys_only = Page.objects.filter(pk__in=[home_page.pk, home_page.get_parent().pk])
    pages = list(keys_only.only("content_type").order_by("depth"))
    assert [page.specific_class for page in pages] == [Page, type(home_page)]
    with CaptureQueriesContext(connection) as queries:
        root, home = _specific_in_one_query(pages)
        titles = [root.title, home.title, root.url_path]
    assert len(queries) == 1
    assert type(root) is Page and type(home) is type(home_page)
    assert titles == ["Root", home_page.title, "/"]
