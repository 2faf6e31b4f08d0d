"""What the directory and a municipality's page show; the map is cached HTML."""

import functools
import hashlib
import json
import unicodedata
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from network.extensions import (
    municipality_annotations,
    municipality_phase,
    municipality_phases,
)
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
from portal.models import public
from portal.precompiled import PrecompiledQuery
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


class MunicipalityLabels:
    """What the directory writes about each municipality, each label translated
    once per request rather than once per municipality.

    The directory shows all 285 municipalities twice (the map and the list):
    in a template loop (an include and half a dozen translations each) that
    was most of the page's time whenever the map's cache was empty.
    """

    def __init__(self, phases=None):
        self.base_url = directory_url()
        self.phases = phases or {}
        self.statuses = {value: str(label) for value, label in MembershipStatus.choices}
        self.provinces = {value: str(label) for value, label in Province.choices}
        self.example = gettext("voorbeeld")
        self.phase_text = gettext("fase: %(phase)s")

    def url(self, municipality):
        return f"{self.base_url}{municipality.slug}/"

    def status(self, municipality):
        """The membership's label, or "" for none (`get_membership_status_display`)."""
        value = municipality.membership_status
        if value == MembershipStatus.NONE:
            return ""
        return self.statuses.get(value, value)

    def province(self, municipality):
        return self.provinces.get(municipality.province, municipality.province)

    def phase(self, phase):
        return self.phase_text % {"phase": phase}

    def map_label(self, municipality, phase):
        """'Leuven: lid van het lerend netwerk (voorbeeld), fase: starten'."""
        label = municipality.name
        if status := self.status(municipality):
            label += f": {status}"
        if municipality.is_example:
            label += f" ({self.example})"
        if phase:
            label += f", {self.phase(phase)}"
        return label

    # The items are written here, not by a template: 285 of them, twice, are
    # most of the page's time in a template loop, and `format_html` per part
    # still costs a third of that. Every value goes through `escape` (the
    # standard library's, which Django's `escape` calls too).

    def list_item(self, municipality):
        """One municipality's `<li>` in the directory's list."""
        status = escape(municipality.membership_status)
        status_label = self.status(municipality)
        phase = getattr(municipality, "current_phase", "")
        badges = [
            f'<span class="status-badge status-badge--{status}">'
            f"{escape(status_label)}</span>"
            if status_label
            else "",
            f'<span class="example-badge">{escape(self.example)}</span>'
            if municipality.is_example
            else "",
            f'<span class="phase-badge">{escape(self.phase(phase))}</span>'
            if phase
            else "",
        ]
        return (
            f'<li class="municipality-item municipality-item--{status}">\n'
            f'    <a href="{escape(self.url(municipality))}">'
            f"{escape(municipality.name)}</a>\n"
            f'    <span class="municipality-item__province">'
            f"{escape(self.province(municipality))}</span>\n"
            f"    {badges[0]}\n    {badges[1]}\n    {badges[2]}\n</li>\n"
        )

    def list_items(self, municipalities):
        """The `<li>` of each municipality, ready for the template."""
        return mark_safe("".join(map(self.list_item, municipalities)))  # noqa: S308 - escaped above

    def map_shape(self, municipality, path, matches):
        """One municipality's shape on the map: a link when it matches the filter."""
        if not matches:
            return (
                '<path class="network-map__shape network-map__shape--dimmed" '
                f'd="{escape(path)}"/>'
            )
        label = escape(
            self.map_label(municipality, self.phases.get(municipality.pk, ""))
        )
        example = " network-map__shape--example" if municipality.is_example else ""
        return (
            f'<a href="{escape(self.url(municipality))}" class="network-map__link" '
            f'aria-label="{label}"><title>{label}</title>'
            '<path class="network-map__shape network-map__shape--'
            f'{escape(municipality.membership_status)}{example}" d="{escape(path)}"/>'
            "</a>"
        )

    def map_shapes(self, municipalities, paths, matching_ids):
        """The shapes of the map, by name, one a line (as the template indents)."""
        return mark_safe(  # noqa: S308 - escaped in `map_shape`
            "".join(
                self.map_shape(
                    municipality,
                    paths.get(municipality.nis_code, ""),
                    municipality.pk in matching_ids,
                )
                + "\n        "
                for municipality in sorted(municipalities, key=lambda m: m.name)
            )
        )


