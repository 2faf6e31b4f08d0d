"""The directory of Flemish municipalities as open data (see `portal.opendata`).

Only what the directory shows about a municipality: no contact persons, no
applications, and not the description members write.
"""

from django.utils.translation import gettext_lazy as _

from network.models import Municipality, Province
from portal.opendata import URI, Dataset, Field, absolute_url

DIRECTORY_FIELDS = (
    Field("nis_code", "string", _("NIS-code van de gemeente (vijf cijfers).")),
    Field("naam", "string", _("Naam van de gemeente.")),
    Field("url", "string", _("Webadres van de pagina van de gemeente."), URI),
    Field("provincie", "string", _("Provincie.")),
    Field("arrondissement", "string", _("Arrondissement.")),
    Field("inwoners", "integer", _("Aantal inwoners.")),
    Field("inwoners_jaar", "integer", _("Jaar (1 januari) van het inwonertal.")),
    Field(
        "breedtegraad",
        "number",
        _("Breedtegraad van het midden van de gemeente (WGS84)."),
    ),
    Field(
        "lengtegraad",
        "number",
        _("Lengtegraad van het midden van de gemeente (WGS84)."),
    ),
    Field(
        "lidmaatschap",
        "string",
        _(
            "Plaats in het lerend netwerk: mentor, lid van het lerend netwerk, "
            "kandidaat, voormalig lid of geen lid."
        ),
    ),
    Field("lid_sinds", "date", _("Dag waarop de gemeente lid werd.")),
    Field(
        "voorbeeld",
        "boolean",
        _(
            "true wanneer het lidmaatschap verzonnen is, als voorbeeld van hoe het "
            "portaal werkt."
        ),
    ),
    Field(
        "wijken_met_pleinmakers",
        "array",
        _("Wijken waar pleinmakers actief zijn."),
    ),
)


def directory_rows():
    municipalities = Municipality.objects.order_by("nis_code").prefetch_related(
        "neighbourhoods"
    )
    for municipality in municipalities:
        yield {
            "nis_code": municipality.nis_code,
            "naam": municipality.name,
            "url": absolute_url(municipality.get_absolute_url()),
            "provincie": str(Province(municipality.province).label),
            "arrondissement": municipality.arrondissement,
            "inwoners": municipality.inhabitants,
            "inwoners_jaar": municipality.inhabitants_year,
            "breedtegraad": float(municipality.latitude),
            "lengtegraad": float(municipality.longitude),
            "lidmaatschap": str(municipality.get_membership_status_display()),
            "lid_sinds": municipality.member_since.isoformat()
            if municipality.member_since
            else None,
            "voorbeeld": municipality.is_example,
            "wijken_met_pleinmakers": sorted(
                neighbourhood.name
                for neighbourhood in municipality.neighbourhoods.all()
                if neighbourhood.pleinmakers_active
            ),
        }


def datasets():
    return [
        Dataset(
            slug="gemeenten",
            title=_("Gemeenten en het lerend netwerk"),
            description=_(
                "Alle 285 Vlaamse gemeenten (sinds 1 januari 2025) met hun "
                "inwonertal, hun ligging en hun plaats in het lerend netwerk."
            ),
            fields=DIRECTORY_FIELDS,
            rows=directory_rows,
        )
    ]
