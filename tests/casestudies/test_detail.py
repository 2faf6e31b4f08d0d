import pytest
from django.contrib.auth.models import Group
from wagtail_factories import DocumentFactory

from casestudies import listing
from casestudies.factories import FILLER
from casestudies.listing import related_practices
from casestudies.models import CaseStudyDocument
from portal.factories import EditorFactory, UserFactory
from portal.roles import MEMBERS_GROUP

EMAIL = "ann.peeters@genk.example"


@pytest.fixture
def genk(practice):
    return practice(
        "Genk",
        title="Buurtkamers in Genk",
        slug="buurtkamers",
        themes=["ontmoeting", "jongeren"],
        status="lopend",
        label="gevalideerd",
        start_year=2023,
        neighbourhoods="Cité Noord",
        housing_partner="Woonmaatschappij Oost",
        pleinmakers_count=3,
        homes_count=3,
        coordinator_fte="0.50",
        coaching_hours_per_month=6,
        yearly_budget=24000,
        financing_sources="Plan Samenleven",
        contact_name="Ann Peeters",
        contact_role="coördinator samenleven",
        contact_email=EMAIL,
        body=[
            # Enough of a story to be published.
            ("paragraph", f"<p>{FILLER * 7}</p>"),
            (
                "approach",
                {"title": "Aanpak", "steps": [{"title": "Kies de wijk", "text": ""}]},
            ),
            (
                "lessons",
                {
                    "title": "Wat werkte niet",
                    "lessons": [{"problem": "Te veel tegelijk", "lesson": "Kies."}],
                },
            ),
            (
                "results",
                {
                    "title": "Resultaten",
                    "figures": [{"number": "38", "label": "buren per week"}],
                    "text": "",
                },
            ),
        ],
    )


URL = "/praktijkvoorbeelden/buurtkamers/"


def test_detail_shows_the_key_facts_and_body(client, genk):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Kerngegevens",
        "Genk",
        "Limburg",
        "Cité Noord",
        "Woonmaatschappij Oost",
        "Lopend",
        "2023",
        "0,5 VTE",
        "6 uur per maand",
        "24.000",
        "Plan Samenleven",
        "Gevalideerd door Mechelen",
        "Kies de wijk",
        "Te veel tegelijk",
        "buren per week",
        "Ann Peeters",
    ]:
        assert text in html, text
    assert 'href="/themas/jongeren/"' in html  # the theme's page, to follow it


def test_detail_loads_a_print_stylesheet(client, genk):
    html = client.get(URL).content.decode()
    assert 'casestudies-print.css" media="print"' in html


def test_contact_email_is_hidden_from_anonymous_visitors(client, genk):
    html = client.get(URL).content.decode()
    assert EMAIL not in html
    assert "Leden van het lerend netwerk zien hier het e-mailadres" in html


def test_contact_email_is_hidden_from_logged_in_non_members(client, genk):
    client.force_login(UserFactory())
    assert EMAIL not in client.get(URL).content.decode()


def test_network_members_see_the_contact_email(client, genk):
    member = UserFactory()
    member.groups.add(Group.objects.get(name=MEMBERS_GROUP))
    client.force_login(member)
    assert f'href="mailto:{EMAIL}"' in client.get(URL).content.decode()


def test_editors_see_the_contact_email(client, genk):
    client.force_login(EditorFactory())
    assert EMAIL in client.get(URL).content.decode()


def test_municipality_links_to_its_directory_page(client, genk):
    html = client.get(URL).content.decode()
    assert '<a href="/netwerk/genk/">Genk</a>' in html


def test_toolkit_documents_are_listed(client, genk):
    document = DocumentFactory(title="Draaiboek buurtkamer")
    CaseStudyDocument.objects.create(page=genk, document=document)
    html = client.get(URL).content.decode()
    assert "Draaiboek buurtkamer" in html


