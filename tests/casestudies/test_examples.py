"""Example practices never look real: a "Voorbeeld" banner on card and page, in the
feed and the exports, never "Gevalideerd door Mechelen"; Mechelen's own first."""

import csv
import io
import json
import re

import pytest

from casestudies.models import CaseStudyPage
from tests.helpers import response_text

pytestmark = pytest.mark.django_db

URL = "/praktijkvoorbeelden/"
MECHELEN = "pleinmakers-in-vier-mechelse-wijken"


def test_example_practices_are_marked_everywhere_and_mechelen_comes_first(client, demo):
    examples = CaseStudyPage.objects.filter(is_example=True)
    assert examples.count() >= 5
    assert not CaseStudyPage.objects.get(slug=MECHELEN).is_example

    listing = client.get(URL).content.decode()
    cards = listing.split('class="card case-card"')[1:]
    assert f"{URL}{MECHELEN}/" in cards[0]
    assert "Voorbeeld" not in cards[0]
    assert "Gevalideerd door Mechelen" in cards[0]
    for card in cards[1:]:
        assert '<p class="example-badge">Voorbeeld</p>' in card
        assert "Gevalideerd door Mechelen" not in card

    for practice in examples:
        html = client.get(practice.url).content.decode()
        # Related practices below may include Mechelen's own, which is validated.
        html = html.split('class="wrap section case-related"')[0]
        assert "Deze praktijk is verzonnen" in html, practice.slug
        assert "Gevalideerd door Mechelen" not in html, practice.slug
    mechelen = client.get(f"{URL}{MECHELEN}/").content.decode()
    assert "verzonnen" not in mechelen

    feed = client.get(f"{URL}feed/").content.decode()
    titles = re.findall(r"<item><title>(.*?)</title>", feed)
    assert len(titles) == examples.count() + 1
    for title in titles:
        assert title.startswith("Voorbeeld: ") != title.startswith(
            "Pleinmakers in vier"
        )

    rows = list(
        csv.DictReader(io.StringIO(response_text(client.get(f"{URL}export.csv"))))
    )
    by_example = {row["titel"]: row["voorbeeld"] for row in rows}
    assert by_example["Pleinmakers in vier Mechelse wijken"] == "False"
    assert sum(value == "True" for value in by_example.values()) == examples.count()
    assert all(
        title.startswith("Voorbeeld: ")
        for title, value in by_example.items()
        if value == "True"
    )
    data = json.loads(response_text(client.get(f"{URL}export.json")))
    assert {row["voorbeeld"] for row in data} == {True, False}
    assert all(
        row["titel"].startswith("Voorbeeld: ") for row in data if row["voorbeeld"]
    )


def test_a_call_to_action_may_link_a_path_on_the_site():
    from django.core.exceptions import ValidationError

    from portal.blocks import CallToActionBlock

    block = CallToActionBlock()
    value = block.to_python(
        {
            "title": "Sluit aan",
            "button_label": "Aansluiten",
            "url": "/netwerk/aansluiten/",
        }
    )
    assert block.clean(value)["url"] == "/netwerk/aansluiten/"
    for wrong in ["//elders.example/", "javascript:alert(1)", "netwerk"]:
        with pytest.raises(ValidationError):
            block.clean(block.to_python({**value, "url": wrong}))