def render_map(municipalities, matching_ids, filters, phases=None, labels=None):
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
        labels = labels or MunicipalityLabels(phases)
        municipalities = list(municipalities)
        shapes = labels.map_shapes(municipalities, data["paths"], matching_ids)
        html = render_to_string(
            "network/includes/map.html",
            {
                "shapes": shapes,
                "width": data["width"],
                "height": data["height"],
                "filtered": any(filters.values()),
                "has_examples": any(m.is_example for m in municipalities),
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
CONTACT_FIELDS = (
    "user__first_name",
    "user__last_name",
    "user__email",
    "job_title",
    "phone",
    "email_visible_to_members",
    "phone_visible_to_members",
)
EXPERIENCE_CARD_FIELDS = (
    "title",
    "slug",
    "kind",
    "is_example",
    "first_published_at",
    "summary",
    "photo",
    "municipality",
)
PRACTICE_CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "content_type",
    "municipality",
    "status",
    "summary",
    "label",
    "is_example",
)


def by_province(municipalities, labels):
    """[(province label, municipalities, their list items)] in the provinces'
    order, none empty."""
    groups = {province: [] for province in Province.values}
    for municipality in municipalities:
        groups[municipality.province].append(municipality)
    return [
        (Province(province).label, members, labels.list_items(members))
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
    labels = MunicipalityLabels(phases)
    members = [m for m in matching if m.is_member]
    others = [m for m in matching if not m.is_member]
    return {
        "filter_form": directory_filter,
        "filters_active": filtered,
        "network_members": members,
        "network_member_items": labels.list_items(members),
        "other_municipalities": others,
        # Unfiltered, the 285 names would make a page of 19,000 px on a phone:
        # the others fold away per province, the search and filters find one.
        "others_by_province": None if filtered else by_province(others, labels),
        "other_items": labels.list_items(others) if filtered else "",
        "result_count": len(matching),
        "network_map": render_map(
            # Unfiltered, the list holds every municipality already.
            municipalities if filtered else matching,
            {m.pk for m in matching},
            directory_filter.state().dict(),
            phases,
            labels,
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


def _municipality_page_query(member, values):
    """A municipality by slug with what its page shows from other tables; for
    a `member`, the member's id is the second value."""
    slug, *member_id = values
    return Municipality.objects.annotate(
        **neighbourhoods_annotation(),
        **municipality_annotations(member_id[0] if member else None),
    ).filter(slug=slug)


# The half a dozen subqueries from the apps above cost more Python to build and
# compile than the database spent on the query: compiled once per process, for
# visitors and for members.
_municipality_page = PrecompiledQuery(_municipality_page_query)


def municipality_for_page(request, slug):
    """The municipality at `slug`, annotated for its page, or 404."""
    member = is_network_member(request.user)
    values = [slug, request.user.pk] if member else [slug]
    rows = _municipality_page(member, key=member, values=values)
    if not rows:
        raise Http404
    return rows[0]


def _with_id(values):
    """A municipality with only the id in `values`: its reverse relations give
    the rows of the apps above this one."""
    return Municipality(pk=values[0])


def _practice_cards(values):
    # `public()` on each practice's own row, not a semi-join over every page.
    # Only the card's columns (`casestudies/includes/case_study_card.html`,
    # without an image), with what `{% pageurl %}` and `index_url` read: Django
    # spent more Python on compiling and reading the ~100 columns of a practice
    # and its municipality than the database on the query.
    return (
        public(_with_id(values).case_studies.live())
        .only(*PRACTICE_CARD_FIELDS)
        .with_theme_tags()
        .order_by("-first_published_at", "-pk")[:MUNICIPALITY_PRACTICES]
    )


def _experience_cards(values):
    # Only what the cards (`experiences/includes/experience_card.html`) read:
    # every column of an experience, its author and its municipality (which
    # the page has) cost more Python to load than the database spent on the
    # query.
    return (
        _with_id(values)
        .experiences.published()
        .for_cards(themes_in_query=True)
        .select_related(None)
        .select_related("photo")
        .only(*EXPERIENCE_CARD_FIELDS)[:MUNICIPALITY_EXPERIENCES]
    )


def _contacts(values):
    return (
        MemberProfile.objects.filter(
            municipality_id=values[0], listed_publicly=True, user__is_active=True
        )
        .select_related("user")
        # What the contact list shows: not the account's password and dates.
        .only(*CONTACT_FIELDS)
        .order_by("user__last_name", "user__first_name")
    )


# The same SQL for every municipality, its id a parameter: compiled once.
_practice_cards_query = PrecompiledQuery(_practice_cards)
_experience_cards_query = PrecompiledQuery(_experience_cards)
_contacts_query = PrecompiledQuery(_contacts)


def municipality_practices(municipality):
    """The municipality's newest practices, and a link to all of them on the
    practices list when there are more (their number comes with the
    municipality, from `practice_count` that the practices app annotates)."""
    practices = _practice_cards_query(values=[municipality.pk])
    for practice in practices:
        practice.municipality = municipality
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


def municipality_experiences(municipality):
    """The municipality's newest published experiences, for their cards."""
    experiences = _experience_cards_query(values=[municipality.pk])
    for experience in experiences:
        experience.municipality = municipality
    return experiences


def municipality_context(request, page, municipality):
    contacts = _contacts_query(values=[municipality.pk])
    return {
        "municipality": municipality,
        "current_phase": municipality_phase(municipality),
        "neighbourhoods": municipality_neighbourhoods(municipality),
        # From the apps above this one, through their reverse relations.
        **municipality_practices(municipality),
        "experiences": municipality_experiences(municipality),
        "contacts": contacts,
        "show_member_details": is_network_member(request.user),
        "meta_title": municipality.name,
        "meta_description": gettext(
            "%(name)s in het lerend netwerk pleinmakers: lidmaatschap, wijken en "
            "contactpersonen."
        )
        % {"name": municipality.name},
    }