def test_related_practices_share_themes_and_prefer_the_same_province(practice, genk):
    practice("Gent", title="Gent, twee thema's", themes=["ontmoeting", "jongeren"])
    practice("Bree", title="Bree, zelfde provincie", themes=["jongeren"])
    practice("Kortrijk", title="Kortrijk, één thema", themes=["ontmoeting"])
    practice("Hasselt", title="Hasselt, geen gedeeld thema", themes=["groen"])
    practice("Leuven", title="Leuven, ook één thema", themes=["jongeren"])
    related = related_practices(genk, [tag.pk for tag in genk.themes.all()])
    assert [page.title for page in related] == [
        "Bree, zelfde provincie",
        "Gent, twee thema's",
        "Leuven, ook één thema",
    ]


def test_related_practices_come_from_the_last_added_per_theme(
    practice, genk, monkeypatch
):
    """Only the last few practices of each shared theme are ranked, so the
    page costs the same however many practices share a theme."""
    monkeypatch.setattr(listing, "RELATED_CANDIDATES_PER_THEME", 2)
    both = ["ontmoeting", "jongeren"]
    practice("Bree", title="Bree, ouder, twee thema's", themes=both)
    for town in ["Gent", "Kortrijk"]:
        practice(town, title=f"{town}, nieuwer", themes=["ontmoeting"])
    for town in ["Leuven", "Aalst"]:
        practice(town, title=f"{town}, nieuwer", themes=["jongeren"])
    related = related_practices(genk, [tag.pk for tag in genk.themes.all()])
    assert [page.title for page in related] == [
        "Aalst, nieuwer",
        "Leuven, nieuwer",
        "Kortrijk, nieuwer",
    ]


def test_related_practices_leave_out_unpublished_ones(client, practice, genk):
    hidden = practice("Bree", title="Verborgen", themes=["jongeren"])
    hidden.unpublish()
    html = client.get(URL).content.decode()
    assert "Verborgen" not in html


def test_a_practice_without_themes_has_no_related_section(client, practice):
    practice(title="Alleen", slug="alleen")
    html = client.get("/praktijkvoorbeelden/alleen/").content.decode()
    assert "Verwante praktijkvoorbeelden" not in html


def test_related_practice_cards_need_no_query_of_their_own(
    client, practice, genk, django_assert_num_queries
):
    """The related practices load only the columns their cards read: a field
    the card reads and the query leaves out would cost a query per card."""
    from casestudies.templatetags.casestudies_tags import card_html

    for town in ["Gent", "Bree", "Leuven"]:
        practice(
            town,
            title=f"{town}, gevalideerd",
            themes=["jongeren"],
            status="lopend",
            label="gevalideerd",
            summary=f"Samenvatting {town}",
        )
    request = client.get(URL).wsgi_request  # also fills the site root paths
    related = related_practices(genk, [tag.pk for tag in genk.themes.all()])
    assert len(related) == 3
    with django_assert_num_queries(0):
        cards = [card_html(page, request) for page in related]
    assert "Samenvatting Bree" in "".join(cards)
    assert "Gevalideerd door Mechelen" in "".join(cards)
    assert all(">jongeren</a>" in card for card in cards)


def test_related_practices_leave_out_private_ones(practice, genk):
    from wagtail.models import PageViewRestriction

    private = practice("Bree", title="Alleen voor leden", themes=["jongeren"])
    practice("Gent", title="Voor iedereen", themes=["jongeren"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    related = related_practices(genk, [tag.pk for tag in genk.themes.all()])
    assert [page.title for page in related] == ["Voor iedereen"]
    # What the cards read, loaded with them.
    assert related[0].municipality.name == "Gent"
    assert related[0].municipality.get_province_display() == "Oost-Vlaanderen"
    assert related[0].theme_links == [("jongeren", "jongeren")]


def test_detail_lists_the_themes_in_the_order_they_were_given(client, genk):
    """Not by name: the page reads them from one column of its own query."""
    html = client.get(URL).content.decode()
    facts = html[html.index('id="key-facts-title"') :]
    assert facts.index('href="/themas/ontmoeting/"') < facts.index(
        'href="/themas/jongeren/"'
    )
    assert [tag.name for tag in genk.ordered_themes()] == ["ontmoeting", "jongeren"]
