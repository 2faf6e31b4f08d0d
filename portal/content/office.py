"""Editable versions of the toolkit documents: DOCX drawn with python-docx and,
for the rent calculation, an XLSX with real formulas drawn with openpyxl.

They are made from the same texts as the PDFs (`make_pdf`), so the formats agree.
"""

import io
import operator

from docx import Document
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

BRAND = RGBColor(0x08, 0x3F, 0x38)
INPUT_FILL = PatternFill("solid", start_color="FFF2CC")
EURO = "€ #,##0"

# The rent calculation: what a municipality fills in, then what follows from it.
# Each result is (left, operator, right) over rows above it or a number; the XLSX
# writes it as a formula over their cells, the PDF and DOCX show the worked
# figures of the example, so the two cannot disagree.
RENT_INPUTS = [
    ("rent", "Huurprijs van de woning per maand", EURO),
    ("own_share", "Deel dat de pleinmaker zelf betaalt, per maand", EURO),
    ("pleinmakers", "Aantal pleinmakers", "0"),
    ("action_budget", "Werkingsbudget voor acties, per pleinmaker per jaar", EURO),
]
RENT_RESULTS = [
    (
        "city_month",
        "Deel van de gemeente per maand, per pleinmaker",
        ("rent", "-", "own_share"),
    ),
    (
        "city_year",
        "Deel van de gemeente per jaar, per pleinmaker",
        ("city_month", "*", 12),
    ),
    (
        "rent_total",
        "Huurbijdrage per jaar, voor alle pleinmakers",
        ("city_year", "*", "pleinmakers"),
    ),
    (
        "actions_total",
        "Werkingsbudget per jaar, voor alle pleinmakers",
        ("action_budget", "*", "pleinmakers"),
    ),
    (
        "total",
        "Totaal budget van de gemeente per jaar",
        ("rent_total", "+", "actions_total"),
    ),
]
OPERATORS = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def euro(amount):
    """'€ 4.200', as amounts read in Belgium."""
    return "€ " + f"{amount:,.0f}".replace(",", ".")


def _operand(value, lookup):
    return value if isinstance(value, int | float) else lookup[value]


def worked_rent_example(example):
    """The example's inputs and results as lines: 'Huurprijs …: € 600'."""
    values = {key: example[key] for key, _label, _format in RENT_INPUTS}
    lines = [
        f"{label}: {euro(values[key]) if number_format == EURO else values[key]}"
        for key, label, number_format in RENT_INPUTS
    ]
    for key, label, (left, op, right) in RENT_RESULTS:
        values[key] = OPERATORS[op](_operand(left, values), _operand(right, values))
        lines.append(f"{label}: {euro(values[key])}")
    return lines


def make_docx(title, intro, sections, footer, checklist=False):
    """A DOCX with the same title, intro, sections and footer as `make_pdf`."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "Stad Mechelen – lerend netwerk pleinmakers"
    document.core_properties.language = "nl-BE"
    heading = document.add_heading(title, level=1)
    for run in heading.runs:
        run.font.color.rgb = BRAND
    document.add_paragraph(intro)
    for section_heading, content in sections:
        document.add_heading(section_heading, level=2)
        if isinstance(content, str):
            document.add_paragraph(content)
            continue
        for item in content:
            if checklist:
                document.add_paragraph(f"☐ {item}")
            else:
                document.add_paragraph(item, style="List Bullet")
    closing = document.add_paragraph().add_run(footer)
    closing.font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_rent_xlsx(title, example):
    """The rent calculation as a workbook: yellow cells to fill in (holding the
    example's figures), and below them formulas that work out the budget."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rekenmodel"
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = example["note"]
    sheet["A2"].font = Font(bold=True, color="9C0006")
    sheet["A3"] = "Vul de gele cellen in met de cijfers van je eigen gemeente."
    cells = {}
    row = 5
    sheet.cell(row=row, column=1, value="Wat je invult").font = Font(bold=True)
    for key, label, number_format in RENT_INPUTS:
        row += 1
        sheet.cell(row=row, column=1, value=label)
        cell = sheet.cell(row=row, column=2, value=example[key])
        cell.number_format = number_format
        cell.fill = INPUT_FILL
        cells[key] = f"B{row}"
    row += 2
    sheet.cell(row=row, column=1, value="Wat eruit volgt").font = Font(bold=True)
    for key, label, (left, op, right) in RENT_RESULTS:
        row += 1
        sheet.cell(row=row, column=1, value=label)
        formula = f"={_operand(left, cells)}{op}{_operand(right, cells)}"
        cell = sheet.cell(row=row, column=2, value=formula)
        cell.number_format = EURO
        cells[key] = f"B{row}"
    sheet[cells["total"]].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 58
    sheet.column_dimensions["B"].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
