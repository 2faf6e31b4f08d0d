import pytest

from portal.factories import ContentPageFactory


def test_search_finds_otterbeek(demo, client):
    response = client.get("/zoeken/", {"q": "Otterbeek"})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "resultaten voor ‘Otterbeek’" in html or "1 resultaat voor ‘Otterbeek’" in html
    )
    assert 'href="/pleinmakers-in-mechelen/"' in html
    # A snippet around the match, the match marked.
    assert "<mark>Otterbeek</mark>" in html


def test_empty_query_gets_a_helpful_message(demo, client):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert "Typ een of meer woorden" in response.content.decode()


def test_no_results_gets_a_helpful_message(demo, client):
    response = client.get("/zoeken/", {"q": "xylofoonconcert"})
    assert response.status_code == 200
    assert "Geen resultaten voor ‘xylofoonconcert’" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "AND OR",
        "Otterbeek" * 111,
        "(",
        "-",
        "a:b",
        "'",
        "NOT",
    ],
)
def test_malformed_queries_never_fail(demo, client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "search-count" in html or "notice" in html


def test_a_nul_byte_in_the_query_is_refused_with_a_dutch_page(demo, client):
    response = client.get("/zoeken/", {"q": "Otter\x00beek"})
    assert response.status_code == 400
    assert "tekens die we niet kunnen lezen" in response.content.decode()


def test_a_very_long_query_is_shortened_with_a_note(demo, client):
    response = client.get("/zoeken/", {"q": "pleinmaker " * 100})
    assert "We zochten op de eerste 200 tekens" in response.content.decode()


def test_search_does_not_show_drafts(demo, client, home_page):
    page = ContentPageFactory(
        parent=home_page, slug="concept", title="Geheimeconcepttitel"
    )
    page.unpublish()
    html = client.get("/zoeken/", {"q": "Geheimeconcepttitel"}).content.decode()
    assert "Geen resultaten" in html


def test_search_never_lists_the_tree_root(demo, client):
    # Wagtail's root page is live but no page of the site: it has no address.
    html = client.get("/zoeken/", {"q": "Root"}).content.decode()
    assert 'href="None"' not in html
    assert "Geen resultaten voor ‘Root’" in html


def test_search_results_are_paginated(demo, client, home_page):
    for n in range(12):
        ContentPageFactory(
            parent=home_page, slug=f"zomerfestijn-{n}", title=f"Zomerfestijn {n}"
        )
    first = client.get("/zoeken/", {"q": "Zomerfestijn"}).content.decode()
    assert "12 resultaten voor ‘Zomerfestijn’" in first
    assert first.count('class="search-result"') == 10
    assert 'rel="next"' in first
    second = client.get("/zoeken/", {"q": "Zomerfestijn", "page": 2}).content.decode()
    assert second.count('class="search-result"') == 2


def test_out_of_range_page_number_shows_the_last_page(demo, client):
    response = client.get("/zoeken/", {"q": "pleinmaker", "page": "9999"})
    assert response.status_code == 200
    response = client.get("/zoeken/", {"q": "pleinmaker", "page": "abc"})
    assert response.status_code == 200
