import re

import pytest
from wagtail.models import Page

from portal.factories import ContentPageFactory
from portal.models import SiteSettings

PRACTICE = "/praktijkvoorbeelden/pleinmakers-in-vier-mechelse-wijken/"
DEMO_PAGES = [
    ("/", "Lerend netwerk pleinmakers"),
    ("/over-pleinmakers/", "Over pleinmakers"),
    ("/pleinmakers-in-mechelen/", "Pleinmakers in Mechelen"),
    ("/lerend-netwerk/", "Lerend netwerk"),
    ("/privacy/", "Privacyverklaring"),
    ("/toegankelijkheid/", "Toegankelijkheidsverklaring"),
]


@pytest.mark.parametrize(("path", "title"), DEMO_PAGES)
def test_demo_page_shows_title_navigation_and_layout(demo, client, path, title):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert f"<h1>{title}</h1>" in html
    # The home page's title is the site's name: printed once.
    full_title = title if path == "/" else f"{title} | Lerend netwerk pleinmakers"
    assert f"<title>{full_title}</title>" in html
    assert 'class="skip-link" href="#main-content"' in html
    assert '<main id="main-content"' in html
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    for menu_title in ("Over pleinmakers", "Pleinmakers in Mechelen", "Lerend netwerk"):
        assert menu_title in nav
    assert "socialecohesie@mechelen.be" in html
    assert 'href="/privacy/"' in html
    assert 'href="/toegankelijkheid/"' in html


def test_inner_pages_have_breadcrumbs(demo, client):
    html = client.get(PRACTICE).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert 'href="/"' in crumbs
    assert 'href="/praktijkvoorbeelden/"' in crumbs
    assert (
        '<span aria-current="page">Pleinmakers in vier Mechelse wijken</span>' in crumbs
    )


def test_home_page_has_no_breadcrumbs_and_calls_to_join(demo, client):
    html = client.get("/").content.decode()
    assert 'class="breadcrumbs' not in html
    assert 'href="/lerend-netwerk/"' in html
    assert (
        '<a class="button button--accent" href="/netwerk/aansluiten/">Zo sluit je aan'
        in html
    )


def test_current_section_is_marked_in_the_menu(demo, client):
    html = client.get(PRACTICE).content.decode()
    assert re.search(r'href="/praktijkvoorbeelden/" aria-current="true"', html)


def test_pleinmakers_in_mechelen_lists_its_four_neighbourhoods(demo, client):
    html = client.get("/pleinmakers-in-mechelen/").content.decode()
    for name in ("Oud-Oefenplein", "Otterbeek", "Bethaniëpolder", "Mahatma Gandhi"):
        assert name in html
    assert "Woonpunt Mechelen" in html


def test_every_page_has_meta_description_canonical_and_open_graph(demo, client):
    html = client.get("/over-pleinmakers/").content.decode()
    page = Page.objects.get(slug="over-pleinmakers").specific
    assert f'<meta name="description" content="{page.intro}">' in html
    assert '<link rel="canonical" href="http://testserver/over-pleinmakers/">' in html
    assert '<meta property="og:title" content="Over pleinmakers">' in html
    assert (
        '<meta property="og:url" content="http://testserver/over-pleinmakers/">' in html
    )


def test_search_description_wins_over_the_intro(demo, client):
    page = Page.objects.get(slug="privacy").specific
    page.search_description = "Hoe wij met je gegevens omgaan."
    page.save_revision().publish()
    html = client.get("/privacy/").content.decode()
    assert '<meta name="description" content="Hoe wij met je gegevens omgaan.">' in html


def test_footer_contact_details_come_from_site_settings(demo, client):
    settings = SiteSettings.objects.get()
    settings.email = "team@voorbeeld.be"
    settings.phone = "015 00 00 00"
    settings.save()
    html = client.get("/").content.decode()
    assert 'href="mailto:team@voorbeeld.be"' in html
    assert "015 00 00 00" in html


def test_unknown_page_is_a_dutch_404_in_the_site_layout(demo, client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert '<nav class="main-nav"' in html
    assert '<html lang="nl"' in html


def test_500_page_renders_without_the_database(rf):
    # No `db` fixture: any database query here would fail the test.
    from portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert '<html lang="nl"' in html


def test_sitemap_lists_every_live_page_and_no_draft(demo, client):
    draft = Page.objects.get(slug="toegankelijkheid")
    draft.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>(.*?)</loc>", xml))
    # A page may leave itself out (e.g. a members-only event): Wagtail's
    # get_sitemap_urls() contract.
    live = {
        p.full_url
        for p in Page.objects.live().public().filter(depth__gte=2).specific()
        if p.get_sitemap_urls()
    }
    assert live <= locations
    assert not any("toegankelijkheid" in url for url in locations)


@pytest.mark.parametrize(
    "path",
    [
        "/netwerk/cijfers/",  # the network in figures
        "/netwerk/aansluiten/",  # the form to join the network
        "/open-data/",
    ],
)
def test_the_sitemap_lists_the_public_views_that_are_not_pages(db, client, path):
    assert client.get(path).status_code == 200
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{path}</loc>" in xml


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


# Issue #17: warm and cold alike; a logged-in member adds the session and user.
HOME_BUDGET = 6
MEMBER_EXTRA = 2
SEARCH_BUDGET = 12


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_home_page_query_budget(
    demo, client, member, visitor, cache_state, django_assert_max_num_queries
):
    # Warm, the second visit; cold, every visit renders the menu, service
    # links, footer, page cards, events and the newest practices and experiences.
    budget = HOME_BUDGET
    if visitor == "member":
        client.force_login(member)
        budget += MEMBER_EXTRA
    client.get("/")
    with django_assert_max_num_queries(budget):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
@pytest.mark.parametrize(
    "query",
    [
        "Otterbeek",
        # A typo: nothing found, the closest spelling searched and shown.
        "pleinmakker",
        # More than a page of results: counted. (Not a stop word, which
        # PostgreSQL's index leaves out: "de" found nothing there but for the
        # fuzzy search that the index's vocabulary replaced, issue #17.)
        "gemeente",
    ],
)
def test_search_query_budget(
    demo, client, member, visitor, query, cache_state, django_assert_max_num_queries
):
    budget = SEARCH_BUDGET
    if visitor == "member":
        client.force_login(member)
        budget += MEMBER_EXTRA
    client.get("/zoeken/", {"q": query})
    with django_assert_max_num_queries(budget):
        response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    assert 'class="search-result"' in response.content.decode()


def test_publishing_a_page_refreshes_the_cached_menu(demo, client, home_page):
    assert "Nieuwe rubriek" not in client.get("/").content.decode()
    ContentPageFactory(
        parent=home_page, slug="nieuw", title="Nieuwe rubriek", show_in_menus=True
    ).save_revision().publish()
    nav = re.search(
        r'<nav class="main-nav".*?</nav>', client.get("/").content.decode(), re.S
    )
    assert "Nieuwe rubriek" in nav.group(0)


def test_content_page_query_budget(
    demo, client, cache_state, django_assert_max_num_queries
):
    client.get("/pleinmakers-in-mechelen/")
    with django_assert_max_num_queries(10):
        assert client.get("/pleinmakers-in-mechelen/").status_code == 200


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/gidsen/", 12),
        ("/gidsen/pleinmakers-starten/", 10),
        ("/toolkit/", 12),
    ],
)
def test_guides_toolkit_and_search_query_budgets(
    demo, client, path, budget, cache_state, django_assert_max_num_queries
):
    client.get(path)
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200
