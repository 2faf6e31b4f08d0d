"""Every toolkit document comes with an editable version; the rent calculation
with a workbook whose figures are formulas, and a worked example marked as one."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from portal.factories import ToolkitDocumentFactory, ToolkitPageFactory
from portal.models import ToolkitDocument
from tests.helpers import count_queries

RENT_TITLE = "Rekenvoorbeeld: de huurbijdrage voor een pleinmaker"


def read(document):
    with document.file.open("rb") as file:
        return io.BytesIO(file.read())


def version(document, extension):
    return document.other_formats.get(file__endswith=f".{extension}")


@pytest.fixture
def documents(demo):
    return ToolkitDocument.objects.filter(main_version__isnull=True)


def test_every_demo_document_has_an_editable_docx_with_its_text(documents):
    assert documents.count() == 9
    for document in documents:
        docx = version(document, "docx")
        assert docx.collection == document.collection
        text = "\n".join(p.text for p in Document(read(docx)).paragraphs)
        assert document.title in text
        # The same sections as the PDF, in a file a civil servant can change.
        pdf_text = PdfReader(read(document)).pages[0].extract_text()
        first_heading = text.splitlines()[2]
        assert first_heading.split()[0] in pdf_text


def test_a_checklist_docx_has_boxes_to_tick(documents):
    checklist = documents.get(title="Checklist: de jaarlijkse actie van de pleinmaker")
    text = [p.text for p in Document(read(version(checklist, "docx"))).paragraphs]
    assert "☐ Het idee is besproken met de coach." in text


def _evaluate(sheet, reference, seen=()):
    """A cell's value, working out its formula the way a spreadsheet would."""
    value = sheet[reference].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    expression = re.sub(
        r"B\d+", lambda ref: str(_evaluate(sheet, ref.group(0))), value[1:]
    )
    assert re.fullmatch(r"[\d.+\-* ]+", expression), expression
    return eval(expression)  # noqa: S307 - digits and operators only, checked above


def test_the_rent_calculation_is_a_workbook_with_real_formulas(documents):
    rent = documents.get(title=RENT_TITLE)
    sheet = load_workbook(read(version(rent, "xlsx"))).active
    labels = {
        sheet.cell(row=row, column=1).value: f"B{row}"
        for row in range(1, sheet.max_row + 1)
    }
    assert "VOORBEELD met verzonnen cijfers" in sheet["A2"].value
    city_month = labels["Deel van de gemeente per maand, per pleinmaker"]
    rent_cell = labels["Huurprijs van de woning per maand"]
    own_cell = labels["Deel dat de pleinmaker zelf betaalt, per maand"]
    assert sheet[city_month].value == f"={rent_cell}-{own_cell}"
    total = labels["Totaal budget van de gemeente per jaar"]
    assert sheet[total].value.startswith("=")
    assert _evaluate(sheet, total) == 9400
    # Change what the municipality fills in and the result follows.
    sheet[rent_cell] = 700
    assert _evaluate(sheet, total) == (700 - 250) * 12 * 2 + 500 * 2


def test_the_rekenvoorbeeld_shows_worked_figures_marked_as_an_example(documents):
    rent = documents.get(title=RENT_TITLE)
    pdf = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(read(rent)).pages
    )
    assert "VOORBEELD met verzonnen cijfers" in pdf
    assert "Totaal budget van de gemeente per jaar: € 9.400" in pdf
    docx = "\n".join(p.text for p in Document(read(version(rent, "docx"))).paragraphs)
    assert "Deel van de gemeente per maand, per pleinmaker: € 350" in docx
    assert "VOORBEELD met verzonnen cijfers" in docx


def test_the_toolkit_offers_each_document_with_its_editable_versions(demo, client):
    rent = ToolkitDocument.objects.get(title=RENT_TITLE, main_version__isnull=True)
    html = client.get("/toolkit/").content.decode()
    assert "9 documenten" in html
    for document in (rent, version(rent, "docx"), version(rent, "xlsx")):
        assert f'href="{document.url}"' in html
    assert "(DOCX," in html and "(XLSX," in html
    assert html.count("Download om aan te passen") == 10


def test_toolkit_queries_do_not_grow_with_editable_versions(client, home_page):
    ToolkitPageFactory(parent=home_page)
    for number in range(3):
        ToolkitDocumentFactory(title=f"Doc {number}")
    small = count_queries(client, "/toolkit/")
    for document in ToolkitDocument.objects.all():
        ToolkitDocumentFactory(
            title=document.title,
            file__filename="versie.docx",
            main_version=document,
        )
    assert count_queries(client, "/toolkit/") == small


def test_an_uploaded_document_keeps_its_text_for_the_search(db):
    from django.core.files.base import ContentFile

    from portal.content.office import make_docx
    from portal.content.pdf import make_pdf

    data = make_docx("Werkplan", "Een plan.", [("Stappen", ["buurtfeest"])], "voet")
    document = ToolkitDocumentFactory(file=ContentFile(data, name="werkplan.docx"))
    assert "Een plan. Stappen buurtfeest voet" in document.file_text
    pdf = make_pdf("Werkplan", "Een plan.", [("Stappen", ["buurtfeest"])], "voet")
    document = ToolkitDocumentFactory(file=ContentFile(pdf, name="werkplan.pdf"))
    # The list's bullet is not text.
    assert "Werkplan Een plan. Stappen buurtfeest voet" in document.file_text
    # A file that cannot be read is still saved, found by its title.
    broken = ToolkitDocumentFactory(file=ContentFile(b"PK-kapot", name="kapot.docx"))
    assert broken.pk and broken.file_text == ""
