import re

import pytest
from django.core.cache import cache

from network.factories import MemberFactory, NeighbourhoodFactory
from network.models import MembershipStatus, Municipality, bump_data_version

pytestmark = pytest.mark.django_db

MAP_LINK = re.compile(
    r'<a href="/netwerk/([a-z0-9-]+)/" class="network-map__link" aria-label="([^"]+)"'
)
MAP_SHAPE = re.compile(r'<path class="network-map__shape network-map__shape--([a-z]+)"')


def make_members(count):
    municipalities = list(
        Municipality.objects.exclude(nis_code="12025").order_by("nis_code")[:count]
    )
    for municipality in municipalities:
        municipality.membership_status = MembershipStatus.MEMBER
        municipality.save()
        MemberFactory(
            email=f"contact@{municipality.slug}.example",
            profile__municipality=municipality,
            profile__listed_publicly=True,
        )
    return municipalities


def list_section(html):
    return html.split('id="directory-list"', 1)[1]


def test_directory_lists_all_285_with_members_first_and_marked(
    client, network_page, mechelen, leuven
):
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    response = client.get("/netwerk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "285 gemeenten gevonden" in html
    listing = list_section(html)
    assert listing.index("Mechelen") < listing.index("Leuven") < listing.index("Aalst")
    assert "mentor" in listing
    assert "lid van het lerend netwerk" in listing
    assert html.count('class="municipality-item ') == 285


@pytest.mark.parametrize(
    ("query", "expected", "count"),
    [
        ("provincie=limburg", "Hasselt", 38),
        ("lidmaatschap=lid", "Mechelen", 2),
        ("lidmaatschap=kandidaat", "Hasselt", 1),
        ("lidmaatschap=geen", "Aalst", 282),
        ("q=kortr", "Kortrijk", 1),
        ("q=BEVEREN", "Beveren-Kruibeke-Zwijndrecht", 1),
        ("q=k%C3%B2rtrijk", "Kortrijk", 1),
        ("provincie=antwerpen&lidmaatschap=lid", "Mechelen", 1),
    ],
)
def test_directory_filters(
    client, network_page, mechelen, leuven, hasselt, query, expected, count
):
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    hasselt.membership_status = MembershipStatus.CANDIDATE
    hasselt.save()
    html = client.get(f"/netwerk/?{query}").content.decode()
    listing = list_section(html)
    assert listing.count('class="municipality-item ') == count
    assert expected in listing
    # The map follows the same filter: only the matches are links.
    assert len(MAP_LINK.findall(html)) == count


def test_search_ignores_accents_and_case(client, network_page):
    html = client.get("/netwerk/?q=oostende").content.decode()
    assert list_section(html).count('class="municipality-item ') == 1


def test_unknown_filter_values_are_ignored(client, network_page):
    response = client.get("/netwerk/?provincie=brussel&lidmaatschap=%27;--")
    assert response.status_code == 200
    html = response.content.decode()
    assert "285 gemeenten gevonden" in html
    assert "‘brussel’ is geen geldige keuze voor provincie; we negeerden het." in html


def test_map_has_one_linked_shape_per_municipality_and_styles_members(
    client, network_page, mechelen, leuven
):
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    html = client.get("/netwerk/").content.decode()
    links = MAP_LINK.findall(html)
    assert len(links) == 285
    assert ("mechelen", "Mechelen: mentor") in links
    assert ("leuven", "Leuven: lid van het lerend netwerk") in links
    assert ("aalst", "Aalst") in links
    shapes = MAP_SHAPE.findall(html)
    assert len(shapes) == 285
    assert shapes.count("mentor") == 1
    assert shapes.count("lid") == 1
    # A legend that does not rely on colour alone, and the source credited.
    assert "schuine strepen" in html
    assert "stippen" in html
    assert "Statbel" in html
    assert "Provincies in Cijfers" in html


def test_filtered_map_dims_the_rest_without_links(client, network_page):
    html = client.get("/netwerk/?provincie=limburg").content.decode()
    assert len(MAP_LINK.findall(html)) == 38
    dimmed = '<path class="network-map__shape network-map__shape--dimmed"'
    assert html.count(dimmed) == 285 - 38


def test_map_is_cached_and_refreshed_when_membership_changes(
    client, network_page, leuven, settings
):
    # Listing the cached keys needs the in-process cache's internals.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    client.get("/netwerk/")
    assert any(key.startswith(":1:network:map:") for key in cache._cache)
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    html = client.get("/netwerk/").content.decode()
    assert ("leuven", "Leuven: lid van het lerend netwerk") in MAP_LINK.findall(html)


@pytest.mark.parametrize("members", [1, 40])
def test_directory_query_budget(
    client, network_page, mechelen, members, cache_state, django_assert_max_num_queries
):
    make_members(members)
    client.get("/netwerk/")  # the first request creates the site settings
    bump_data_version()  # the map is drawn again, not read from the cache
    with django_assert_max_num_queries(12):
        response = client.get("/netwerk/?provincie=antwerpen")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get("/netwerk/")
    assert response.status_code == 200


MUNICIPALITY_BUDGET = 10
# A logged-in member adds at most the session and the account.
MUNICIPALITY_MEMBER_BUDGET = MUNICIPALITY_BUDGET + 2


@pytest.mark.parametrize("size", [1, 40])
def test_municipality_page_query_budget(
    client, network_page, mechelen, size, cache_state, django_assert_max_num_queries
):
    for number in range(size):
        NeighbourhoodFactory(municipality=mechelen, name=f"Wijk {number}")
        MemberFactory(
            email=f"collega{number}@mechelen.example",
            profile__municipality=mechelen,
            profile__listed_publicly=True,
        )
    client.get("/netwerk/aalst/")  # the first request creates the site settings
    with django_assert_max_num_queries(MUNICIPALITY_BUDGET):
        response = client.get("/netwerk/mechelen/")
    assert response.status_code == 200
    assert response.content.decode().count('class="contact"') == size


def test_municipality_pages_build_their_queries_once(
    client, network_page, mechelen, leuven, member
):
    """Compiled once per process (visitors and members apart), its SQL kept:
    the apps above are not asked for their annotations again."""
    from wagtail import hooks

    builds = []

    def counted(member_id):
        builds.append(member_id)
        return {}

    with hooks.register_temporarily("network_municipality_annotations", counted):
        client.get("/netwerk/mechelen/")
        client.force_login(member)
        client.get("/netwerk/mechelen/")
        built = len(builds)
        for slug in ("leuven", "mechelen"):
            assert client.get(f"/netwerk/{slug}/").status_code == 200
        client.logout()
        html = client.get("/netwerk/leuven/").content.decode()
    assert "<h1>Leuven</h1>" in html
    assert len(builds) == built


def test_municipality_page_shows_the_facts(client, network_page, mechelen):
    mechelen.member_since = "2022-01-01"
    mechelen.description = "Samen met Woonpunt Mechelen."
    mechelen.save()
    NeighbourhoodFactory(municipality=mechelen, name="Otterbeek")
    NeighbourhoodFactory(
        municipality=mechelen, name="Nieuwe wijk", pleinmakers_active=False
    )
    html = client.get("/netwerk/mechelen/").content.decode()
    assert "<h1>Mechelen</h1>" in html
    assert "Antwerpen" in html
    assert "86.921 inwoners (2020)" in html
    assert "mentor" in html
    assert "sinds 1 januari 2022" in html
    assert "Otterbeek" in html
    assert "pleinmakers actief" in html
    assert "in voorbereiding" in html
    assert "Samen met Woonpunt Mechelen." in html
    assert "<title>Mechelen |" in html


def test_unknown_municipality_is_404(client, network_page):
    assert client.get("/netwerk/bestaat-niet/").status_code == 404


def test_contacts_show_email_to_members_only(client, network_page, mechelen, member):
    MemberFactory(
        email="zichtbaar@mechelen.example",
        first_name="Zoë",
        last_name="Zichtbaar",
        profile__municipality=mechelen,
        profile__job_title="Coördinator",
        profile__listed_publicly=True,
        profile__phone="015 11 22 33",
        profile__phone_visible_to_members=True,
        profile__email_visible_to_members=True,
    )
    MemberFactory(
        email="verborgen@mechelen.example",
        first_name="Vera",
        last_name="Verborgen",
        profile__municipality=mechelen,
        profile__listed_publicly=False,
    )
    MemberFactory(
        email="geenmail@mechelen.example",
        first_name="Gert",
        last_name="Geenmail",
        profile__municipality=mechelen,
        profile__listed_publicly=True,
    )
    anonymous = client.get("/netwerk/mechelen/").content.decode()
    assert "Zoë Zichtbaar" in anonymous
    assert "Coördinator" in anonymous
    assert "zichtbaar@mechelen.example" not in anonymous
    assert "015 11 22 33" not in anonymous
    assert "Vera Verborgen" not in anonymous

    client.force_login(member)
    logged_in = client.get("/netwerk/mechelen/").content.decode()
    assert "zichtbaar@mechelen.example" in logged_in
    assert "015 11 22 33" in logged_in
    assert "Vera Verborgen" not in logged_in
    assert "Gert Geenmail" in logged_in
    assert "geenmail@mechelen.example" not in logged_in


def test_home_page_shows_member_count_and_links_to_directory(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    html = response.content.decode()
    # Mechelen; the demo's five made-up members are named as examples.
    assert "1 gemeente doet mee aan het lerend netwerk." in html
    assert "De kaart toont daarnaast 5 voorbeeldleden" in html
    assert 'href="/netwerk/"' in html
    # The count costs one cheap query, whatever the number of members ...
    counts = [q for q in queries if "network_" in q["sql"] and "COUNT(" in q["sql"]]
    assert len(counts) == 1
    # ... and none at all while the highlights come from the cache.
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries if "network_" in q["sql"]]


def test_a_new_member_shows_on_the_home_page_at_once(client, demo):
    assert "1 gemeente doet mee" in client.get("/").content.decode()
    genk = Municipality.objects.get(slug="genk")
    genk.membership_status = MembershipStatus.MEMBER
    genk.save()
    assert "2 gemeenten doen mee" in client.get("/").content.decode()


def test_the_sitemap_lists_every_municipality_page(client, network_page):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://localhost/netwerk/mechelen/" in xml or "/netwerk/mechelen/" in xml
    # The directory and its municipalities; the figures and the join form
    # (views, not pages) are listed beside them.
    views = ("/netwerk/cijfers/<", "/netwerk/aansluiten/<")
    assert all(view in xml for view in views)
    assert xml.count("/netwerk/") - len(views) == 286


def test_a_members_view_of_a_municipality_costs_the_same_with_more_data(
    client, network_page, mechelen, member, cache_state
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    client.get("/netwerk/aalst/")
    counts, created = [], 0
    for size in (1, 40):
        for number in range(created, size):
            NeighbourhoodFactory(municipality=mechelen, name=f"Wijk {number}")
            MemberFactory(
                email=f"collega{number}@mechelen.example",
                profile__municipality=mechelen,
                profile__listed_publicly=True,
            )
        created = size
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/netwerk/mechelen/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= MUNICIPALITY_MEMBER_BUDGET


def test_municipality_page_lists_its_published_practices(demo, client):
    from casestudies.models import CaseStudyPage

    practice = (
        CaseStudyPage.objects.live().filter(municipality__slug="mechelen").first()
    )
    html = client.get("/netwerk/mechelen/").content.decode()
    assert "Praktijkvoorbeelden" in html
    assert practice.title in html
    practice.unpublish()
    html = client.get("/netwerk/mechelen/").content.decode()
    assert practice.title not in html


def test_unfiltered_the_others_fold_away_per_province_members_stay_open(
    client, network_page, mechelen, leuven
):
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    listing = list_section(client.get("/netwerk/").content.decode())
    members, others = listing.split("Andere gemeenten", 1)
    assert "Leuven" in members and "<details" not in members
    summaries = re.findall(r"<summary>([^<]+)</summary>", others)
    assert summaries[0].startswith("Antwerpen (") and len(summaries) == 5
    assert "Limburg (38 gemeenten)" in summaries
    # Every other municipality sits inside a closed province group.
    assert others.count("<details") == 5 and "<details open" not in others
    assert others.count('class="municipality-item ') == 283


def test_a_filtered_list_shows_its_results_without_folding(client, network_page):
    html = client.get("/netwerk/?provincie=limburg").content.decode()
    assert "<details" not in list_section(html)
    assert "Hasselt" in list_section(html)


def test_list_items_and_map_shapes_escape_what_they_show(
    client, network_page, leuven, settings
):
    # The directory writes its 285 items and shapes without a template loop
    # (network.directory.MunicipalityLabels): each value is still escaped.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    leuven.name = 'Leuven <b>&</b> "Heverlee"'
    leuven.membership_status = MembershipStatus.MEMBER
    leuven.save()
    html = client.get("/netwerk/?q=heverlee").content.decode()
    escaped = "Leuven &lt;b&gt;&amp;&lt;/b&gt; &quot;Heverlee&quot;"
    assert "<b>" not in html.split("<main", 1)[1]
    assert (
        '<li class="municipality-item municipality-item--lid">\n'
        f'    <a href="/netwerk/leuven/">{escaped}</a>\n'
        '    <span class="municipality-item__province">Vlaams-Brabant</span>\n'
        '    <span class="status-badge status-badge--lid">'
        "lid van het lerend netwerk</span>\n    \n    \n</li>\n"
    ) in list_section(html)
    label = f"{escaped}: lid van het lerend netwerk"
    assert (
        f'<a href="/netwerk/leuven/" class="network-map__link" aria-label="{label}">'
        f"<title>{label}</title>"
    ) in html


def test_municipality_page_experience_cards_show_what_a_card_shows(
    client, network_page, mechelen, cache_state
):
    """The cards read only the columns their query loads, in as many queries
    with one experience as with several."""
    from taggit.models import Tag
    from wagtail_factories import ImageFactory

    from experiences.factories import ExperienceFactory
    from tests.helpers import count_queries

    author = MemberFactory(
        email="auteur@mechelen.example", profile__municipality=mechelen
    )
    experience = ExperienceFactory(
        author=author,
        title="Soep op het plein",
        summary="Buren koken samen.",
        photo=ImageFactory(),
        themes=[Tag.objects.get_or_create(name="burendag", slug="burendag")[0]],
        publish=True,
    )
    one = count_queries(client, "/netwerk/mechelen/")
    for _number in range(3):
        ExperienceFactory(author=author, publish=True)
    assert count_queries(client, "/netwerk/mechelen/") == one <= MUNICIPALITY_BUDGET
    html = client.get("/netwerk/mechelen/").content.decode()
    (card,) = [
        card
        for card in html.split('class="card experience-card"')[1:]
        if experience.get_absolute_url() in card
    ]
    for text in [
        'class="experience-card__photo"',
        "Soep op het plein",
        "Buren koken samen.",
        "Mechelen · <time",
        'href="/themas/burendag/"',
    ]:
        assert text in card, text
