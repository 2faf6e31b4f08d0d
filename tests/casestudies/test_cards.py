"""The practice cards (`{% practice_cards %}`): the markup the card template
wrote, every value escaped."""

import pytest
from wagtail_factories import ImageFactory

from casestudies.templatetags.casestudies_tags import card_html

pytestmark = pytest.mark.django_db


def test_a_card_shows_the_practice_with_its_image_and_themes(rf, practice):
    page = practice(
        "Genk",
        title="Buren & <pleinen>",
        slug="buren-en-pleinen",
        themes=["ontmoeting", "jongeren"],
        status="lopend",
        label="gevalideerd",
        summary='Samen "koken" op het plein',
        hero_image=ImageFactory(),
        hero_image_alt="Buren aan tafel",
    )
    rendition = page.hero_image.get_rendition("fill-640x360")

    html = card_html(page, rf.get("/"), show_image=True)

    assert html == (
        '\n<li class="card case-card">\n'
        f'    \n    <img class="case-card__image" src="{rendition.url}" '
        f'width="{rendition.width}" height="{rendition.height}" alt="" '
        'loading="lazy" decoding="async">\n'
        '    <div class="case-card__body">\n'
        "        \n"
        '        <h3 class="card__title">'
        '<a href="/praktijkvoorbeelden/buren-en-pleinen/">'
        "Buren &amp; &lt;pleinen&gt;</a></h3>\n"
        '        <p class="card__meta">Genk · Limburg · '
        '<span class="case-status case-status--lopend">Lopend</span></p>\n'
        "        <p>Samen &quot;koken&quot; op het plein</p>\n"
        '        <p class="case-label case-label--validated">'
        "Gevalideerd door Mechelen</p>\n"
        "        \n"
        '        <ul class="theme-list" aria-label="Thema\'s">'
        '<li><a href="/themas/jongeren/">jongeren</a></li>'
        '<li><a href="/themas/ontmoeting/">ontmoeting</a></li></ul>\n'
        "        \n"
        "    </div>\n"
        "</li>\n"
    )


def test_an_example_card_without_image_or_themes_has_the_badge_only(rf, practice):
    page = practice("Bree", title="Verzonnen", is_example=True, label="gevalideerd")

    html = card_html(page, rf.get("/"), show_image=True)

    assert "<img" not in html
    assert '        <p class="example-badge">Voorbeeld</p>\n' in html
    # An example never says Mechelen validated it.
    assert "case-label" not in html
    assert "theme-list" not in html
