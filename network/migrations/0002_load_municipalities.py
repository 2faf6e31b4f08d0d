"""Load the 285 Flemish municipalities (1 January 2025) from the project's CSV.

Source and caveats: see "Data sources" in the README. The CSV is read here, at
migration time, so later edits to it need a new migration to take effect.
"""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"


def load(apps, schema_editor):
    Municipality = apps.get_model("network", "Municipality")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    Municipality.objects.bulk_create(
        [
            Municipality(
                nis_code=row["nis_code"],
                name=row["name"],
                slug=slugify(row["name"]),
                province=slugify(row["province"]),
                arrondissement=row["arrondissement"],
                inhabitants=int(row["inhabitants"]),
                inhabitants_year=int(row["inhabitants_year"]),
                latitude=Decimal(row["latitude"]),
                longitude=Decimal(row["longitude"]),
            )
            for row in rows
        ]
    )


def unload(apps, schema_editor):
    apps.get_model("network", "Municipality").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
