"""The practices' true content: the index, Mechelen's own practice (from FACTS.md)
and the data dictionary. The practice's text is in `practices.toml`."""

from casestudies.columns import EXPORT_COLUMNS
from casestudies.content.images import hero_image
from casestudies.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    DataDictionaryPageFactory,
)
from network.models import Municipality
from portal.demo.blocks import paragraph, read_data, stream

DATA = read_data(__file__, "practices.toml")
# What the factory would make up when a practice leaves it out: unknown stays empty.
UNKNOWN = {"start_year": None, "pleinmakers_count": 0, "homes_count": 0}


def add_practice(loader, index, number, spec, **fields):
    """A practice from its data, with a drawn hero image; skipped when it exists."""
    spec = dict(spec, body=stream(spec["body"]))
    slug = spec.pop("slug")
    if index.get_children().filter(slug=slug).exists():
        return
    municipality = Municipality.objects.get(nis_code=spec.pop("nis_code"))
    themes = spec.pop("themes")
    alt = spec.pop(
        "hero_alt",
        "Getekend landschap met ronde figuren rond een plein, in warme kleuren.",
    )
    image = hero_image(f"Praktijkvoorbeeld: {spec['title']}", seed=number)
    page = loader.page(
        CaseStudyPageFactory,
        index,
        slug,
        municipality=municipality,
        hero_image=image,
        hero_image_alt=alt,
        **{**UNKNOWN, **spec, **fields},
    )
    page.themes.set(themes)
    page.save_revision().publish()


def load(loader):
    index = loader.page(
        CaseStudyIndexPageFactory,
        loader.home,
        "praktijkvoorbeelden",
        title="Praktijkvoorbeelden",
        show_in_menus=True,
        intro=(
            "Hoe pakken andere gemeenten het aan? Filter op thema, provincie of "
            "grootte en lees wat werkte, wat het kostte en wat niet lukte."
        ),
    )
    for number, spec in enumerate(DATA["practices"], start=1):
        add_practice(loader, index, number, spec)
    loader.page(
        DataDictionaryPageFactory,
        index,
        "gegevenswoordenboek",
        title="Gegevenswoordenboek",
        intro=(
            "Wat elke kolom van de open-data-export van de praktijkvoorbeelden "
            "betekent, en welk type gegeven erin staat."
        ),
        body=stream(
            [
                paragraph(
                    "<p>Je kunt de praktijkvoorbeelden downloaden als CSV of JSON, met "
                    "dezelfde filters als op de overzichtspagina. De export bevat geen "
                    "persoonsgegevens: contactpersonen en hun e-mailadressen staan er "
                    "nooit in.</p><p>Vermeld bij hergebruik de bron: Lerend netwerk "
                    "pleinmakers, Stad Mechelen.</p>"
                )
            ]
        ),
        columns=[
            (
                "column",
                {
                    "name": column.name,
                    "type": str(column.type),
                    "description": str(column.description),
                },
            )
            for column in EXPORT_COLUMNS
        ],
    )
