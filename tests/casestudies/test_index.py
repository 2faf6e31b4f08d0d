import pytest

from casestudies.listing import PER_PAGE
from tests.casestudies.conftest import titles

URL = "/praktijkvoorbeelden/"


def facet(response, param):
    facets = {f.param: f for f in response.context["facets"]}
    return {option.value: option.count for option in facets[param].options}


def test_index_lists_every_published_practice_newest_first(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == [
        "Stadspark",
        "Dorpsplein",
        "Hoogbouw",
        "Burendagen",
        "Zilveren buren",
        "Buurtkamers",
    ]
    assert "6 praktijkvoorbeelden" in response.content.decode()


def test_unpublished_practices_are_not_listed(client, catalogue):
    catalogue["Hoogbouw"].unpublish()
    assert "Hoogbouw" not in titles(client.get(URL))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thema=jongeren", {"Buurtkamers", "Burendagen", "Stadspark"}),
        ("thema=senioren&thema=groen", {"Zilveren buren", "Dorpsplein", "Stadspark"}),
        ("provincie=limburg", {"Buurtkamers", "Zilveren buren"}),
        ("grootte=50000-100000", {"Buurtkamers", "Burendagen"}),
        ("grootte=tot-10000&grootte=meer-100000", {"Dorpsplein", "Hoogbouw"}),
        ("status=lopend", {"Buurtkamers", "Hoogbouw", "Dorpsplein"}),
        ("label=gevalideerd", {"Burendagen", "Stadspark"}),
        ("van=2022", {"Buurtkamers", "Zilveren buren", "Dorpsplein"}),
        ("tot=2019", {"Burendagen", "Stadspark"}),
        ("van=2019&tot=2021", {"Burendagen", "Hoogbouw"}),
        ("q=Genk", {"Buurtkamers"}),
    ],
)
def test_each_filter_alone(client, catalogue, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thema=jongeren&label=gevalideerd", {"Burendagen", "Stadspark"}),
        ("thema=jongeren&provincie=limburg", {"Buurtkamers"}),
        ("status=lopend&grootte=tot-10000&thema=groen", {"Dorpsplein"}),
        (
            "provincie=antwerpen&provincie=limburg&van=2020",
            {"Buurtkamers", "Zilveren buren"},
        ),
        ("thema=diversiteit&status=gestopt", set()),
        ("q=Kortrijk&label=gevalideerd", {"Burendagen"}),
    ],
)
def test_filters_combined(client, catalogue, query, expected):
    assert set(titles(client.get(f"{URL}?{query}"))) == expected


def test_facet_counts_follow_the_other_filters(client, catalogue):
    response = client.get(f"{URL}?thema=jongeren&provincie=limburg")
    # Provinces are counted within the theme filter, not within themselves.
    assert facet(response, "provincie") == {
        "antwerpen": 1,
        "limburg": 1,
        "oost-vlaanderen": 0,
        "vlaams-brabant": 0,
        "west-vlaanderen": 1,
    }
    # Themes are counted within the province filter.
    assert facet(response, "thema") == {
        "burendag": 0,
        "diversiteit": 1,
        "groen": 0,
        "jongeren": 1,
        "senioren": 1,
    }
    # Other facets are counted within both.
    assert facet(response, "status")["lopend"] == 1
    assert facet(response, "label") == {"redactie": 0, "gevalideerd": 0, "gedeeld": 1}
    assert response.context["total"] == 1


def test_facet_counts_are_shown_next_to_each_option(client, catalogue):
    html = client.get(URL).content.decode()
    assert 'value="jongeren"' in html
    assert 'jongeren <span class="facet-count">(3' in html
    assert 'Limburg <span class="facet-count">(2' in html


def test_filter_state_lives_in_the_url_and_the_form(client, catalogue):
    html = client.get(f"{URL}?thema=groen&status=lopend&van=2020").content.decode()
    assert 'name="thema" value="groen" checked' in html
    assert 'name="status" value="lopend" checked' in html
    assert '<option value="2020" selected>' not in html  # 2020 is not a start year
    assert 'method="get"' in html


def test_chips_remove_one_filter_each_and_wis_alle_filters(client, catalogue):
    response = client.get(f"{URL}?thema=groen&status=lopend")
    chips = {chip.label: chip.remove_query for chip in response.context["chips"]}
    assert chips == {"Thema: groen": "status=lopend", "Status: Lopend": "thema=groen"}
    html = response.content.decode()
    assert 'href="/praktijkvoorbeelden/?status=lopend"' in html
    assert "wis alle filters" in html


def test_sorting(client, catalogue):
    by_name = titles(client.get(f"{URL}?sorteer=naam"))
    assert by_name == sorted(by_name)
    by_town = titles(client.get(f"{URL}?sorteer=gemeente"))
    assert by_town == [
        "Zilveren buren",  # Bree
        "Buurtkamers",  # Genk
        "Hoogbouw",  # Gent
        "Dorpsplein",  # Glabbeek
        "Burendagen",  # Kortrijk
        "Stadspark",  # Turnhout
    ]


def test_two_filters_ask_search_engines_not_to_index(client, catalogue):
    one = client.get(f"{URL}?thema=groen").content.decode()
    assert 'name="robots"' not in one
    two = client.get(f"{URL}?thema=groen&status=lopend").content.decode()
    assert '<meta name="robots" content="noindex">' in two


def test_pagination_twelve_per_page(client, practice):
    for number in range(PER_PAGE + 2):
        practice(title=f"Praktijk {number:02d}", slug=f"praktijk-{number:02d}")
    first = client.get(f"{URL}?sorteer=naam")
    assert len(titles(first)) == PER_PAGE
    second = client.get(f"{URL}?sorteer=naam&page=2")
    assert titles(second) == ["Praktijk 12", "Praktijk 13"]
    html = first.content.decode()
    assert 'aria-label="Paginering"' in html
    assert "page=2" in html


@pytest.mark.parametrize("page", ["9999", "abc", "0"])
def test_page_out_of_range_is_a_404(client, catalogue, page):
    assert client.get(f"{URL}?page={page}").status_code == 404


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("thema=bestaat-niet", "We kennen het thema ‘bestaat-niet’ niet"),
        ("van=abc", "‘abc’ is geen geldig jaartal"),
        ("provincie=x", "‘x’ is geen geldige keuze voor provincie"),
        ("status=klaar", "‘klaar’ is geen geldige keuze voor status"),
        ("sorteer=random", "We kennen de sortering ‘random’ niet"),
    ],
)
def test_invalid_values_are_ignored_with_a_note(client, catalogue, query, note):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert note in response.content.decode()
    assert len(titles(response)) == 6


def test_an_unknown_theme_next_to_a_known_one_is_ignored(client, catalogue):
    response = client.get(f"{URL}?thema=senioren&thema=onbekend")
    assert titles(response) == ["Zilveren buren"]
    assert "onbekend" in response.content.decode()


def test_zero_results_says_so_and_offers_a_way_back(client, catalogue):
    html = client.get(f"{URL}?thema=diversiteit&status=gestopt").content.decode()
    assert "0 praktijkvoorbeelden" in html
    assert "Geen praktijkvoorbeelden gevonden met deze filters." in html


def test_feed_and_export_links_carry_the_filters(client, catalogue):
    html = client.get(f"{URL}?thema=groen&sorteer=naam").content.decode()
    assert 'href="/praktijkvoorbeelden/feed/?thema=groen"' in html
    assert 'href="/praktijkvoorbeelden/export.csv?thema=groen"' in html
    assert 'href="/praktijkvoorbeelden/export.json?thema=groen"' in html
