"""Guides, toolkit documents, FAQ and contact page, from the programme's facts.

Called at the end of `portal.content.load`; the texts are in `guides.toml`. Like
every demo module it only creates what is missing: phases by slug, documents by
title, pages by slug.
"""

import datetime

from django.core.files.base import ContentFile

from portal.content.office import make_docx, make_rent_xlsx, worked_rent_example
from portal.content.pdf import make_pdf
from portal.demo.blocks import read_data, stream
from portal.factories import (
    ContactPageFactory,
    FaqPageFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    PhaseFactory,
    ToolkitDocumentFactory,
    ToolkitPageFactory,
)
from portal.models import SiteSettings, ToolkitDocument

PHASES = [
    ("verkennen", "Verkennen"),
    ("voorbereiden", "Voorbereiden"),
    ("selecteren", "Selecteren"),
    ("starten", "Starten"),
    ("begeleiden", "Begeleiden"),
    ("evalueren", "Evalueren"),
]

REVIEWED = datetime.date(2026, 10, 15)
LICENCE = (
    "Vrij te gebruiken en aan te passen voor je eigen bestuur, met vermelding van "
    "Stad Mechelen."
)
PDF_FOOTER = (
    "Lerend netwerk pleinmakers – Stad Mechelen, team sociale cohesie "
    "(socialecohesie@mechelen.be). Pas dit document aan aan je eigen gemeente."
)

DATA = read_data(__file__, "guides.toml")


def load_phases():
    return {
        slug: PhaseFactory(slug=slug, name=name, sort_order=order * 10)
        for order, (slug, name) in enumerate(PHASES, start=1)
    }


def document_sections(spec):
    """The sections every format of a document shows; the rent calculation adds
    its worked example, marked as one."""
    sections = [
        (section["heading"], section.get("items") or section["text"])
        for section in spec["sections"]
    ]
    if "example" in spec:
        sections += [
            ("Rekenvoorbeeld", spec["example"]["note"]),
            ("Zo reken je het uit", worked_rent_example(spec["example"])),
        ]
    return sections


def editable_versions(spec):
    """(file name, bytes) of each editable format: a DOCX for every document and
    an XLSX with formulas for the rent calculation."""
    base = spec["filename"].removesuffix(".pdf")
    args = (spec["title"], spec["intro"], document_sections(spec), PDF_FOOTER)
    yield f"{base}.docx", make_docx(*args, checklist=spec["checklist"])
    if "example" in spec:
        yield f"{base}.xlsx", make_rent_xlsx(spec["title"], spec["example"])


def load_documents(loader, phases):
    found = {}
    for key, spec in DATA["documents"].items():
        title = spec["title"]
        document = ToolkitDocument.objects.filter(
            title=title, main_version__isnull=True
        ).first()
        if document is None:
            data = make_pdf(
                title,
                spec["intro"],
                document_sections(spec),
                PDF_FOOTER,
                checklist=spec["checklist"],
            )
            document = ToolkitDocumentFactory(
                title=title,
                file=ContentFile(data, name=spec["filename"]),
                document_type=spec["type"],
                phase=phases[spec["phase"]],
                description=spec["description"],
                licence=LICENCE,
                last_reviewed=REVIEWED,
            )
            loader.stdout.write(f"  + document {title}")
        load_editable_versions(loader, document, spec)
        found[key] = document
    return found


def load_editable_versions(loader, document, spec):
    """The editable formats beside the PDF, in its collection; those it has are
    kept. They carry no phase, so lists by phase show each document once."""
    have = {version.file_extension for version in document.other_formats.only("file")}
    for filename, data in editable_versions(spec):
        extension = filename.rsplit(".", 1)[1]
        if extension in have:
            continue
        ToolkitDocumentFactory(
            title=document.title,
            file=ContentFile(data, name=filename),
            collection=document.collection,
            document_type=document.document_type,
            phase=None,
            description=document.description,
            licence=document.licence,
            last_reviewed=document.last_reviewed,
            main_version=document,
        )
        loader.stdout.write(f"  + {extension.upper()} {document.title}")


def load(loader):
    home = loader.home
    phases = load_phases()
    docs = load_documents(loader, phases)

    loader.page(
        ToolkitPageFactory,
        home,
        "toolkit",
        title="Toolkit",
        show_in_menus=True,
        intro=(
            "Sjablonen, checklists en modellen die Mechelen zelf gebruikt. Download "
            "ze en pas ze aan voor je eigen gemeente."
        ),
    )
    index = loader.page(
        GuideIndexPageFactory,
        home,
        "gidsen",
        title="Gidsen",
        show_in_menus=True,
        intro=(
            "Praktische gidsen, stap voor stap: van het eerste idee tot de eerste "
            "buurtactie van je pleinmakers."
        ),
    )
    for guide in DATA["guides"]:
        loader.page(
            GuidePageFactory,
            index,
            guide["slug"],
            title=guide["title"],
            phase=phases[guide["phase"]],
            intro=guide["intro"],
            last_reviewed=REVIEWED,
            body=stream(guide["body"], docs),
        )
    loader.page(
        FaqPageFactory,
        home,
        "veelgestelde-vragen",
        title="Veelgestelde vragen",
        # In the header's service links and the footer, not the main menu.
        show_in_menus=False,
        intro=(
            "Wat steden en gemeenten ons het vaakst vragen over pleinmakers en het "
            "lerend netwerk."
        ),
        body=stream({"type": "theme", **theme} for theme in DATA["faq"]),
    )
    loader.page(
        ContactPageFactory,
        home,
        "contact",
        title="Contact",
        show_in_menus=False,
        intro=(
            "Een vraag die niet in de veelgestelde vragen staat? Stuur ons een "
            "bericht; we antwoorden binnen vijf werkdagen. Wil je aansluiten bij het "
            "lerend netwerk? Daarvoor is er het formulier om aan te sluiten."
        ),
        thank_you_text=(
            "<p>Bedankt! We hebben je bericht goed ontvangen. Je krijgt ook een "
            "bevestiging per e-mail. We antwoorden meestal binnen vijf "
            "werkdagen.</p>"
        ),
    )

    site_settings = SiteSettings.for_site(home.get_site())
    if not (site_settings.press_name or site_settings.press_email):
        site_settings.press_name = "Team sociale cohesie, Stad Mechelen"
        site_settings.press_email = site_settings.email
        site_settings.save()
