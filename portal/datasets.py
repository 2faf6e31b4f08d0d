"""The guides as open data (see `portal.opendata`)."""

from django.utils.translation import gettext_lazy as _

from portal.models import GuidePage
from portal.models.documents import openable_documents
from portal.opendata import URI, Dataset, Field, absolute_url

# Blocks whose text is not the guide's own words: a quote names who said it.
LEFT_OUT_BLOCKS = {"quote", "image"}


def _text(guide):
    parts = [guide.intro]
    for block in guide.body:
        if block.block_type not in LEFT_OUT_BLOCKS:
            parts += block.block.get_searchable_content(block.value)
    return " ".join(" ".join(part.split()) for part in parts if part)


def _steps(guide):
    return [
        step["title"]
        for block in guide.body
        if block.block_type == "steps"
        for step in block.value["steps"]
    ]


def _documents(guide):
    found = []
    for block in guide.body:
        if block.block_type == "steps":
            documents = [d for step in block.value["steps"] for d in step["documents"]]
        elif block.block_type == "documents":
            documents = list(block.value["documents"])
        else:
            continue
        # Open data is for anyone: no document from a restricted collection.
        found += [
            absolute_url(document.url)
            for document in openable_documents(documents, request=None)
        ]
    return list(dict.fromkeys(found))


def _moment(value):
    return value.isoformat() if value else None


def guide_rows():
    guides = GuidePage.objects.live().public().select_related("phase").order_by("path")
    for guide in guides:
        yield {
            "id": guide.pk,
            "titel": guide.title,
            "url": guide.get_full_url(),
            "inleiding": guide.intro,
            "fase": guide.phase.name if guide.phase else None,
            "laatst_nagekeken": guide.last_reviewed.isoformat(),
            "aantal_stappen": guide.step_count,
            "leestijd_minuten": guide.reading_minutes,
            "stappen": _steps(guide),
            "documenten": _documents(guide),
            "tekst": _text(guide),
            "eerst_gepubliceerd": _moment(guide.first_published_at),
            "laatst_gepubliceerd": _moment(guide.last_published_at),
        }


GUIDE_FIELDS = (
    Field("id", "integer", _("Vast nummer van de gids.")),
    Field("titel", "string", _("Titel van de gids.")),
    Field("url", "string", _("Volledig webadres van de gids."), URI),
    Field("inleiding", "string", _("Korte inleiding bovenaan de gids.")),
    Field("fase", "string", _("Fase van het traject waarin de gids helpt.")),
    Field("laatst_nagekeken", "date", _("Dag waarop het team de gids nakeek.")),
    Field("aantal_stappen", "integer", _("Aantal stappen in de gids.")),
    Field("leestijd_minuten", "integer", _("Geschatte leestijd in minuten.")),
    Field("stappen", "array", _("Titels van de stappen, in volgorde.")),
    Field(
        "documenten",
        "array",
        _("Webadressen van de documenten uit de toolkit die de gids aanraadt."),
    ),
    Field(
        "tekst",
        "string",
        _("De tekst van de gids zonder opmaak; citaten en afbeeldingen niet."),
    ),
    Field(
        "eerst_gepubliceerd",
        "datetime",
        _("Moment waarop de gids voor het eerst gepubliceerd werd."),
    ),
    Field(
        "laatst_gepubliceerd",
        "datetime",
        _("Moment van de laatste publicatie van een wijziging."),
    ),
)


def datasets():
    return [
        Dataset(
            slug="gidsen",
            title=_("Gidsen"),
            description=_(
                "De stap-voor-stapgidsen: hoe een lokaal bestuur met pleinmakers "
                "start, samenwerkt, werft, opleidt en acties opzet."
            ),
            fields=GUIDE_FIELDS,
            rows=guide_rows,
        )
    ]
