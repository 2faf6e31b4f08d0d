"""Real, readable PDF files for the demo toolkit, drawn with reportlab."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

BRAND = colors.HexColor("#083f38")


def _styles():
    sheet = getSampleStyleSheet()
    return {
        "title": ParagraphStyle(
            "title", parent=sheet["Title"], textColor=BRAND, alignment=0
        ),
        "heading": ParagraphStyle(
            "heading", parent=sheet["Heading2"], textColor=BRAND, spaceBefore=10
        ),
        "body": ParagraphStyle("body", parent=sheet["BodyText"], leading=15),
        "small": ParagraphStyle(
            "small", parent=sheet["BodyText"], fontSize=8, textColor=colors.grey
        ),
    }


def make_pdf(title, intro, sections, footer, checklist=False):
    """A PDF with a title, an intro and sections of paragraphs or lists.

    `sections` is a list of (heading, content); content is a string (a paragraph)
    or a list of strings (a bullet list, or boxes to tick when `checklist`).
    """
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="Stad Mechelen – lerend netwerk pleinmakers",
        subject=intro,
        lang="nl-BE",
    )
    story = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(intro), styles["body"]),
    ]
    for heading, content in sections:
        story.append(Paragraph(escape(heading), styles["heading"]))
        if isinstance(content, str):
            story.append(Paragraph(escape(content), styles["body"]))
            continue
        story.append(
            ListFlowable(
                [ListItem(Paragraph(escape(item), styles["body"])) for item in content],
                bulletType="bullet",
                start="[  ]" if checklist else "•",
                leftIndent=14,
            )
        )
    story += [Spacer(1, 12), Paragraph(escape(footer), styles["small"])]
    document.build(story)
    return buffer.getvalue()
