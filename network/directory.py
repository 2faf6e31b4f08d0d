"""What the directory and a municipality's page show; the map is cached HTML."""

import functools
import hashlib
import json
import unicodedata
from pathlib import Path
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from network.extensions import municipality_phase, municipality_phases
from network.models import (
    MemberProfile,
    MembershipStatus,
    Municipality,
    Neighbourhood,
    Province,
    data_version,
    directory_url,
)
from portal.aggregates import JSONGroupArray, json_rows
from portal.filters import ListFilter
from portal.roles import is_network_member

MAP_DATA = Path(__file__).resolve().parent / "data" / "municipality_paths.json"
MAP_CACHE_SECONDS = 24 * 60 * 60

MEMBERSHIP_FILTERS = {
    "lid": {MembershipStatus.MEMBER, MembershipStatus.MENTOR},
    "kandidaat": {MembershipStatus.CANDIDATE},
    "geen": {MembershipStatus.NONE, MembershipStatus.FORMER},
}


def _fold(text):
    """Lower case without accents, so 'Kortrijk' is found as 'kòrtrijk' too."""
    normalized = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in normalized if not unicodedata.combining(char))


class DirectoryFilter(ListFilter):
    q = forms.CharField(label=_("Naam van de gemeente"), required=False)
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        choices=[("", _("Alle provincies")), *Province.choices],
    )
    lidmaatschap = forms.ChoiceField(
        label=_("Lidmaatschap"),
        required=False,
        choices=[
            ("", _("Alle gemeenten")),
            ("lid", _("Lid of mentor")),
            ("kandidaat", _("Kandidaat")),
            ("geen", _("Geen lid")),
        ],
    )

    def filter_q(self, municipalities, query):
        # The official names are plain ASCII (see data/municipalities.csv), so
        # taking the accents off what the visitor typed is enough.
        return municipalities.filter(name__icontains=_fold(query))

    def filter_provincie(self, municipalities, province):
        return municipalities.in_province(province)

    def filter_lidmaatschap(self, municipalities, membership):
        return municipalities.filter(
            membership_status__in=MEMBERSHIP_FILTERS[membership]
        )


@functools.cache
def map_shapes():
    """The precomputed SVG paths (see `manage.py build_network_map`)."""
    return json.loads(MAP_DATA.read_text(encoding="utf-8"))


def render_map(municipalities, matching_ids, filters, phases=None):
    """The map as inline SVG, from the cache when nothing changed since.

    A queryset of `municipalities` is read only when the map is drawn again.
    Keyed on what the map shows (which municipalities match), not on what was
    typed: free text must not add a cache entry per query.
    """
    base_url = directory_url()
    state = json.dumps(
        [base_url, any(filters.values()), sorted(matching_ids)], sort_keys=True
    )
    digest = hashlib.sha256(state.encode()).hexdigest()[:16]
    key = f"network:map:{data_version()}:{digest}"
    html = cache.get(key)
    if html is None:
        data = map_shapes()
        shapes = [
            {
                "municipality": municipality,
                "path": data["paths"].get(municipality.nis_code, ""),
                "matches": municipality.pk in matching_ids,
                "phase": (phases or {}).get(municipality.pk, ""),
                "url": f"{base_url}{municipality.slug}/",
            }
            for municipality in sorted(municipalities, key=lambda m: m.name)
        ]
        html = render_to_string(
            "network/includes/map.html",
            {
                "shapes": shapes,
                "width": data["width"],
                "height": data["height"],
                "filtered": any(filters.values()),
                "has_examples": any(
                    shape["municipality"].is_example for shape in shapes
                ),
            },
        )
        cache.set(key, html, MAP_CACHE_SECONDS)
    return html


DIRECTORY_FIELDS = (
    "name",
    "slug",
    "nis_code",
    "province",
    "membership_status",
    "member_since",
    "is_example",
)
MUNICIPALITY_EXPERIENCES = 6
# The newest practices on a municipality's page; a link leads to all of them.
MUNICIPALITY_PRACTICES = 6


