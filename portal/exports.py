"""Spreadsheet exports that cannot run anything in the reader's spreadsheet.

A cell that starts with `=`, `+`, `-`, `@` or a tab or carriage return is read
as a formula by Excel and LibreOffice (CSV injection, e.g. `=cmd|' /C calc'!A0`).
Every export of the portal escapes such text with a leading apostrophe.

Excel with Belgian settings splits a standard CSV on semicolons and reads 0.5 as
a date or text, so every list that offers a CSV also offers one "voor Excel":
semicolon-separated, UTF-8 with a byte-order mark, decimal commas.
"""

import csv
from decimal import Decimal

from django.utils.translation import gettext
from wagtail.contrib.forms.views import SubmissionsListView

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


EXCEL_CSV_DELIMITER = ";"
LIST_SEPARATOR = ", "


class Echo:
    """A file-like object whose write returns what it was given, for csv.writer."""

    def write(self, value):
        return value


def excel_cell(value):
    """A value as Excel in Belgium reads it: decimal comma, ja/nee, no formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, float | Decimal):
        return format(value, "f" if isinstance(value, Decimal) else "").replace(
            ".", ","
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return escape_formula(str(value))


def excel_csv_lines(header, rows):
    """A CSV for Excel, line by line, so a long list streams."""
    writer = csv.writer(Echo(), delimiter=EXCEL_CSV_DELIMITER)
    # Excel reads the file as UTF-8 only with the byte-order mark.
    yield "\ufeff" + writer.writerow([excel_cell(str(name)) for name in header])
    for row in rows:
        yield writer.writerow([excel_cell(value) for value in row])


class FormulaSafeSubmissionsListView(SubmissionsListView):
    """Wagtail's form-submission listing; its CSV export escapes formulas (its
    XLSX export already stores every cell as text)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: escape_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )
