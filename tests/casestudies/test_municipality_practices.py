"""A municipality's page shows its newest practices and links to all of them:
the practices list filtered on that municipality (`?gemeente=<slug>`)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from network.directory import MUNICIPALITY_PRACTICES
from tests.casestudies.conftest import titles
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

URL = "/praktijkvoorbeelden/"


def make_practices(practice, count, town="Mechelen"):
    """`count` practices of `town`, the last one published most recently."""
    now = timezone.now()
    pages = []
    for number in range(count):
        published = now - timedelta(days=count - number)
        pages.append(
            practice(
                town,
                title=f"{town} praktijk {number:02d}",
                slug=f"{town.lower()}-praktijk-{number:02d}",
                first_published_at=published,
                last_published_at=published,
            )
        )
    return pages


def cards(html):
    return html.count('class="card case-card"')


def test_a_municipality_with_more_practices_shows_the_newest_and_a_link(
    client, network_page, practice
):
    pages = make_practices(practice, MUNICIPALITY_PRACTICES + 3)
    make_practices(practice, 2, town="Genk")
    html = client.get("/netwerk/mechelen/").content.decode()
    assert cards(html) == MUNICIPALITY_PRACTICES
    # The newest first, as before; the oldest three wait behind the link.
    newest = [page.title for page in reversed(pages)][:MUNICIPALITY_PRACTICES]
    positions = [html.index(title) for title in newest]
    assert positions == sorted(positions)
    assert pages[0].title not in html
    count = MUNICIPALITY_PRACTICES + 3
    assert (
        f'<a href="{URL}?gemeente=mechelen">'
        f"Alle {count} praktijkvoorbeelden van Mechelen</a>"
    ) in html


def test_a_municipality_with_few_practices_shows_them_all_without_a_link(
    client, network_page, practice
):
    pages = make_practices(practice, MUNICIPALITY_PRACTICES)
    html = client.get("/netwerk/mechelen/").content.decode()
    assert cards(html) == MUNICIPALITY_PRACTICES
    assert all(page.title in html for page in pages)
    assert f"{URL}?gemeente=mechelen" not in html
    assert "praktijkvoorbeelden van Mechelen" not in html


def test_the_count_leaves_out_unpublished_practices(client, network_page, practice):
    pages = make_practices(practice, MUNICIPALITY_PRACTICES + 2)
    pages[0].unpublish()
    html = client.get("/netwerk/mechelen/").content.decode()
    count = MUNICIPALITY_PRACTICES + 1
    assert f"Alle {count} praktijkvoorbeelden van Mechelen" in html


def test_the_practices_list_filters_on_one_municipality(client, practice):
    make_practices(practice, 3)
    make_practices(practice, 2, town="Genk")
    response = client.get(f"{URL}?gemeente=mechelen")
    assert sorted(titles(response)) == [
        "Mechelen praktijk 00",
        "Mechelen praktijk 01",
        "Mechelen praktijk 02",
    ]
    assert response.context["total"] == 3
    chips = {chip.label: chip.remove_query for chip in response.context["chips"]}
    assert chips == {"Gemeente: Mechelen": ""}
    html = response.content.decode()
    # The filter form keeps the municipality when other filters change.
    assert '<input type="hidden" name="gemeente" value="mechelen">' in html
    # Facet counts stay within the municipality.
    provinces = {
        option.value: option.count
        for facet in response.context["facets"]
        if facet.param == "provincie"
        for option in facet.options
    }
    assert provinces["antwerpen"] == 3
    assert provinces["limburg"] == 0
    assert 'href="/praktijkvoorbeelden/feed/?gemeente=mechelen"' in html


def test_the_feed_filters_on_one_municipality_too(client, practice):
    make_practices(practice, 1)
    make_practices(practice, 1, town="Genk")
    response = client.get(f"{URL}feed/?gemeente=genk")
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    feed = content.decode()
    assert "Genk praktijk 00" in feed
    assert "Mechelen praktijk 00" not in feed


def test_an_unknown_municipality_is_ignored_with_a_note(client, practice):
    make_practices(practice, 2)
    response = client.get(f"{URL}?gemeente=bestaat-niet")
    assert len(titles(response)) == 2
    assert "We kennen de gemeente ‘bestaat-niet’ niet" in response.content.decode()


def test_the_cards_cost_as_many_queries_with_one_practice_or_many(
    client, network_page, practice, cache_state
):
    """The cards read only the columns their query loads: a column left out
    would cost a query per card."""
    practice(title="Buurtkamer aan de Dijle", themes=["groen", "jongeren"])
    one = count_queries(client, "/netwerk/mechelen/")
    make_practices(practice, MUNICIPALITY_PRACTICES + 2)
    make_practices(practice, 1, town="Genk")
    assert count_queries(client, "/netwerk/mechelen/") == one


def test_a_card_shows_the_practices_facts(client, network_page, practice):
    practice(
        title="Buurtkamer aan de Dijle",
        slug="buurtkamer-dijle",
        themes=["groen", "jongeren"],
        status="afgerond",
        label="gevalideerd",
        summary="Een buurtkamer waar pleinmakers koken.",
    )
    html = client.get("/netwerk/mechelen/").content.decode()
    card = html[html.index('class="card case-card"') :]
    card = card[: card.index("</div>")]
    for text in [
        '<a href="/praktijkvoorbeelden/buurtkamer-dijle/">Buurtkamer aan de Dijle</a>',
        "Mechelen · Antwerpen · ",
        '<span class="case-status case-status--afgerond">Afgerond</span>',
        "Een buurtkamer waar pleinmakers koken.",
        "Gevalideerd door Mechelen",
        '<a href="/themas/groen/">groen</a>',
        '<a href="/themas/jongeren/">jongeren</a>',
    ]:
        assert text in card, text
