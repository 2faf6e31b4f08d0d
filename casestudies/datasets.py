"""The practices as open data (see `portal.opendata`), with the same columns as
the practice finder's own export (`casestudies.columns`)."""

from django.utils.translation import gettext_lazy as _

from casestudies import columns
from casestudies.columns import EXPORT_COLUMNS, ROW_FIELDS
from casestudies.models import CaseStudyIndexPage
from portal.opendata import URI, Dataset, Field

CHUNK_SIZE = 500


# The export's type labels, as Table Schema types (and formats).
KINDS = [
    (columns.TEXT, "string", ""),
    (columns.CODE, "string", ""),
    (columns.INTEGER, "integer", ""),
    (columns.DECIMAL, "number", ""),
    (columns.URL, "string", URI),
    (columns.DATETIME, "datetime", ""),
    (columns.TEXT_LIST, "array", ""),
    (columns.BOOLEAN, "boolean", ""),
]


def _field(column):
    kind, format = next((k, f) for label, k, f in KINDS if column.type is label)
    return Field(column.name, kind, column.description, format)


def practice_rows():
    for index in CaseStudyIndexPage.objects.live().public():
        base_url = index.get_full_url()
        rows = index.practices().with_theme_names().order_by("pk").values(*ROW_FIELDS)
        for row in rows.iterator(chunk_size=CHUNK_SIZE):
            yield {
                column.name: column.value(row, base_url) for column in EXPORT_COLUMNS
            }


def datasets():
    return [
        Dataset(
            slug="praktijkvoorbeelden",
            title=_("Praktijkvoorbeelden"),
            description=_(
                "Hoe gemeenten met pleinmakers werken: context, middelen, resultaten "
                "en thema's van elk gepubliceerd praktijkvoorbeeld."
            ),
            fields=tuple(_field(column) for column in EXPORT_COLUMNS),
            rows=practice_rows,
        )
    ]
