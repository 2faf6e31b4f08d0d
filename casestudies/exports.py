"""CSV and JSON exports of the filtered practices, streamed row by row.

The columns come from `casestudies.columns`, the same list that fills the data
dictionary. Rows are read with `.iterator()` so 5,000 practices never sit in
memory at once; themes arrive in the same query, so the number of queries does
not grow with the number of rows.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

from casestudies.columns import EXPORT_COLUMNS, ROW_FIELDS
from casestudies.filters import CaseStudyFilter
from portal.exports import escape_formula, excel_csv_lines

CHUNK_SIZE = 500
FILENAME = "praktijkvoorbeelden"


class _Echo:
    """A file-like object whose write returns what it was given, for csv.writer."""

    def write(self, value):
        return value


def _rows(index, request):
    practices = CaseStudyFilter(request.GET).filter(index.practices())
    base_url = index.get_full_url(request)
    rows = practices.values(*ROW_FIELDS)
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield {column.name: column.value(row, base_url) for column in EXPORT_COLUMNS}


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    return escape_formula(value)


def csv_response(index, request):
    writer = csv.writer(_Echo())

    def lines():
        # A byte-order mark lets spreadsheet programs read the file as UTF-8.
        yield "\ufeff" + writer.writerow([column.name for column in EXPORT_COLUMNS])
        for row in _rows(index, request):
            yield writer.writerow([_csv_cell(value) for value in row.values()])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}.csv"'
    return response


def excel_csv_response(index, request):
    """The same rows for Excel in Belgium: semicolons and decimal commas."""
    header = [column.name for column in EXPORT_COLUMNS]
    rows = (row.values() for row in _rows(index, request))
    response = StreamingHttpResponse(
        excel_csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}-excel.csv"'
    return response


def json_response(index, request):
    def chunks():
        yield "["
        for number, row in enumerate(_rows(index, request)):
            prefix = ",\n" if number else "\n"
            yield prefix + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(
        chunks(), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{FILENAME}.json"'
    return response
