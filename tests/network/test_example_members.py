"""Example members and their experiences never look real: the directory, its map,
their pages, the experiences and their feed say "voorbeeld"."""

import re

import pytest

from experiences.models import Experience
from network.models import Municipality

pytestmark = pytest.mark.django_db


def test_example_members_and_experiences_say_they_are_examples(client, demo):
    examples = Municipality.objects.filter(is_example=True)
    assert {m.name for m in examples} >= {"Leuven", "Kortrijk", "Aalst"}
    assert not Municipality.objects.get(name="Mechelen").is_example

    directory = client.get("/netwerk/").content.decode()
    for municipality in examples:
        assert (
            f"{municipality.name}: lid van het lerend netwerk (voorbeeld)" in directory
        )
        item = re.search(
            rf'<li class="municipality-item[^"]*">\s*<a href="[^"]*">'
            rf"{municipality.name}</a>.*?</li>",
            directory,
            re.S,
        ).group(0)
        assert "example-badge" in item
        page = client.get(municipality.get_absolute_url()).content.decode()
        assert (
            "Het lidmaatschap, de contactpersonen en de bijdragen hier zijn verzonnen"
            in page
        )
    assert "Mechelen: mentor (voorbeeld)" not in directory
    assert "Mechelen: mentor" in directory

    published = Experience.objects.published().filter(is_example=True)
    assert published.exists()
    listing = client.get("/ervaringen/").content.decode()
    cards = listing.split('class="card experience-card"')[1:]
    assert cards and all('class="example-badge"' in card for card in cards)
    for experience in published:
        html = client.get(experience.get_absolute_url()).content.decode()
        assert "Deze ervaring is verzonnen" in html
    feed = client.get("/ervaringen/feed/").content.decode()
    titles = re.findall(r"<item><title>(.*?)</title>", feed)
    assert titles and all(title.startswith("Voorbeeld: ") for title in titles)
