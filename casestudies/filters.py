"""One filter for the case-study list, its feed and its exports.

`CaseStudyFilter(request.GET)` reads the query string once, ignores what it
cannot use (with a note for the visitor) and narrows the practices every output
shares (`filter`). Facet counts take one query whatever the number of
practices: a conditional count per option, grouped by start year, and a count
per theme, over the matching practices read once; Python only sums the few year
rows that the year range keeps.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import connection
from django.db.models import (
    Aggregate,
    BooleanField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    TextField,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag
from wagtail.search.query import Phrase, PlainText

from casestudies.models import (
    FIRST_YEAR,
    LAST_YEAR,
    SIZE_BAND_BOUNDS,
    CaseStudyPage,
    CaseStudyPageTag,
    Label,
    ListedPractice,
    SizeBand,
    Status,
    size_band_expression,
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
# The chosen texts `_matched_query` compares with, each as a parameter. The
# size bands and years are part of its shape: a band's bounds are numbers in
# its SQL, and a number stands for no other value as surely as a text with a
# NUL byte does.
_SELECTION = ("provincie", "status", "label", "thema", "gemeente")
# Its compiled SQL per shape of the selection (`CaseStudyFilter._matched_sql`).
_MATCHED_SQL = {}
_MATCHED_SQL_SHAPES = 256
# Stands for the i-th chosen text while compiling; never a real value.
_PLACEHOLDER = "\x00casestudies-matched-{}\x00"
# Not computed yet (None is a result: no stored query applies).
_UNSET = object()
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


class AnyOf(Func):
    """`expression = ANY(%s)`, the values as one array parameter (a list or
    an `ArrayText` literal): thousands of ids cost the client and the planner
    one value, not a placeholder each."""

    output_field = BooleanField()

    def __init__(self, expression, values):
        super().__init__(expression)
        self.values = values if isinstance(values, str) else list(values)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s::bigint[])", (*params, self.values)


class StoredSearchMatch(Func):
    """PostgreSQL: `search_document @@ query` on the practice's own row, the
    copy of its search index entry that migration 0009 keeps."""

    output_field = BooleanField()

    def __init__(self, query):
        super().__init__(F("pk"), query)

    def as_sql(self, compiler, connection, **extra_context):
        pk, query = self.source_expressions
        sql, params = compiler.compile(query)
        # The practice's table under the alias this query gives it.
        table = compiler.quote_name_unless_alias(pk.alias)
        return f"{table}.search_document @@ {sql}", params


class ArrayText(Aggregate):
    """PostgreSQL: the values as one array literal ('{}' for none), which
    Python reads and `AnyOf` sends back as one text value."""

    function = "ARRAY_AGG"
    template = "COALESCE(%(function)s(%(expressions)s), '{}')::text"
    output_field = TextField()


def _year_row_keys_in_order():
    """The option keys of a year row, in the order the facets list them."""
    return [
        f"{param}:{value}"
        for param, _key, choices in SCALAR_FACETS
        for value in choices.values
    ]


def _year_row_keys():
    return {"start_year", "total", *_year_row_keys_in_order()}


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
        self._search_query = _UNSET
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
        search runs once instead of in each query of the list. The list comes
        as one array literal (`ArrayText`) and goes back as one parameter:
        thousands of ids read and sent one by one cost Python more than the
        database spent on the search.
        """
        if self._search_ids is None:
            results = CaseStudyPage.objects.only("id").search(
                self.query, order_by_relevance=False
            )
            if not hasattr(results, "get_queryset"):
                self._search_ids = [page.pk for page in results]
            else:
                # Unsorted: pages come in tree order, a join and a sort of every match.
                matches = results.get_queryset().order_by()
                if connection.vendor == "postgresql":
                    self._search_ids = matches.aggregate(ids=ArrayText("pk"))["ids"]
                else:
                    self._search_ids = matches.values("pk")
        return self._search_ids

    def _stored_search_query(self):
        """PostgreSQL: the text query Wagtail's search builds for `q`, to match
        the practices' stored documents with (`StoredSearchMatch`) inside the
        list's own queries; None where its search would take another path."""
        if connection.vendor != "postgresql":
            return None
        if self._search_query is not _UNSET:
            return self._search_query
        self._search_query = None
        results = CaseStudyPage.objects.search(self.query, order_by_relevance=False)
        compiler = getattr(results, "query_compiler", None)
        if compiler is None or not isinstance(compiler.query, PlainText | Phrase):
            return None
        self._search_query = compiler.build_tsquery(
            compiler.query, config=compiler.get_config(results.backend)
        )
        return self._search_query

    def _text_q(self, listed=False):
        """The practices the search keeps; `listed`: as `ListedPractice` rows,
        matched on their practice's stored document."""
        if not self.query:
            return Q()
        if (query := self._stored_search_query()) is not None:
            if listed:
                matches = CaseStudyPage.objects.filter(StoredSearchMatch(query))
                return Q(pk__in=matches.values("pk"))
            return Q(StoredSearchMatch(query))
        ids = self.search_ids()
        if isinstance(ids, list | str) and connection.vendor == "postgresql":
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

    def _facet_q(self, param, listed=False):
        """The practices one single-valued facet's selection keeps, or None.
        `listed`: of `ListedPractice` rows, which hold the province and band."""
        chosen = self.values[param]
        if not chosen:
            return None
        if param == "provincie":
            if listed:
                return Q(province__in=chosen)
            return Q(municipality__province__in=chosen)
        if param == "grootte":
            if listed:
                return Q(band__in=chosen)
            bands = Q()
            for band in chosen:
                bands |= _band_q(band)
            return bands
        return Q(**{f"{param}__in": chosen})

    def _years_q(self):
        """The start-year range, or None."""
        q = Q()
        if self.values["van"]:
            q &= Q(start_year__gte=self.values["van"])
        if self.values["tot"]:
            q &= Q(start_year__lte=self.values["tot"])
        return q or None

    def _scalar_q(self):
        """Every single-valued filter and the start-year range."""
        q = Q()
        for part in [
            *(self._facet_q(param) for param, _key, _choices in SCALAR_FACETS),
            self._years_q(),
        ]:
            if part is not None:
                q &= part
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

    def _matched_query(self, practices):
        """(sql, params) of the practices the search and the municipality keep,
        with what `_count_rows` counts of each: its start year, a value per
        facet and whether it passes each chosen filter. `practices`: pages, or
        their `ListedPractice` rows."""
        listed = practices.model is ListedPractice
        columns = {
            "f_pk": F("pk"),
            "f_year": F("start_year"),
            "f_provincie": F("province" if listed else "municipality__province"),
            "f_grootte": F("band") if listed else size_band_expression(),
            "f_status": F("status"),
            "f_label": F("label"),
        }
        for param, _key, _choices in SCALAR_FACETS:
            if (q := self._facet_q(param, listed)) is not None:
                columns[f"p_{param}"] = ExpressionWrapper(q, BooleanField())
        if (q := self._years_q()) is not None:
            columns["p_years"] = ExpressionWrapper(q, BooleanField())
        if self.themes:
            columns["p_themes"] = ExpressionWrapper(self._theme_q(), BooleanField())
        matched = (
            practices.filter(self._text_q(listed) & self._municipality_q())
            .order_by()
            .values(**columns)
        )
        return matched.query.sql_with_params()

    def _selection(self):
        """(shape, values) of the selection: what `_matched_query`'s SQL depends
        on (the size bands, the years, how many values each other filter has),
        and the chosen texts its parameters hold, in `_SELECTION` order."""
        values = self.values
        shape, texts = [tuple(values["grootte"]), values["van"], values["tot"]], []
        for name in _SELECTION:
            chosen = values[name]
            chosen = chosen if isinstance(chosen, list) else [chosen] if chosen else []
            shape.append(len(chosen))
            texts += chosen
        return tuple(shape), texts

    def _matched_sql(self, practices, practices_key):
        """`_matched_query`, compiled once per process for each shape of the
        selection when `practices_key` says what the SQL of `practices` depends
        on (the index's id and path) and nothing is searched (a text query is
        no plain parameter): building and compiling it cost a filtered list
        more Python than the database spent counting. Each request still puts
        its own values in the parameters."""
        if practices_key is None or self.query:
            return self._matched_query(practices)
        shape, values = self._selection()
        model = practices.model._meta.label
        key = (connection.alias, connection.vendor, model, practices_key, shape)
        if (compiled := _MATCHED_SQL.get(key)) is None:
            compiled = self._compile_matched(practices, values)
            if compiled is None:
                return self._matched_query(practices)
            if len(_MATCHED_SQL) < _MATCHED_SQL_SHAPES:
                _MATCHED_SQL[key] = compiled
        sql, params, slots = compiled
        params = list(params)
        for position, index, kind in slots:
            params[position] = kind(values[index])
        return sql, params

    def _compile_matched(self, practices, values):
        """(sql, params, slots) of `_matched_query` built with a placeholder
        for each chosen value; `slots` say where each value goes. None when a
        value is not exactly one parameter."""
        placeholders = [_PLACEHOLDER.format(index) for index in range(len(values))]
        chosen, remaining = dict(self.cleaned_data), iter(placeholders)
        for name in _SELECTION:
            if isinstance(chosen[name], list):
                chosen[name] = [next(remaining) for _value in chosen[name]]
            elif chosen[name]:
                chosen[name] = next(remaining)
        real, self.cleaned_data = self.cleaned_data, chosen
        try:
            sql, params = self._matched_query(practices)
        finally:
            self.cleaned_data = real
        indexes = {placeholder: index for index, placeholder in enumerate(placeholders)}
        slots = [
            (position, indexes[param], type(param))
            for position, param in enumerate(params)
            if isinstance(param, str) and param in indexes
        ]
        if sorted(index for _position, index, _kind in slots) != list(
            range(len(values))
        ):
            return None
        return sql, tuple(params), slots

    def _count_rows(self, practices, themes="every", practices_key=None):
        """(theme rows, year rows) of the practices the search and the
        municipality keep, in one query.

        `themes`: "every" theme these practices carry, counted within the
        filters (0 where none passes them); only the themes of those that pass
        them ("counted"); or "none".

        Those practices are read once, into a materialized CTE with what the
        counts need of each: its start year, a value per facet and whether it
        passes each chosen filter. From them, one part counts per start year the
        practices the themes keep and, per option of each facet, those the
        other filters let through (the year range is left to Python, which sums
        the few rows it keeps); the other counts each theme's practices within
        every filter but the themes. Two grouped queries joined every practice
        to its page and municipality twice, and compiling some twenty filtered
        counts cost more Python than the database spent on them.
        """
        sql, params = self._matched_sql(practices, practices_key)
        params = list(params)
        passes = {
            param: f"p_{param}"
            for param, _key, _choices in SCALAR_FACETS
            if self.values[param]
        }
        columns = {"p_years"} if self._years_q() is not None else set()

        def count(*conditions):
            conditions = [c for c in conditions if c]
            if not conditions:
                return "COUNT(*)"
            return f"COUNT(*) FILTER (WHERE {' AND '.join(conditions)})"

        def others(skip=None):
            return [column for param, column in passes.items() if param != skip]

        year_counts = [count(*others())]
        for param, _key, choices in SCALAR_FACETS:
            for value in choices.values:
                year_counts.append(count(f"f_{param} = %s", *others(skip=param)))
                params.append(value)
        # Without a chosen theme that any of them carries, every practice counts
        # (`facet_rows` tells an unknown theme from one no match carries).
        themed = ""
        if self.themes:
            themed = (
                "WHERE p_themes OR NOT EXISTS (SELECT 1 FROM matched WHERE p_themes)"
            )
        # What a practice passes to count for a theme: every filter but the themes.
        kept = [*others(), *(["p_years"] if "p_years" in columns else [])]
        tagged = connection.ops.quote_name(CaseStudyPageTag._meta.db_table)
        tags = connection.ops.quote_name(Tag._meta.db_table)
        # Column and table names from the code; every value is a parameter.
        query = (
            f"WITH matched AS MATERIALIZED ({sql}) "  # noqa: S608
            f"SELECT 0, f_year, NULL, NULL, {', '.join(year_counts)} FROM matched "
            f"{themed} GROUP BY f_year "
        )
        if themes != "none":
            where, theme_count = "", count(*kept)
            if themes == "counted" and kept:
                where, theme_count = f"WHERE {' AND '.join(kept)}", "COUNT(*)"
            empty = ", NULL" * (len(year_counts) - 1)
            # Counted per theme id, then named: a dozen rows to join, not
            # every (practice, theme) pair.
            query += (
                f"UNION ALL SELECT 1, NULL, tag.slug, tag.name, counted.n{empty} "  # noqa: S608
                f"FROM (SELECT tagged.tag_id, {theme_count} AS n FROM matched "
                f"INNER JOIN {tagged} tagged "
                f"ON tagged.content_object_id = matched.f_pk {where} "
                f"GROUP BY tagged.tag_id) counted "
                f"INNER JOIN {tags} tag ON tag.id = counted.tag_id "
            )
        query += "ORDER BY 1, 4"
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall()
        keys = ["total", *_year_row_keys_in_order()]
        theme_rows, year_rows = [], []
        for part, year, slug, name, *counts in rows:
            if part:
                theme_rows.append(
                    {"theme_slug": slug, "theme_name": name, "n": counts[0]}
                )
            else:
                year_rows.append(
                    {"start_year": year, **dict(zip(keys, counts, strict=True))}
                )
        return theme_rows, year_rows

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

    def _year_matches(self, year):
        if year is None:
            # A practice without a known start year matches no year range.
            return not (self.values["van"] or self.values["tot"])
        if self.values["van"] and year < self.values["van"]:
            return False
        return not (self.values["tot"] and year > self.values["tot"])

    def facet_rows(self, practices, practices_key=None):
        """(theme rows, year rows): what the facets are built from, counted
        live in one query. Plain data, so the counts of the whole list can
        be stored (`casestudies.facet_counts`). `practices_key`: as in
        `_matched_sql`."""
        themes, years = self._count_rows(practices, practices_key=practices_key)
        carried = {row["theme_slug"] for row in themes}
        missing = [slug for slug in self.themes if slug not in carried]
        if self.query and missing:
            # A chosen theme no match carries is still a theme of this list.
            themes += [
                {"theme_slug": slug, "theme_name": name, "n": 0}
                for slug, name in CaseStudyPageTag.objects.filter(
                    content_object__in=practices.values("pk"), tag__slug__in=missing
                )
                .values_list("tag__slug", "tag__name")
                .distinct()
            ]
        self._check_themes({row["theme_slug"] for row in themes})
        if self.themes and carried.isdisjoint(self.themes):
            # Themes of this list, but of none of its matches: nothing matches.
            years = []
        return themes, years

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

    def facets(self, practices, stored=None, practices_key=None):
        """(facets, total, years): counts per option for the current selection.

        `total` is the number of practices the results hold. `stored`: the
        whole list's (theme rows, year rows), as `facet_rows` counted them
        without filters (`casestudies.facet_counts`). Without a search they
        know every theme of the list, and are this selection's counts where
        no filter (or only a theme) is set. One query at most.
        `practices_key`: what the SQL of `practices` depends on, to compile the
        counting query once per process (`_matched_sql`). `practices` may be
        pages or their `ListedPractice` rows, the narrower to count from.
        """
        # A search or a municipality makes a list of its own, with only the
        # themes its practices carry: counted live, and small.
        if stored is None or self.query or self.values["gemeente"] or not _fits(stored):
            return self._facets(*self.facet_rows(practices, practices_key))
        theme_rows, year_rows = stored
        self._check_themes({row["theme_slug"] for row in theme_rows})
        whole = self.counts_whole_list()
        if self.themes or not whole:
            live_themes, year_rows = self._count_rows(
                practices,
                themes="none" if whole else "counted",
                practices_key=practices_key,
            )
            if not whole:
                # Every stored theme of the list, counted within the filters.
                counts = {row["theme_slug"]: row["n"] for row in live_themes}
                theme_rows = [
                    {**row, "n": counts.get(row["theme_slug"], 0)} for row in theme_rows
                ]
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
