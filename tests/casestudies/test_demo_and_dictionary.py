"""The demo content and the data dictionary it creates (one demo load per test)."""

import json

import pytest
from django.core.management import call_command

from casestudies.columns import EXPORT_COLUMNS
from casestudies.models import CaseStudyPage, DataDictionaryPage, Label
from network.models import Province
from tests.casestudies.conftest import get_content


@pytest.fixture
def demo_once(demo):
    return demo


def test_demo_has_mechelen_and_eight_fictitious_examples(demo_once):
    practices = CaseStudyPage.objects.live().select_related("municipality")
    mechelen = practices.get(municipality__name="Mechelen")
    assert mechelen.label == Label.VALIDATED
    assert mechelen.housing_partner == "Woonpunt Mechelen"
    for wijk in ["Oud-Oefenplein", "Otterbeek", "Bethaniëpolder", "Mahatma Gandhi"]:
        assert wijk in mechelen.neighbourhoods
    others = practices.exclude(pk=mechelen.pk)
    assert others.count() >= 8
    for page in others:
        assert "fictief voorbeeld" in (page.summary + str(page.body)).lower(), page
    assert {page.municipality.province for page in practices} == set(Province.values)
    assert len({page.status for page in practices}) == 4
    assert len({page.size_band for page in practices}) == 5
    for page in practices:
        assert page.hero_image_id and page.hero_image_alt, page


def test_demo_is_idempotent(demo_once):
    before = CaseStudyPage.objects.count()
    call_command("load_demo", stdout=__import__("io").StringIO())
    assert CaseStudyPage.objects.count() == before
    assert DataDictionaryPage.objects.count() == 1


def test_every_export_column_is_documented_in_the_data_dictionary(demo_once, client):
    page = DataDictionaryPage.objects.get()
    documented = {block.value["name"] for block in page.columns}
    assert documented == {column.name for column in EXPORT_COLUMNS}

    html = client.get(page.url).content.decode()
    data = json.loads(get_content(client.get("/praktijkvoorbeelden/export.json")))
    for name in data[0]:
        assert f"<code>{name}</code>" in html, name
    for column in EXPORT_COLUMNS:
        assert str(column.type) in html


def test_a_column_editors_have_not_described_yet_still_shows(demo_once, client):
    page = DataDictionaryPage.objects.get()
    page.columns = [
        ("column", block.value)
        for block in page.columns
        if block.value["name"] != "themas"
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<code>themas</code>" in html
    assert "Thema&#x27;s van het praktijkvoorbeeld" in html


def test_index_links_to_the_data_dictionary(demo_once, client):
    html = client.get("/praktijkvoorbeelden/").content.decode()
    assert 'href="/praktijkvoorbeelden/gegevenswoordenboek/"' in html


def test_demo_home_page_shows_the_newest_practices(demo_once, client):
    html = client.get("/").content.decode()
    assert "Praktijkvoorbeelden" in html
    cards = html.split('class="card case-card"')[1:]
    assert len(cards) == 3
    # Mechelen's own first, before the demo's examples.
    assert "Pleinmakers in vier Mechelse wijken" in cards[0]
    assert all("example-badge" in card for card in cards[1:])
