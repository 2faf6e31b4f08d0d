"""What the directory and a municipality's page show; the map is cached HTML."""

import functools
import hashlib
import json
import unicodedata
from pathlib import Path

from django import forms
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from network.extensions import municipality_phases
from network.models import (
    Experience,
    MemberProfile,
    MembershipStatus,
    Municipality,
    Province,
    data_version,
    directory_url,
    experiences_url,
)
from portal.roles import is_network_member

MAP_DATA = Path(__file__).resolve().parent / "data" / "municipality_paths.json"
MAP_CACHE_SECONDS = 24 * 60 * 60

MEMBERSHIP_FILTERS = {
    "lid": {MembershipStatus.MEMBER, MembershipStatus.MENTOR},
    "kandidaat": {MembershipStatus.CANDIDATE},
    "geen": {MembershipStatus.NONE, MembershipStatus.FORMER},
}


class DirectoryFilterForm(forms.Form):
    """The directory's GET form; an unknown value is ignored rather than refused."""

    q = forms.CharField(label=_("Naam van de gemeente"), required=False, max_length=100)
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

    def filters(self):
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "q": " ".join(cleaned.get("q", "").split())[:100],
            "provincie": cleaned.get("provincie", ""),
            "lidmaatschap": cleaned.get("lidmaatschap", ""),
        }


def _fold(text):
    """Lower case without accents, so 'bethanie' finds 'Bethaniëpolder'."""
    normalized = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in normalized if not unicodedata.combining(char))


def _matches(municipality, filters):
    if filters["provincie"] and municipality.province != filters["provincie"]:
        return False
    statuses = MEMBERSHIP_FILTERS.get(filters["lidmaatschap"])
    if statuses and municipality.membership_status not in statuses:
        return False
    return not filters["q"] or _fold(filters["q"]) in _fold(municipality.name)


@functools.cache
def map_shapes():
    """The precomputed SVG paths (see `manage.py build_network_map`)."""
    return json.loads(MAP_DATA.read_text(encoding="utf-8"))


def render_map(municipalities, matching_ids, filters, phases=None):
    """The map as inline SVG, from the cache when nothing changed since."""
    base_url = directory_url()
    state = json.dumps([base_url, filters], sort_keys=True)
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
            },
        )
        cache.set(key, html, MAP_CACHE_SECONDS)
    return html


def directory_context(request, page):
    form = DirectoryFilterForm(request.GET)
    filters = form.filters()
    # All 285 in one query; filtering them in Python keeps list and map in step.
    municipalities = list(
        Municipality.objects.for_directory().only(
            "name",
            "slug",
            "nis_code",
            "province",
            "membership_status",
            "member_since",
        )
    )
    matching = [m for m in municipalities if _matches(m, filters)]
    phases = municipality_phases()
    for municipality in municipalities:
        municipality.current_phase = phases.get(municipality.pk, "")
    return {
        "filter_form": form,
        "filters_active": any(filters.values()),
        "network_members": [m for m in matching if m.is_member],
        "other_municipalities": [m for m in matching if not m.is_member],
        "result_count": len(matching),
        "network_map": render_map(
            municipalities, {m.pk for m in matching}, filters, phases
        ),
    }


def municipality_practices(municipality):
    """The municipality's published practices, as cards (theme names in one query)."""
    from casestudies.filters import theme_names

    return list(
        municipality.case_studies.live()
        .public()
        .select_related("municipality")
        .annotate(theme_names=theme_names())
        .order_by("-first_published_at", "-pk")
    )


MUNICIPALITY_EXPERIENCES = 6


def municipality_experiences(municipality):
    """The municipality's newest published experiences, as cards."""
    from network.experience_views import with_card_data

    return list(
        with_card_data(
            Experience.objects.published().filter(municipality=municipality)
        ).order_by("-first_published_at", "-pk")[:MUNICIPALITY_EXPERIENCES]
    )


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
        "current_phase": municipality_phases().get(municipality.pk, ""),
        "neighbourhoods": list(municipality.neighbourhoods.all()),
        "practices": municipality_practices(municipality),
        "experiences": municipality_experiences(municipality),
        "experiences_url": experiences_url(),
        "contacts": list(contacts),
        "show_member_details": is_network_member(request.user),
        "meta_title": municipality.name,
        "meta_description": gettext(
            "%(name)s in het lerend netwerk pleinmakers: lidmaatschap, wijken en "
            "contactpersonen."
        )
        % {"name": municipality.name},
    }
