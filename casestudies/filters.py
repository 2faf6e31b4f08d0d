"""One filter for the case-study list, its feed and its exports.

`CaseStudyFilter(request.GET)` reads the query string once, ignores what it
cannot use (with a note for the visitor) and narrows the practices every output
shares (`filter`). Facet counts take a fixed number of queries whatever the
number of practices: one query with a conditional count per option, grouped by
start year, and one grouped query for the themes; Python only sums the few year
rows that the year range keeps.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import connection
from django.db.models import BooleanField, Count, F, Func, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import (
    FIRST_YEAR,
    LAST_YEAR,
    SIZE_BAND_BOUNDS,
    CaseStudyPage,
    CaseStudyPageTag,
    Label,
    SizeBand,
    Status,
)
from network.models import Municipality, Province
from portal.filters import ListFilter, ValuesField

SORTS = {
    # The mentor's own practices first, then real ones before the demo's
    # examples, newest first: stored on each practice (`listing_order`).
    "aanbevolen": (
        gettext_lazy("Mechelen eerst, dan de nieuwste"),
        ("listing_order", "-pk"),
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


def _band_q(band):
    low, high = SIZE_BAND_BOUNDS[SizeBand(band)]
    q = Q(municipality__inhabitants__gte=low)
    if high is not None:
        q &= Q(municipality__inhabitants__lt=high)
    return q


def _option_q(param, value):
    """The practices that carry this option of a single-valued facet."""
    if param == "provincie":
        return Q(municipality__province=value)
    if param == "grootte":
        return _band_q(value)
    return Q(**{param: value})


class AnyOf(Func):
    """`expression = ANY(%s)`, the values as one array parameter: thousands of
    ids cost the client and the planner one value, not a placeholder each."""

    output_field = BooleanField()

    def __init__(self, expression, values):
        super().__init__(expression)
        self.values = list(values)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s::bigint[])", (*params, self.values)


def _count(condition):
    return Count("pk", filter=condition) if condition else Count("pk")


def _year_row_keys():
    keys = {"start_year", "total"}
    for param, _key, choices in SCALAR_FACETS:
        keys |= {f"{param}:{value}" for value in choices.values}
    return keys


def _fits(stored):
    """Whether stored rows have a count for every option the code offers now
    (an option added since they were counted would have none)."""
    keys = _year_row_keys()
    return all(keys <= row.keys() for row in stored[1])


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
    # One municipality's practices, as its page links to them ("Alle N …").
    gemeente = forms.SlugField(label=gettext_lazy("Gemeente"), required=False)
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
        self._municipality_name = ""

    # Reading the query string ------------------------------------------------

    def clean_thema(self):
        return [slug[:100] for slug in self.cleaned_data["thema"]]

    def clean_gemeente(self):
        """A known municipality's slug (its name kept for the chip), else ""."""
        slug = self.cleaned_data["gemeente"]
        if not slug:
            return ""
        name = (
            Municipality.objects.filter(slug=slug)
            .values_list("name", flat=True)
            .first()
        )
        if name is None:
            self.notes.append(
                _("We kennen de gemeente ‘%(value)s’ niet; we negeerden het.")
                % {"value": slug[:40]}
            )
            return ""
        self._municipality_name = name
        return slug

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

    def search_ids(self):
        """The matching practices' ids, for the queries of the list.

        Searched among every practice: the list's own conditions (published,
        public, below the index) already narrow the query that uses these ids,
        and repeating them inside made PostgreSQL join every page twice.
        On SQLite a subquery, so the query holds no thousands of parameters.
        PostgreSQL reads them once: it cannot estimate how many rows a text
        search keeps, and planned the theme counts as a loop over every match
        and theme (0.5 s at 5,000 matches); a list it counts exactly, and the
        search runs once instead of in each of the three queries.
        """
        if self._search_ids is None:
            results = CaseStudyPage.objects.only("id").search(
                self.query, order_by_relevance=False
            )
            if hasattr(results, "get_queryset"):
                # Unsorted: pages come in tree order, a join and a sort of every match.
                self._search_ids = results.get_queryset().order_by().values("pk")
                if connection.vendor == "postgresql":
                    self._search_ids = list(
                        self._search_ids.values_list("pk", flat=True)
                    )
            else:
                self._search_ids = [page.pk for page in results]
        return self._search_ids

    def _text_q(self):
        if not self.query:
            return Q()
        ids = self.search_ids()
        if isinstance(ids, list) and connection.vendor == "postgresql":
            return Q(AnyOf(F("pk"), ids))
        return Q(pk__in=ids)

    def _municipality_q(self):
        slug = self.values["gemeente"]
        return Q(municipality__slug=slug) if slug else Q()

    def _theme_q(self):
        if not self.themes:
            return Q()
        # An uncorrelated IN: the database computes the tagged ids once.
        return Q(
            pk__in=CaseStudyPageTag.objects.filter(tag__slug__in=self.themes).values(
                "content_object_id"
            )
        )

    def _scalar_q(self, skip=None, years=True):
        """The single-valued filters, except `skip`; `years=False` leaves the
        start-year range out."""
        values = self.values
        q = Q()
        if skip != "provincie" and values["provincie"]:
            q &= Q(municipality__province__in=values["provincie"])
        if skip != "grootte" and values["grootte"]:
            bands = Q()
            for band in values["grootte"]:
                bands |= _band_q(band)
            q &= bands
        if skip != "status" and values["status"]:
            q &= Q(status__in=values["status"])
        if skip != "label" and values["label"]:
            q &= Q(label__in=values["label"])
        if years and values["van"]:
            q &= Q(start_year__gte=values["van"])
        if years and values["tot"]:
            q &= Q(start_year__lte=values["tot"])
        return q

    def filter(self, practices, theme_names=True):
        """The filtered practices, sorted, with their themes in one column
        (unless `theme_names` is false: a listing adds them to one page only)."""
        self._validate_themes(practices)
        practices = practices.filter(
            self._text_q() & self._municipality_q() & self._theme_q() & self._scalar_q()
        )
        if theme_names:
            practices = practices.with_theme_names()
        return practices.order_by(*SORTS[self.sort][1])

    # Facets -------------------------------------------------------------------

    def _theme_rows(self, practices):
        """Every theme used in this list, counted within the other filters.

        One grouped query from the practices to their tagged rows: the other
        filters are conditions of the count, not a subquery per tag. Joined
        rather than `tagged rows IN (practices)`, which PostgreSQL misjudged
        into a loop over every practice and theme once a filter was chosen.
        """
        rows = list(
            practices.filter(
                self._text_q() & self._municipality_q(), tagged_items__isnull=False
            )
            .values(
                theme_slug=F("tagged_items__tag__slug"),
                theme_name=F("tagged_items__tag__name"),
            )
            .annotate(n=_count(self._scalar_q()))
            .order_by("theme_name")
        )
        missing = [
            slug for slug in self.themes if slug not in {r["theme_slug"] for r in rows}
        ]
        if self.query and missing:
            # A chosen theme no match carries is still a theme of this list.
            rows += [
                {"theme_slug": slug, "theme_name": name, "n": 0}
                for slug, name in CaseStudyPageTag.objects.filter(
                    content_object__in=practices, tag__slug__in=missing
                )
                .values_list("tag__slug", "tag__name")
                .distinct()
            ]
        return rows

    def _theme_facet(self, rows):
        return Facet(
            "thema",
            str(self.fields["thema"].label),
            [
                Option(
                    row["theme_slug"],
                    row["theme_name"],
                    row["n"],
                    row["theme_slug"] in self.themes,
                )
                for row in rows
            ],
        )

    def _year_rows(self, practices):
        """Per start year: the selected practices and, per option of each facet,
        those the other filters let through. One query, a row per year of the
        practices that the search and the themes keep.

        The year range is left to Python, which sums the few rows it keeps.
        """
        counts = {"total": _count(self._scalar_q(years=False))}
        for param, _key, choices in SCALAR_FACETS:
            others = self._scalar_q(skip=param, years=False)
            for value, _label in choices.choices:
                counts[f"{param}:{value}"] = _count(others & _option_q(param, value))
        return list(
            practices.filter(self._text_q() & self._municipality_q() & self._theme_q())
            .order_by()
            .values("start_year")
            .annotate(**counts)
            .values("start_year", *counts)
        )

    def _year_matches(self, year):
        if year is None:
            # A practice without a known start year matches no year range.
            return not (self.values["van"] or self.values["tot"])
        if self.values["van"] and year < self.values["van"]:
            return False
        return not (self.values["tot"] and year > self.values["tot"])

    def facet_rows(self, practices):
        """(theme rows, year rows): what the facets are built from, counted
        live in two queries. Plain data, so the counts of the whole list can
        be stored (`casestudies.facet_counts`)."""
        themes = self._theme_rows(practices)
        self._check_themes({row["theme_slug"] for row in themes})
        return themes, self._year_rows(practices)

    def counts_whole_list(self):
        """Whether the theme facet counts the whole list: it counts within
        every filter but the themes, and none of those is set."""
        values = self.values
        return not (
            self.query
            or values["van"]
            or values["tot"]
            or any(values[param] for param, _key, _choices in SCALAR_FACETS)
        )

    def _theme_counts(self, practices, stored_themes):
        """The stored themes of the whole list, counted within the other
        filters: only the practices those keep are joined to their themes (a
        theme none of them carries counts 0), not every practice of the list."""
        counts = dict(
            practices.filter(self._scalar_q(), tagged_items__isnull=False)
            .order_by()
            .values_list("tagged_items__tag__slug")
            .annotate(n=Count("pk"))
        )
        return [{**row, "n": counts.get(row["theme_slug"], 0)} for row in stored_themes]

    def facets(self, practices, stored=None):
        """(facets, total, years): counts per option for the current selection.

        `total` is the number of practices the results hold. `stored`: the
        whole list's (theme rows, year rows), as `facet_rows` counted them
        without filters (`casestudies.facet_counts`). Without a search they
        know every theme of the list, and are this selection's counts where
        no filter (or only a theme) is set. Two queries at most.
        """
        # A search or a municipality makes a list of its own, with only the
        # themes its practices carry: counted live, and small.
        if stored is None or self.query or self.values["gemeente"] or not _fits(stored):
            return self._facets(*self.facet_rows(practices))
        theme_rows, year_rows = stored
        self._check_themes({row["theme_slug"] for row in theme_rows})
        whole = self.counts_whole_list()
        if not whole:
            theme_rows = self._theme_counts(practices, theme_rows)
        if self.themes or not whole:
            year_rows = self._year_rows(practices)
        return self._facets(theme_rows, year_rows)

    def _facets(self, theme_rows, rows):
        theme_facet = self._theme_facet(theme_rows)
        kept = [row for row in rows if self._year_matches(row["start_year"])]
        facets = [theme_facet]
        for param, _key, choices in SCALAR_FACETS:
            facets.append(
                Facet(
                    param,
                    str(self.fields[param].label),
                    [
                        Option(
                            value,
                            str(label),
                            sum(row[f"{param}:{value}"] for row in kept),
                            value in self.values[param],
                        )
                        for value, label in choices.choices
                    ],
                )
            )
        total = sum(row["total"] for row in kept)
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
        if self.values["gemeente"]:
            chips.append(
                Chip(
                    _("Gemeente: %(v)s") % {"v": self._municipality_name},
                    self.querystring("gemeente"),
                )
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
