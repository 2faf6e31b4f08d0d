"""The open-data export columns, defined once.

Each column has a name, a type and a Dutch description; the CSV and JSON exports
and the data dictionary page are all generated from this list, so they cannot
drift apart. Personal data (the contact person) is never a column.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from casestudies.models import Label, Status, size_band_for

TEXT = _("tekst")
INTEGER = _("geheel getal")
DECIMAL = _("decimaal getal")
URL = _("webadres (URL)")
DATETIME = _("datum en tijd (ISO 8601, UTC)")
TEXT_LIST = _("lijst van teksten")
CODE = _("code")


@dataclass(frozen=True)
class ExportColumn:
    name: str
    type: Any
    description: Any
    value: Callable  # (practice, base_url) -> a JSON-ready value


def _optional_float(value):
    return None if value is None else float(value)


def _datetime(value):
    return value.isoformat() if value else None


EXPORT_COLUMNS = [
    ExportColumn(
        "id", INTEGER, _("Vast nummer van het praktijkvoorbeeld."), lambda p, u: p.pk
    ),
    ExportColumn(
        "titel", TEXT, _("Titel van het praktijkvoorbeeld."), lambda p, u: p.title
    ),
    ExportColumn(
        "samenvatting",
        TEXT,
        _("Korte samenvatting van maximaal 300 tekens."),
        lambda p, u: p.summary,
    ),
    ExportColumn(
        "url",
        URL,
        _("Volledig webadres van de pagina met het praktijkvoorbeeld."),
        lambda p, u: f"{u}{p.slug}/",
    ),
    ExportColumn(
        "gemeente",
        TEXT,
        _("Naam van de gemeente waar de praktijk loopt."),
        lambda p, u: p.municipality.name,
    ),
    ExportColumn(
        "nis_code",
        CODE,
        _("NIS-code van de gemeente (vijf cijfers, van Statbel)."),
        lambda p, u: p.municipality.nis_code,
    ),
    ExportColumn(
        "provincie",
        TEXT,
        _("Provincie van de gemeente."),
        lambda p, u: p.municipality.get_province_display(),
    ),
    ExportColumn(
        "inwoners",
        INTEGER,
        _("Aantal inwoners van de gemeente."),
        lambda p, u: p.municipality.inhabitants,
    ),
    ExportColumn(
        "grootteklasse",
        TEXT,
        _("Grootteklasse van de gemeente volgens het aantal inwoners."),
        lambda p, u: str(size_band_for(p.municipality.inhabitants).label),
    ),
    ExportColumn(
        "breedtegraad",
        DECIMAL,
        _("Breedtegraad van het centrum van de gemeente (WGS84)."),
        lambda p, u: float(p.municipality.latitude),
    ),
    ExportColumn(
        "lengtegraad",
        DECIMAL,
        _("Lengtegraad van het centrum van de gemeente (WGS84)."),
        lambda p, u: float(p.municipality.longitude),
    ),
    ExportColumn(
        "wijken",
        TEXT,
        _("Wijk of wijken waar pleinmakers actief zijn, gescheiden door komma's."),
        lambda p, u: p.neighbourhoods,
    ),
    ExportColumn(
        "huisvestingspartner",
        TEXT,
        _("Sociale huisvestingsmaatschappij waarmee de gemeente samenwerkt."),
        lambda p, u: p.housing_partner,
    ),
    ExportColumn(
        "startjaar",
        INTEGER,
        _("Jaar waarin de praktijk startte."),
        lambda p, u: p.start_year,
    ),
    ExportColumn(
        "status",
        TEXT,
        _("Stand van zaken: in voorbereiding, lopend, afgerond of gestopt."),
        lambda p, u: str(Status(p.status).label),
    ),
    ExportColumn(
        "aantal_pleinmakers",
        INTEGER,
        _("Aantal pleinmakers dat actief is of was."),
        lambda p, u: p.pleinmakers_count,
    ),
    ExportColumn(
        "aantal_woningen",
        INTEGER,
        _("Aantal woningen dat ter beschikking werd gesteld aan pleinmakers."),
        lambda p, u: p.homes_count,
    ),
    ExportColumn(
        "coordinatie_vte",
        DECIMAL,
        _("Tijd van de coördinator in voltijdse equivalenten; leeg als onbekend."),
        lambda p, u: _optional_float(p.coordinator_fte),
    ),
    ExportColumn(
        "coaching_uren_per_maand",
        INTEGER,
        _("Uren coaching voor de pleinmakers per maand; leeg als onbekend."),
        lambda p, u: p.coaching_hours_per_month,
    ),
    ExportColumn(
        "jaarbudget_euro",
        INTEGER,
        _("Jaarlijks budget in euro; leeg als het niet gedeeld werd."),
        lambda p, u: p.yearly_budget,
    ),
    ExportColumn(
        "financiering",
        TEXT,
        _("Bronnen van financiering."),
        lambda p, u: p.financing_sources,
    ),
    ExportColumn(
        "label",
        TEXT,
        _(
            "Herkomst: ‘Gevalideerd door Mechelen’ of ‘Gedeeld door een lid’ van "
            "het netwerk."
        ),
        lambda p, u: str(Label(p.label).label),
    ),
    ExportColumn(
        "themas",
        TEXT_LIST,
        _(
            "Thema's van het praktijkvoorbeeld. In CSV gescheiden door een "
            "puntkomma, in JSON een lijst."
        ),
        lambda p, u: p.theme_list,
    ),
    ExportColumn(
        "eerst_gepubliceerd",
        DATETIME,
        _("Moment waarop het praktijkvoorbeeld voor het eerst gepubliceerd werd."),
        lambda p, u: _datetime(p.first_published_at),
    ),
    ExportColumn(
        "laatst_gepubliceerd",
        DATETIME,
        _("Moment van de laatste publicatie van een wijziging."),
        lambda p, u: _datetime(p.last_published_at),
    ),
]
