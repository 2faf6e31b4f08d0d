"""CSV, JSON and datapackage.json from a dataset, streamed row by row."""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


class _Echo:
    """A file-like object whose write returns what it was given, for csv.writer."""

    def write(self, value):
        return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_lines(dataset):
    writer = csv.writer(_Echo())
    # A byte-order mark lets spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow([field.name for field in dataset.fields])
    for row in dataset.rows():
        yield writer.writerow([_csv_cell(row[field.name]) for field in dataset.fields])


def licence_of(site_settings):
    if not site_settings.open_data_licence:
        return None
    return {
        "naam": str(site_settings.get_open_data_licence_display()),
        "url": site_settings.open_data_licence_url,
    }


def json_chunks(dataset, site_settings):
    """{"dataset": ..., "licentie": ..., "records": [...]}, a row per chunk."""
    header = {
        "dataset": dataset.slug,
        "titel": str(dataset.title),
        "beschrijving": str(dataset.description),
        "licentie": licence_of(site_settings),
        "bronvermelding": site_settings.open_data_attribution,
        "aangemaakt_op": timezone.now().isoformat(),
    }
    yield "{\n"
    for key, value in header.items():
        yield f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    yield ' "records": ['
    for number, row in enumerate(dataset.rows()):
        prefix = ",\n  " if number else "\n  "
        yield prefix + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "\n ]\n}\n"


def datapackage(datasets, site_settings, base_url):
    """A Frictionless Data Package: the data dictionary in a standard form."""
    licence = licence_of(site_settings)
    return {
        "name": "lerend-netwerk-pleinmakers",
        "title": "Lerend netwerk pleinmakers: open data",
        "homepage": base_url,
        "licenses": [{"title": licence["naam"], "path": licence["url"]}]
        if licence
        else [],
        "sources": [{"title": site_settings.open_data_attribution}]
        if site_settings.open_data_attribution
        else [],
        "resources": [
            {
                "name": dataset.slug,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": f"{dataset.slug}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [
                        {
                            "name": field.name,
                            # The CSV joins a list into one text cell.
                            "type": "string" if field.type == "array" else field.type,
                            **({"format": field.format} if field.format else {}),
                            "description": str(field.description),
                        }
                        for field in dataset.fields
                    ]
                },
            }
            for dataset in datasets
        ],
    }
