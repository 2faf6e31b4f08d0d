"""One filter for the case-study list, its feed and its exports.

`CaseStudyFilter` reads the query string once, ignores what it cannot use (with a
note for the visitor) and builds the querysets every output shares. Facet counts
take a fixed number of queries whatever the number of practices: one grouped
query for the single-valued facets and one for the themes; the rest is summing
in Python over at most a few hundred grouped rows.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Aggregate,
    Count,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import (
    FIRST_YEAR,
    LAST_YEAR,
    SIZE_BAND_BOUNDS,
    THEME_SEPARATOR,
    CaseStudyPageTag,
    Label,
    SizeBand,
    Status,
    size_band_expression,
)
from network.models import Province
from portal.search import clean_query

SORTS = {
    "nieuwste": (gettext_lazy("Nieuwste eerst"), ("-first_published_at", "-pk")),
    "naam": (gettext_lazy("Naam (A-Z)"), ("title", "pk")),
    "gemeente": (gettext_lazy("Gemeente (A-Z)"), ("municipality__name", "title", "pk")),
}
DEFAULT_SORT = "nieuwste"

# Facets with one value per practice: (query parameter, row key, choices).
SCALAR_FACETS = [
    ("provincie", "province", Province),
    ("grootte", "band", SizeBand),
    ("status", "status", Status),
    ("label", "label", Label),
]


class GroupConcat(Aggregate):
    """Joins text values of a group: GROUP_CONCAT on SQLite, STRING_AGG elsewhere."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def __init__(self, expression, separator, **extra):
        super().__init__(expression, Value(separator), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def theme_names():
    """All theme names of a practice in one value, for listings and exports."""
    return Subquery(
        CaseStudyPageTag.objects.filter(content_object=OuterRef("pk"))
        .order_by()
        .values("content_object")
        .annotate(names=GroupConcat("tag__name", THEME_SEPARATOR))
        .values("names")
    )


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


class CaseStudyFilter:
    def __init__(self, data, practices):
        self.data = data
        self.practices = practices
        self.notes = []
        self.query, query_notes = clean_query(data.get("q", ""))
        self.notes += query_notes
        self.themes = self._slugs(data.getlist("thema"))
        self.scalar = {
            param: self._choices(param, choices)
            for param, _key, choices in SCALAR_FACETS
        }
        self.year_from = self._year("van")
        self.year_to = self._year("tot")
        if self.year_from and self.year_to and self.year_from > self.year_to:
            self.year_from, self.year_to = self.year_to, self.year_from
        self.sort = data.get("sorteer") or DEFAULT_SORT
        if self.sort not in SORTS:
            self.notes.append(
                _("We kennen de sortering ‘%(value)s’ niet en sorteren op de nieuwste.")
                % {"value": self.sort[:40]}
            )
            self.sort = DEFAULT_SORT
        self._themes_checked = False
        self._search_ids = None

    # Reading the query string ------------------------------------------------

    @staticmethod
    def _slugs(values):
        seen = []
        for value in values:
            value = value.strip()[:100]
            if value and value not in seen:
                seen.append(value)
        return seen

    def _choices(self, param, choices):
        wanted = []
        for value in self._slugs(self.data.getlist(param)):
            if value in choices.values:
                wanted.append(value)
            else:
                self.notes.append(
                    _(
                        "‘%(value)s’ is geen geldige keuze voor %(facet)s; "
                        "we negeerden het."
                    )
                    % {"value": value[:40], "facet": self._legend(param).lower()}
                )
        return wanted

    def _year(self, param):
        raw = self.data.get(param, "").strip()
        if not raw:
            return None
        if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
            return int(raw)
        self.notes.append(
            _("‘%(value)s’ is geen geldig jaartal; we negeerden het.")
            % {"value": raw[:40]}
        )
        return None

    @staticmethod
    def _legend(param):
        return {
            "thema": _("Thema"),
            "provincie": _("Provincie"),
            "grootte": _("Grootte van de gemeente"),
            "status": _("Status"),
            "label": _("Label"),
        }[param]

    # Building querysets -------------------------------------------------------

    def _check_themes(self, known):
        unknown = [slug for slug in self.themes if slug not in known]
        for slug in unknown:
            self.notes.append(
                _("We kennen het thema ‘%(value)s’ niet; we negeerden het.")
                % {"value": slug[:40]}
            )
        self.themes = [slug for slug in self.themes if slug in known]
        self._themes_checked = True

    def _validate_themes(self):
        """Keep only themes that some practice of this list carries (one query)."""
        if self._themes_checked:
            return
        known = set()
        if self.themes:
            known = set(
                CaseStudyPageTag.objects.filter(
                    content_object__in=self.practices, tag__slug__in=self.themes
                ).values_list("tag__slug", flat=True)
            )
        self._check_themes(known)

    def search_ids(self):
        if self._search_ids is None:
            # Only the ids: loading every matching page in full cost a second at
            # 5,000 practices (see `make bench`).
            matches = self.practices.select_related(None).only("id")
            self._search_ids = [
                page.pk for page in matches.search(self.query, order_by_relevance=False)
            ]
        return self._search_ids

    def _text_q(self):
        return Q(pk__in=self.search_ids()) if self.query else Q()

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
        q = Q()
        if skip != "provincie" and self.scalar["provincie"]:
            q &= Q(municipality__province__in=self.scalar["provincie"])
        if skip != "grootte" and self.scalar["grootte"]:
            bands = Q()
            for band in self.scalar["grootte"]:
                low, high = SIZE_BAND_BOUNDS[SizeBand(band)]
                band_q = Q(municipality__inhabitants__gte=low)
                if high is not None:
                    band_q &= Q(municipality__inhabitants__lt=high)
                bands |= band_q
            q &= bands
        if skip != "status" and self.scalar["status"]:
            q &= Q(status__in=self.scalar["status"])
        if skip != "label" and self.scalar["label"]:
            q &= Q(label__in=self.scalar["label"])
        if self.year_from:
            q &= Q(start_year__gte=self.year_from)
        if self.year_to:
            q &= Q(start_year__lte=self.year_to)
        return q

    def results(self):
        """The filtered practices, sorted, with their themes in one column."""
        self._validate_themes()
        return (
            self.practices.filter(self._text_q() & self._theme_q() & self._scalar_q())
            .annotate(theme_names=theme_names())
            .order_by(*SORTS[self.sort][1])
        )

    # Facets -------------------------------------------------------------------

    def theme_facet(self):
        """Every theme used in this list, counted within the other filters."""
        rows = (
            CaseStudyPageTag.objects.filter(content_object__in=self.practices)
            .values("tag__slug", "tag__name")
            .annotate(
                n=Count(
                    "content_object",
                    distinct=True,
                    filter=Q(
                        content_object__in=self.practices.filter(
                            self._text_q() & self._scalar_q()
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
            self._legend("thema"),
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

    def _scalar_rows(self):
        """Practices grouped by every single-valued facet, counted in the selection."""
        narrowing = self._text_q() & self._theme_q()
        count = Count("pk", filter=narrowing) if narrowing else Count("pk")
        return list(
            self.practices.order_by()
            .annotate(band=size_band_expression())
            .values("municipality__province", "band", "status", "label", "start_year")
            .annotate(n=count)
        )

    def _row_matches(self, row, skip=None):
        for param, key, _choices in SCALAR_FACETS:
            wanted = self.scalar[param]
            if param != skip and wanted and row[key] not in wanted:
                return False
        year = row["start_year"]
        if self.year_from and year < self.year_from:
            return False
        return not (self.year_to and year > self.year_to)

    def facets(self):
        """(facets, total, years): counts per option for the current selection.

        Runs two queries; `total` is the number of practices the results hold.
        """
        theme_facet = self.theme_facet()
        rows = self._scalar_rows()
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
                    self._legend(param),
                    [
                        Option(
                            value,
                            str(label),
                            counts.get(value, 0),
                            value in self.scalar[param],
                        )
                        for value, label in choices.choices
                    ],
                )
            )
        total = sum(row["n"] for row in rows if self._row_matches(row))
        years = sorted({row["start_year"] for row in rows})
        return facets, total, years

    # Chips and state ------------------------------------------------------------

    def active_count(self):
        return (
            len(self.themes)
            + sum(len(values) for values in self.scalar.values())
            + bool(self.query)
            + bool(self.year_from)
            + bool(self.year_to)
        )

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
                Chip(_("Zoekterm: %(q)s") % {"q": self.query}, self._without("q"))
            )
        for slug in self.themes:
            chips.append(
                Chip(
                    _("Thema: %(v)s") % {"v": labels.get(("thema", slug), slug)},
                    self._without("thema", slug),
                )
            )
        for param, _key, _choices in SCALAR_FACETS:
            for value in self.scalar[param]:
                chips.append(
                    Chip(
                        f"{self._legend(param)}: {labels[(param, value)]}",
                        self._without(param, value),
                    )
                )
        if self.year_from:
            chips.append(
                Chip(
                    _("Gestart vanaf %(y)s") % {"y": self.year_from},
                    self._without("van"),
                )
            )
        if self.year_to:
            chips.append(
                Chip(
                    _("Gestart tot en met %(y)s") % {"y": self.year_to},
                    self._without("tot"),
                )
            )
        return chips

    def _state(self):
        """The clean query string state: only valid values, no page number."""
        state = QueryDict(mutable=True)
        if self.query:
            state["q"] = self.query
        state.setlist("thema", self.themes)
        for param, values in self.scalar.items():
            state.setlist(param, values)
        if self.year_from:
            state["van"] = str(self.year_from)
        if self.year_to:
            state["tot"] = str(self.year_to)
        if self.sort != DEFAULT_SORT:
            state["sorteer"] = self.sort
        return state

    def _without(self, param, value=None):
        state = self._state()
        if value is None:
            state.pop(param, None)
        else:
            state.setlist(param, [v for v in state.getlist(param) if v != value])
        return state.urlencode()

    def querystring(self):
        """The current valid filters as a query string, for feed and export links."""
        state = self._state()
        state.pop("sorteer", None)
        return state.urlencode()
