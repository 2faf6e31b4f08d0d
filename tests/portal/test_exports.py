"""Cells of the CSV for Excel in Belgium: what Excel with Belgian settings reads
as the value the portal meant."""

from decimal import Decimal

import pytest

from portal.exports import excel_cell, excel_csv_lines


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (2.5, "2,5"),
        (Decimal("0.50"), "0,50"),
        (51.0259, "51,0259"),
        (-3, "-3"),
        (12, "12"),
        ("-3", "'-3"),
        ("=SOM(A1)", "'=SOM(A1)"),
        (True, "ja"),
        (False, "nee"),
        (None, ""),
        (["groen", "jongeren"], "groen, jongeren"),
    ],
)
def test_excel_cells(value, cell):
    assert excel_cell(value) == cell


def test_excel_csv_starts_with_the_byte_order_mark_and_uses_semicolons():
    lines = list(excel_csv_lines(["naam", "vte"], [["Lier; Nijlen", 0.5]]))
    assert lines[0] == "\ufeffnaam;vte\r\n"
    assert lines[1] == '"Lier; Nijlen";0,5\r\n'
