"""Spreadsheet exports that cannot run anything in the reader's spreadsheet.

A cell that starts with `=`, `+`, `-`, `@` or a tab or carriage return is read
as a formula by Excel and LibreOffice (CSV injection, e.g. `=cmd|' /C calc'!A0`).
Every export of the portal escapes such text with a leading apostrophe.
"""

from wagtail.contrib.forms.views import SubmissionsListView

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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
