"""One filter for the case-study list, its feed and its exports.

`CaseStudyFilter(request.GET)` reads the query string once, ignores what it
cannot use (with a note for the visitor) and narrows the practices every output
shares (`filter`). Facet counts take a fixed number of queries whatever the
number of practices: one grouped query for the single-valued facets and one for
the themes; the rest is summing in Python over at most a few hundred grouped
rows.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import (
    FIRST_YEAR,
    LAST_YEAR,
    SIZE_BAND_BOUNDS,
    CaseStudyPageTag,
    Label,
    SizeBand,
    Status,
    size_band_expression,
)
from network.models import MembershipStatus, Province
from portal.filters import ListFilter, ValuesField

# The mentor's own practices first, then real ones before the demo's examples.
MENTOR_FIRST = Case(
    When(municipality__membership_status=MembershipStatus.MENTOR, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)
SORTS = {
    "aanbevolen": (
        gettext_lazy("Mechelen eerst, dan de nieuwste"),
        (MENTOR_FIRST, "is_example", "-first_published_at", "-pk"),
    ),
    "nieuwste": (gettext_lazy("Nieuwste eerst"), ("-first_published_at", "-pk")),
    "naam": (gettext_lazy("Naam (A-Z)"), ("title", "pk")),
    "gemeente": (gettext_lazy("Gemeente (A-Z)"), ("municipality__name", "title", "pk")),
}
DEFAULT_SORT = "aanbevolen"
NEWEST_FIRST = "nieuwste"

# Facets with one value per practice: (query parameter, row key, choices).
SCALAR_FACETS = [
    ("provincie", "province", Province),
    ("grootte", "band", SizeBand),
    ("status", "status", Status),
    ("label", "label", Label),
]
YEAR_NOTE = gettext_lazy("‘%(value)s’ is geen geldig jaartal; we negeerden het.")


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    param: str
    legend: str
    options: list = field(default_factory=list)


@dataclass
class Chip:
    label: str
    remove_query: str


def _year_field():
    return forms.IntegerField(required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)


class CaseStudyFilter(ListFilter):
    q = forms.CharField(required=False)
    thema = ValuesField(label=gettext_lazy("Thema"), required=False)
    provincie = forms.MultipleChoiceField(
        label=gettext_lazy("Provincie"), required=False, choices=Province.choices
    )
    grootte = forms.MultipleChoiceField(
        label=gettext_lazy("Grootte van de gemeente"),
        required=False,
        choices=SizeBand.choices,
    )
    status = forms.MultipleChoiceField(
        label=gettext_lazy("Status"), required=False, choices=Status.choices
    )
    label = forms.MultipleChoiceField(
        label=gettext_lazy("Label"), required=False, choices=Label.choices
    )
    van = _year_field()
    tot = _year_field()
    sorteer = forms.ChoiceField(
        required=False,
        initial=DEFAULT_SORT,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    not_narrowing = ("sorteer",)
    ignored_notes = {
        "van": YEAR_NOTE,
        "tot": YEAR_NOTE,
        "sorteer": gettext_lazy(
            "We kennen de sortering ‘%(value)s’ niet en tonen Mechelen eerst, dan de "
            "nieuwste."
        ),
    }

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self._themes_checked = False
        self._search_ids = None

    # Reading the query string ------------------------------------------------

    def clean_thema(self):
        return [slug[:100] for slug in self.cleaned_data["thema"]]

    def clean_sorteer(self):
        return self.cleaned_data["sorteer"] or DEFAULT_SORT

    def clean(self):
        values = self.cleaned_data
        if values["van"] and values["tot"] and values["van"] > values["tot"]:
            values["van"], values["tot"] = values["tot"], values["van"]
        return values

    @property
    def query(self):
        return self.values["q"]

    @property
    def themes(self):
        return self.values["thema"]

    @property
    def sort(self):
        return self.values["sorteer"]

    @sort.setter
    def sort(self, value):
        self.values["sorteer"] = value

    # Building querysets -------------------------------------------------------

    def _check_themes(self, known):
        for slug in self.themes:
            if slug not in known:
                self.notes.append(
                    _("We kennen het thema ‘%(value)s’ niet; we negeerden het.")
                    % {"value": slug[:40]}
                )
        self.values["thema"] = [slug for slug in self.themes if slug in known]
        self._themes_checked = True

    def _validate_themes(self, practices):
        """Keep only themes that some practice of this list carries (one query)."""
        if self._themes_checked:
            return
        known = set()
        if self.themes:
            known = set(
                CaseStudyPageTag.objects.filter(
                    content_object__in=practices, tag__slug__in=self.themes
                ).values_list("tag__slug", flat=True)
            )
        self._check_themes(known)

    def search_ids(self, practices):
        if self._search_ids is None:
            # Only the ids: loading every matching page in full cost a second at
            # 5,000 practices (see `make bench`).
            matches = practices.select_related(None).only("id")
            self._search_ids = [
                page.pk for page in matches.search(self.query, order_by_relevance=False)
            ]
        return self._search_ids

    def _text_q(self, practices):
        return Q(pk__in=self.search_ids(practices)) if self.query else Q()

    def _theme_q(self):
        if not self.themes:
            return Q()
        # An uncorrelated IN: the database computes the tagged ids once.
        return Q(
            pk__in=CaseStudyPageTag.objects.filter(tag__slug__in=self.themes).values(
                "content_object_id"
            )
        )

    def _scalar_q(self, skip=None):
        values = self.values
        q = Q()
        if skip != "provincie" and values["provincie"]:
            q &= Q(municipality__province__in=values["provincie"])
        if skip != "grootte" and values["grootte"]:
            bands = Q()
            for band in values["grootte"]:
                low, high = SIZE_BAND_BOUNDS[SizeBand(band)]
                band_q = Q(municipality__inhabitants__gte=low)
                if high is not None:
                    band_q &= Q(municipality__inhabitants__lt=high)
                bands |= band_q
            q &= bands
        if skip != "status" and values["status"]:
            q &= Q(status__in=values["status"])
        if skip != "label" and values["label"]:
            q &= Q(label__in=values["label"])
        if values["van"]:
            q &= Q(start_year__gte=values["van"])
        if values["tot"]:
            q &= Q(start_year__lte=values["tot"])
        return q

    def filter(self, practices):
        """The filtered practices, sorted, with their themes in one column."""
        self._validate_themes(practices)
        return (
            practices.filter(
                self._text_q(practices) & self._theme_q() & self._scalar_q()
            )
            .with_theme_names()
            .order_by(*SORTS[self.sort][1])
        )

    # Facets -------------------------------------------------------------------

    def theme_facet(self, practices):
        """Every theme used in this list, counted within the other filters."""
        rows = (
            CaseStudyPageTag.objects.filter(content_object__in=practices)
            .values("tag__slug", "tag__name")
            .annotate(
                n=Count(
                    "content_object",
                    distinct=True,
                    filter=Q(
                        content_object__in=practices.filter(
                            self._text_q(practices) & self._scalar_q()
                        )
                    ),
                )
            )
            .order_by("tag__name")
        )
        rows = list(rows)
        self._check_themes({row["tag__slug"] for row in rows})
        return Facet(
            "thema",
            str(self.fields["thema"].label),
            [
                Option(
                    row["tag__slug"],
                    row["tag__name"],
                    row["n"],
                    row["tag__slug"] in self.themes,
                )
                for row in rows
            ],
        )

    def _scalar_rows(self, practices):
        """Practices grouped by every single-valued facet, counted in the selection."""
        narrowing = self._text_q(practices) & self._theme_q()
        count = Count("pk", filter=narrowing) if narrowing else Count("pk")
        return list(
            practices.order_by()
            .annotate(band=size_band_expression())
            .values("municipality__province", "band", "status", "label", "start_year")
            .annotate(n=count)
        )

    def _row_matches(self, row, skip=None):
        for param, key, _choices in SCALAR_FACETS:
            wanted = self.values[param]
            if param != skip and wanted and row[key] not in wanted:
                return False
        year = row["start_year"]
        if year is None:
            # A practice without a known start year matches no year range.
            return not (self.values["van"] or self.values["tot"])
        if self.values["van"] and year < self.values["van"]:
            return False
        return not (self.values["tot"] and year > self.values["tot"])

    def facets(self, practices):
        """(facets, total, years): counts per option for the current selection.

        Runs two queries; `total` is the number of practices the results hold.
        """
        theme_facet = self.theme_facet(practices)
        rows = self._scalar_rows(practices)
        for row in rows:
            row["province"] = row.pop("municipality__province")
        facets = [theme_facet]
        for param, key, choices in SCALAR_FACETS:
            counts = {}
            for row in rows:
                if self._row_matches(row, skip=param):
                    counts[row[key]] = counts.get(row[key], 0) + row["n"]
            facets.append(
                Facet(
                    param,
                    str(self.fields[param].label),
                    [
                        Option(
                            value,
                            str(label),
                            counts.get(value, 0),
                            value in self.values[param],
                        )
                        for value, label in choices.choices
                    ],
                )
            )
        total = sum(row["n"] for row in rows if self._row_matches(row))
        years = sorted({row["start_year"] for row in rows} - {None})
        return facets, total, years

    # Chips ----------------------------------------------------------------------

    def chips(self, facets):
        """Active filters, each with the query string that removes it."""
        labels = {
            (facet.param, option.value): option.label
            for facet in facets
            for option in facet.options
        }
        chips = []
        if self.query:
            chips.append(
                Chip(_("Zoekterm: %(q)s") % {"q": self.query}, self.querystring("q"))
            )
        for slug in self.themes:
            chips.append(
                Chip(
                    _("Thema: %(v)s") % {"v": labels.get(("thema", slug), slug)},
                    self.querystring("thema", slug),
                )
            )
        for param, _key, _choices in SCALAR_FACETS:
            for value in self.values[param]:
                chips.append(
                    Chip(
                        f"{self.fields[param].label}: {labels[(param, value)]}",
                        self.querystring(param, value),
                    )
                )
        if self.values["van"]:
            chips.append(
                Chip(
                    _("Gestart vanaf %(y)s") % {"y": self.values["van"]},
                    self.querystring("van"),
                )
            )
        if self.values["tot"]:
            chips.append(
                Chip(
                    _("Gestart tot en met %(y)s") % {"y": self.values["tot"]},
                    self.querystring("tot"),
                )
            )
        return chips
