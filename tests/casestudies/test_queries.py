"""Query budgets: the same number of queries with 5 and with 60 practices,
with a warm cache and without any (`cache_state`): issue #17's budgets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.content.images import hero_image
from casestudies.demo.bench import generate_case_studies
from casestudies.filters import DEFAULT_SORT, SORTS
from casestudies.listed import sync_listed
from casestudies.listing import recommended_first
from casestudies.models import CaseStudyPage
from network.models import MembershipStatus
from tests.helpers import count_queries

INDEX_BUDGET = 12
DETAIL_BUDGET = 10
FEED_EXPORT_BUDGET = 9
HOME_BUDGET = 6

INDEX_URLS = [
    "/praktijkvoorbeelden/",
    "/praktijkvoorbeelden/?thema=groen",
    "/praktijkvoorbeelden/?thema=groen&thema=jongeren&provincie=limburg"
    "&provincie=antwerpen&grootte=tot-10000&grootte=50000-100000&status=lopend"
    "&label=gedeeld&van=2015&tot=2026&sorteer=gemeente",
    "/praktijkvoorbeelden/?q=pleinmakers&sorteer=naam",
    "/praktijkvoorbeelden/?thema=onbekend&van=abc&provincie=x",
]
OTHER_URLS = [
    "/praktijkvoorbeelden/feed/?thema=groen",
    "/praktijkvoorbeelden/export.csv",
    "/praktijkvoorbeelden/export.json?status=lopend",
]


def measure(client, detail_url, urls):
    counts = {url: count_queries(client, url) for url in urls}
    counts[detail_url] = count_queries(client, detail_url)
    return counts


@pytest.fixture
def featured(practice):
    image = hero_image("Testafbeelding", seed=7)
    return practice(
        "Genk",
        title="Pleinmakers in Genk",
        slug="genk",
        themes=["groen", "jongeren"],
        status="lopend",
        label="gedeeld",
        start_year=2020,
        hero_image=image,
        hero_image_alt="Een getekend plein",
        contact_email="iemand@genk.example",
    )


def test_listing_detail_feed_and_exports_do_not_grow_with_the_data(
    client, index, practice, featured, cache_state
):
    for town in ["Bree", "Gent", "Kortrijk", "Glabbeek"]:
        practice(town, themes=["groen"], title=f"Pleinmakers in {town}")
    detail_url = featured.url
    urls = INDEX_URLS + OTHER_URLS
    small = measure(client, detail_url, urls)

    generate_case_studies(index, 55, seed=3)
    # Written in bulk, without signals: `generate_bench_data` rewrites the listed
    # rows after (the whole list's counts stay unstored, as in the small run).
    sync_listed()
    large = measure(client, detail_url, urls + ["/praktijkvoorbeelden/?page=5"])

    assert {url: large[url] for url in small} == small
    assert large["/praktijkvoorbeelden/?page=5"] == large[INDEX_URLS[0]]
    for url, count in large.items():
        if url == detail_url:
            assert count <= DETAIL_BUDGET, (url, count)
        elif url in OTHER_URLS:
            assert count <= FEED_EXPORT_BUDGET, (url, count)
        else:
            assert count <= INDEX_BUDGET, (url, count)


def test_home_page_shows_the_three_newest_in_a_fixed_number_of_queries(
    client, home_page, practice, cache_state
):
    practice(title="De oudste", slug="oudste", themes=["groen"])
    small = count_queries(client, "/")
    for number in range(4):
        practice(
            title=f"Praktijk {number}", slug=f"praktijk-{number}", themes=["groen"]
        )
    client.get("/")  # the first visit after publishing refills the cached cards
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert html.count('class="card case-card"') == 3
    assert "Praktijk 3" in html
    assert "De oudste" not in html
    assert 'href="/praktijkvoorbeelden/"' in html
    # As many queries as with one practice, warm or cold.
    assert len(queries) == small <= HOME_BUDGET


SEARCH_BUDGET = 12


def test_site_search_costs_the_same_with_a_few_or_many_more_matches(
    client, practice, cache_state
):
    # More than a page of matching practices, then three times as many.
    def add(numbers):
        for number in numbers:
            practice(title=f"Zonnebloemplein {number}", slug=f"zonnebloem-{number}")

    add(range(12))
    few = count_queries(client, "/zoeken/?q=zonnebloemplein")
    add(range(12, 36))
    many = count_queries(client, "/zoeken/?q=zonnebloemplein")
    html = client.get("/zoeken/?q=zonnebloemplein").content.decode()
    assert html.count('class="search-result"') == 10
    assert "36 resultaten" in html
    assert many == few <= SEARCH_BUDGET


def test_home_cards_follow_the_lists_default_order(practice, municipality):
    """Mechelen's own first, real ones before the demo's examples, newest
    first: the same three as the top of the list, read group by group."""
    mentor = municipality("Mechelen")
    mentor.membership_status = MembershipStatus.MENTOR
    mentor.save(update_fields=["membership_status"])
    practice("Mechelen", title="Mechelen, oud")
    practice("Genk", title="Genk, voorbeeld", is_example=True)
    practice("Gent", title="Gent, echt")
    practice("Bree", title="Bree, voorbeeld", is_example=True)
    listed = CaseStudyPage.objects.live().order_by(*SORTS[DEFAULT_SORT][1])
    for count in (1, 2, 3, 4):
        cards = [page.title for page in recommended_first(count)[:count]]
        assert cards == [page.title for page in listed[:count]]
    assert [page.title for page in recommended_first(4)[:4]] == [
        "Mechelen, oud",
        "Gent, echt",
        "Bree, voorbeeld",
        "Genk, voorbeeld",
    ]


def test_a_practice_without_documents_asks_for_none(client, featured, cache_state):
    """Whether a practice has documents comes with the practice: only one that
    has them asks for them."""
    from wagtail_factories import DocumentFactory

    from casestudies.models import CaseStudyDocument

    without = count_queries(client, featured.url)
    CaseStudyDocument.objects.create(
        page=featured, document=DocumentFactory(title="Draaiboek buurtkamer")
    )
    with_documents = count_queries(client, featured.url)
    assert with_documents == without + 1 <= DETAIL_BUDGET
    assert "Draaiboek buurtkamer" in client.get(featured.url).content.decode()


def test_a_practice_loads_its_index_without_the_lists_stored_counts(
    client, featured, cache_state
):
    """The list's stored facet counts come with the index on the list only: a
    practice below it (or the feed) needs them not."""

    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return " ".join(query["sql"] for query in context.captured_queries)

    assert "listingfacetcounts" in queries("/praktijkvoorbeelden/")
    assert "listingfacetcounts" not in queries(featured.url)
    assert "listingfacetcounts" not in queries("/praktijkvoorbeelden/feed/")


def test_a_practice_loads_its_hero_rendition_with_itself(client, featured, cache_state):
    """Once the rendition exists, the page asks no query of its own for it."""
    html = client.get(featured.url).content.decode()  # creates the rendition
    with CaptureQueriesContext(connection) as context:
        again = client.get(featured.url).content.decode()
    renditions = [
        query["sql"]
        for query in context.captured_queries
        if query["sql"].startswith('SELECT "wagtailimages_rendition"')
    ]
    assert renditions == []
    assert 'class="case-study__hero"' in again
    assert "fill-1200x560" in again
    assert again.count("fill-1200x560") == html.count("fill-1200x560") == 1
