"""The open-data export columns, defined once.

Each column has a name, a type and a Dutch description; the CSV and JSON exports
and the data dictionary page are all generated from this list, so they cannot
drift apart. Personal data (the contact person) is never a column.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from casestudies.models import Label, Status, size_band_for, split_theme_names
from network.models import Province

TEXT = _("tekst")
INTEGER = _("geheel getal")
DECIMAL = _("decimaal getal")
URL = _("webadres (URL)")
DATETIME = _("datum en tijd (ISO 8601, UTC)")
TEXT_LIST = _("lijst van teksten")
CODE = _("code")
BOOLEAN = _("waar of onwaar (true/false)")


@dataclass(frozen=True)
class ExportColumn:
    name: str
    type: Any
    description: Any
    value: Callable  # (row, base_url) -> a JSON-ready value; row from ROW_FIELDS


# What the exports read from the database: plain values, no model instances, so
# 5,000 rows stream quickly. The filter annotates `theme_names` (`with_theme_names`).
ROW_FIELDS = [
    "pk",
    "is_example",
    "title",
    "summary",
    "slug",
    "municipality__name",
    "municipality__nis_code",
    "municipality__province",
    "municipality__inhabitants",
    "municipality__latitude",
    "municipality__longitude",
    "neighbourhoods",
    "housing_partner",
    "start_year",
    "status",
    "pleinmakers_count",
    "homes_count",
    "coordinator_fte",
    "coaching_hours_per_month",
    "yearly_budget",
    "financing_sources",
    "label",
    "theme_names",
    "first_published_at",
    "last_published_at",
]


def _optional_float(value):
    return None if value is None else float(value)


def _example_title(row):
    if row["is_example"]:
        return _("Voorbeeld: %(title)s") % {"title": row["title"]}
    return row["title"]


def _datetime(value):
    return value.isoformat() if value else None


EXPORT_COLUMNS = [
    ExportColumn(
        "id", INTEGER, _("Vast nummer van het praktijkvoorbeeld."), lambda r, u: r["pk"]
    ),
    ExportColumn(
        "titel",
        TEXT,
        _(
            "Titel van het praktijkvoorbeeld; bij een voorbeeld begint ze met "
            "‘Voorbeeld:’."
        ),
        lambda r, u: _example_title(r),
    ),
    ExportColumn(
        "voorbeeld",
        BOOLEAN,
        _(
            "true bij een verzonnen voorbeeld dat toont hoe het portaal werkt, niet "
            "wat een gemeente echt deed."
        ),
        lambda r, u: r["is_example"],
    ),
    ExportColumn(
        "samenvatting",
        TEXT,
        _("Korte samenvatting van maximaal 300 tekens."),
        lambda r, u: r["summary"],
    ),
    ExportColumn(
        "url",
        URL,
        _("Volledig webadres van de pagina met het praktijkvoorbeeld."),
        lambda r, u: f"{u}{r['slug']}/",
    ),
    ExportColumn(
        "gemeente",
        TEXT,
        _("Naam van de gemeente waar de praktijk loopt."),
        lambda r, u: r["municipality__name"],
    ),
    ExportColumn(
        "nis_code",
        CODE,
        _("NIS-code van de gemeente (vijf cijfers, van Statbel)."),
        lambda r, u: r["municipality__nis_code"],
    ),
    ExportColumn(
        "provincie",
        TEXT,
        _("Provincie van de gemeente."),
        lambda r, u: str(Province(r["municipality__province"]).label),
    ),
    ExportColumn(
        "inwoners",
        INTEGER,
        _("Aantal inwoners van de gemeente."),
        lambda r, u: r["municipality__inhabitants"],
    ),
    ExportColumn(
        "grootteklasse",
        TEXT,
        _("Grootteklasse van de gemeente volgens het aantal inwoners."),
        lambda r, u: str(size_band_for(r["municipality__inhabitants"]).label),
    ),
    ExportColumn(
        "breedtegraad",
        DECIMAL,
        _("Breedtegraad van het centrum van de gemeente (WGS84)."),
        lambda r, u: float(r["municipality__latitude"]),
    ),
    ExportColumn(
        "lengtegraad",
        DECIMAL,
        _("Lengtegraad van het centrum van de gemeente (WGS84)."),
        lambda r, u: float(r["municipality__longitude"]),
    ),
    ExportColumn(
        "wijken",
        TEXT,
        _("Wijk of wijken waar pleinmakers actief zijn, gescheiden door komma's."),
        lambda r, u: r["neighbourhoods"],
    ),
    ExportColumn(
        "huisvestingspartner",
        TEXT,
        _("Sociale huisvestingsmaatschappij waarmee de gemeente samenwerkt."),
        lambda r, u: r["housing_partner"],
    ),
    ExportColumn(
        "startjaar",
        INTEGER,
        _("Jaar waarin de praktijk startte."),
        lambda r, u: r["start_year"],
    ),
    ExportColumn(
        "status",
        TEXT,
        _("Stand van zaken: in voorbereiding, lopend, afgerond of gestopt."),
        lambda r, u: str(Status(r["status"]).label),
    ),
    ExportColumn(
        "aantal_pleinmakers",
        INTEGER,
        _("Aantal pleinmakers dat actief is of was."),
        lambda r, u: r["pleinmakers_count"],
    ),
    ExportColumn(
        "aantal_woningen",
        INTEGER,
        _("Aantal woningen dat ter beschikking werd gesteld aan pleinmakers."),
        lambda r, u: r["homes_count"],
    ),
    ExportColumn(
        "coordinatie_vte",
        DECIMAL,
        _("Tijd van de coördinator in voltijdse equivalenten; leeg als onbekend."),
        lambda r, u: _optional_float(r["coordinator_fte"]),
    ),
    ExportColumn(
        "coaching_uren_per_maand",
        INTEGER,
        _("Uren coaching voor de pleinmakers per maand; leeg als onbekend."),
        lambda r, u: r["coaching_hours_per_month"],
    ),
    ExportColumn(
        "jaarbudget_euro",
        INTEGER,
        _("Jaarlijks budget in euro; leeg als het niet gedeeld werd."),
        lambda r, u: r["yearly_budget"],
    ),
    ExportColumn(
        "financiering",
        TEXT,
        _("Bronnen van financiering."),
        lambda r, u: r["financing_sources"],
    ),
    ExportColumn(
        "label",
        TEXT,
        _(
            "Herkomst: ‘Gevalideerd door Mechelen’ of ‘Gedeeld door een lid’ van "
            "het netwerk."
        ),
        lambda r, u: str(Label(r["label"]).label),
    ),
    ExportColumn(
        "themas",
        TEXT_LIST,
        _(
            "Thema's van het praktijkvoorbeeld. In CSV gescheiden door een "
            "puntkomma, in JSON een lijst."
        ),
        lambda r, u: split_theme_names(r["theme_names"]),
    ),
    ExportColumn(
        "eerst_gepubliceerd",
        DATETIME,
        _("Moment waarop het praktijkvoorbeeld voor het eerst gepubliceerd werd."),
        lambda r, u: _datetime(r["first_published_at"]),
    ),
    ExportColumn(
        "laatst_gepubliceerd",
        DATETIME,
        _("Moment van de laatste publicatie van een wijziging."),
        lambda r, u: _datetime(r["last_published_at"]),
    ),
]