def by_province(municipalities):
    """[(province label, municipalities)] in the provinces' order, none empty."""
    groups = {province: [] for province in Province.values}
    for municipality in municipalities:
        groups[municipality.province].append(municipality)
    return [
        (Province(province).label, members)
        for province, members in groups.items()
        if members
    ]


def directory_context(request, page):
    directory_filter = DirectoryFilter(request.GET)
    municipalities = Municipality.objects.for_directory().only(*DIRECTORY_FIELDS)
    matching = list(directory_filter.filter(municipalities))
    filtered = directory_filter.active_count() > 0
    phases = municipality_phases()
    for municipality in matching:
        municipality.current_phase = phases.get(municipality.pk, "")
    others = [m for m in matching if not m.is_member]
    return {
        "filter_form": directory_filter,
        "filters_active": filtered,
        "network_members": [m for m in matching if m.is_member],
        "other_municipalities": others,
        # Unfiltered, the 285 names would make a page of 19,000 px on a phone:
        # the others fold away per province, the search and filters find one.
        "others_by_province": None if filtered else by_province(others),
        "result_count": len(matching),
        "network_map": render_map(
            # Unfiltered, the list holds every municipality already.
            municipalities if filtered else matching,
            {m.pk for m in matching},
            directory_filter.state().dict(),
            phases,
        ),
    }


NEIGHBOURHOOD_FIELDS = ("id", "name", "description", "pleinmakers_active")


def neighbourhoods_annotation(municipality="pk"):
    """A municipality's neighbourhoods as a JSON array, for its page's query
    (or, with `municipality="municipality"`, for a member profile's)."""
    rows = (
        Neighbourhood.objects.filter(municipality=OuterRef(municipality))
        .order_by()
        .values("municipality")
        .annotate(
            rows=JSONGroupArray(
                JSONObject(**{field: field for field in NEIGHBOURHOOD_FIELDS})
            )
        )
        .values("rows")
    )
    return {"neighbourhood_rows": Subquery(rows)}


def municipality_neighbourhoods(municipality):
    """By name, from `neighbourhoods_annotation` when the page loaded it."""
    if not hasattr(municipality, "neighbourhood_rows"):
        return list(municipality.neighbourhoods.all())
    neighbourhoods = json_rows(
        Neighbourhood,
        municipality.neighbourhood_rows,
        key=lambda neighbourhood: (neighbourhood.name, neighbourhood.pk),
    )
    for neighbourhood in neighbourhoods:
        neighbourhood.municipality = municipality
    return neighbourhoods


def municipality_practices(municipality):
    """The municipality's newest practices, and a link to all of them on the
    practices list when there are more (their number comes with the
    municipality, from `practice_count` that the practices app annotates)."""
    practices = list(
        municipality.case_studies.live()
        .public()
        .select_related("municipality")
        .with_theme_names()
        .order_by("-first_published_at", "-pk")[:MUNICIPALITY_PRACTICES]
    )
    count = getattr(municipality, "practice_count", None)
    if count is None or count <= len(practices):
        return {"practices": practices, "practice_count": len(practices)}
    query = urlencode({"gemeente": municipality.slug})
    return {
        "practices": practices,
        "practice_count": count,
        # A practice sits right below the list of all practices.
        "all_practices_url": f"{practices[0].index_url}?{query}",
    }


def municipality_context(request, page, municipality):
    contacts = (
        MemberProfile.objects.filter(
            municipality=municipality, listed_publicly=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    return {
        "municipality": municipality,
        "current_phase": municipality_phase(municipality),
        "neighbourhoods": municipality_neighbourhoods(municipality),
        # From the apps above this one, through their reverse relations.
        **municipality_practices(municipality),
        "experiences": list(
            municipality.experiences.published().for_cards(themes_in_query=True)[
                :MUNICIPALITY_EXPERIENCES
            ]
        ),
        "contacts": list(contacts),
        "show_member_details": is_network_member(request.user),
        "meta_title": municipality.name,
        "meta_description": gettext(
            "%(name)s in het lerend netwerk pleinmakers: lidmaatschap, wijken en "
            "contactpersonen."
        )
        % {"name": municipality.name},
    }
