"""The readable text of an uploaded document, for the site search.

Only the formats the portal itself makes or editors commonly upload are read:
PDF, DOCX and XLSX. Anything else, or a file that cannot be read, gives no text,
so a broken upload is still saved and found by its title and description.
"""

import logging
import os
import unicodedata

logger = logging.getLogger(__name__)

# Enough to find a document by what it is about; a long report is not indexed whole.
MAX_TEXT_LENGTH = 50_000
MAX_PDF_PAGES = 40
MAX_SHEET_ROWS = 500


def _pdf_text(file):
    from pypdf import PdfReader

    reader = PdfReader(file)
    return "\n".join(page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES])


def _docx_text(file):
    from docx import Document

    document = Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx_text(file):
    from openpyxl import load_workbook

    workbook = load_workbook(file, read_only=True)
    parts = []
    for sheet in workbook.worksheets:
        parts.append(sheet.title)
        for row in sheet.iter_rows(max_row=MAX_SHEET_ROWS, values_only=True):
            parts.append(" ".join(str(value) for value in row if value is not None))
    workbook.close()
    return "\n".join(parts)


READERS = {"pdf": _pdf_text, "docx": _docx_text, "xlsx": _xlsx_text}


def extract_text(file):
    """The text of `file` (a Django File) in one string, at most MAX_TEXT_LENGTH
    characters; empty for other formats or an unreadable file."""
    extension = os.path.splitext(file.name or "")[1].lstrip(".").lower()
    reader = READERS.get(extension)
    if reader is None:
        return ""
    try:
        file.open("rb")
        file.seek(0)
        text = reader(file)
    except Exception:  # A broken file must not stop the upload.
        logger.warning("Could not read the text of %s", file.name, exc_info=True)
        return ""
    # Control characters (a PDF's list bullets come out as DEL) are no text.
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())[:MAX_TEXT_LENGTH]
