"""The site search: what a visitor typed made safe for every search backend,
the kinds of results, their snippets, and help with typos."""

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.blocks import StreamValue
from wagtail.search import index

MAX_QUERY_LENGTH = 200
# Words and the characters that occur inside Dutch words; everything else, such
# as quotes, asterisks and brackets, would be query syntax to some backend.
_UNSAFE = re.compile(r"[^\w\s'’-]+", re.UNICODE)
_OPERATORS = {"and", "or", "not", "near"}


def clean_query(raw):
    """Return (query, notes): a safe query string and messages for the visitor."""
    notes = []
    query = (raw or "").replace("\x00", "")
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notes.append(
            _("Je zoekopdracht was erg lang. We zochten op de eerste %(n)s tekens.")
            % {"n": MAX_QUERY_LENGTH}
        )
    words = [
        word.strip("'’-")
        for word in _UNSAFE.sub(" ", query).split()
        if word.lower() not in _OPERATORS
    ]
    return " ".join(word for word in words if word), notes


# What the site search finds, by kind ------------------------------------------

RESULTS_PER_PAGE = 10
SECTION_SIZE = 5
SNIPPET_WORDS_BEFORE = 12
SNIPPET_WORDS = 40
# How much of a result's text is searched for the snippet.
SNIPPET_SOURCE_LENGTH = 20_000


def _stream_text(raw):
    """The words in a StreamField's stored data, read without loading the
    documents, pages or images its blocks choose (a query each)."""
    if isinstance(raw, dict):
        return " ".join(
            _stream_text(value)
            for key, value in raw.items()
            if key not in ("type", "id")
        )
    if isinstance(raw, list):
        return " ".join(_stream_text(item) for item in raw)
    # Ids, heading levels, style names and links are not text a visitor reads.
    if isinstance(raw, str) and " " in raw.strip() and not raw.startswith("http"):
        return strip_tags(raw)
    return ""


def searchable_text(obj):
    """The text an object is found by, apart from its title: the values of its
    `SearchField`s as plain text, read from the object alone (no queries)."""
    parts = []
    for search_field in obj.get_search_fields():
        if type(search_field) is not index.SearchField:
            continue
        if search_field.field_name == "title":
            continue
        value = getattr(obj, search_field.field_name, None)
        if isinstance(value, StreamValue):
            parts.append(_stream_text(list(value.raw_data)))
        elif isinstance(value, str):
            parts.append(strip_tags(value))
    return " ".join(" ".join(parts).split())


@dataclass(frozen=True)
class SearchKind:
    """A kind of result: pages of some types (`page_models`), or other objects
    (`objects(request)` gives those the visitor may see). Apps add theirs through
    the `portal_search_kinds` hook; the pages of no kind are `pagina`."""

    slug: str
    label: str
    plural: str
    page_models: tuple = ()
    objects: Callable | None = None
    # Ordered by their own queryset (e.g. newest first) rather than by relevance.
    by_relevance: bool = True
    url: Callable = field(default=lambda obj: obj.get_absolute_url())
    text: Callable = searchable_text

    @property
    def is_pages(self):
        return self.objects is None


OTHER_PAGES = SearchKind("pagina", gettext_lazy("Pagina"), gettext_lazy("Pagina's"))


def search_kinds():
    """Every kind of result, in the order the filter shows them."""
    kinds = [kind for hook in hooks.get_hooks("portal_search_kinds") for kind in hook()]
    return [*kinds, OTHER_PAGES]


class _FoldedCharacters(dict):
    """`str.translate` table: each character lower case without its accents,
    computed the first time the character is met. Only the character decides,
    so the table holds for every text and every request."""

    def __missing__(self, code):
        char = chr(code)
        folded = (unicodedata.normalize("NFKD", char)[:1] or char).lower()
        self[code] = folded
        return folded


_FOLDED = _FoldedCharacters()


def _fold(text):
    """Lower case without accents, one character for each character of `text`,
    so a match in the folded text is a match at the same place in the original."""
    # str.translate walks the text in C: normalising character by character
    # in Python took a third of a search's time for 10 snippets' texts.
    return text.translate(_FOLDED)


def _matches(text, terms):
    """The (start, end) of each word of `text` that begins like a search term
    (so 'burendag' marks 'burendagen', and the Dutch stem 'pleinmaker' marks
    'pleinmakers')."""
    terms = [_fold(term) for term in terms if term]
    stems = [term[: max(4, len(term) - 2)] if len(term) > 4 else term for term in terms]
    # A word is a run of \w, so a stem with another character begins none.
    stems = [stem for stem in stems if re.fullmatch(r"\w+", stem)]
    if not stems:
        return
    # One expression for every stem, run by the regex engine instead of a test
    # of every word: a word (not preceded by a word character) that begins
    # like a stem, up to its end.
    alternatives = "|".join(map(re.escape, sorted(stems, key=len, reverse=True)))
    for word in re.finditer(rf"(?<!\w)(?:{alternatives})\w*", _fold(text)):
        yield word.span()


def snippet(text, terms):
    """A few dozen words of `text` around the first match of `terms`, escaped for
    HTML, each match in <mark>; the start of the text when nothing matches."""
    text = text[:SNIPPET_SOURCE_LENGTH]
    words = list(re.finditer(r"\S+", text))
    if not words:
        return ""
    first = next(_matches(text, terms), None)
    start_word = 0
    if first:
        at = next(n for n, word in enumerate(words) if word.end() > first[0])
        start_word = max(0, at - SNIPPET_WORDS_BEFORE)
    chosen = words[start_word : start_word + SNIPPET_WORDS]
    start, end = chosen[0].start(), chosen[-1].end()
    excerpt = text[start:end]
    parts = []
    position = 0
    for match_start, match_end in _matches(excerpt, terms):
        parts.append(escape(excerpt[position:match_start]))
        parts.append(format_html("<mark>{}</mark>", excerpt[match_start:match_end]))
        position = match_end
    parts.append(escape(excerpt[position:]))
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(before + "".join(parts) + after)  # noqa: S308 - parts escaped


# A common word matches thousands; counting (and paging) stops past this many.
MAX_COUNTED = 1000
# Past this many matches, ranking them all by relevance before taking a page
# grew with the data (PostgreSQL, "pleinmaker" on 20,000 pages: 260 ms). Then
# only the title matches are ranked, the most recent this many of them, and the
# other matches follow newest first (`RankedSearch`).
RANKED_MATCHES = 500


class BoundedPaginator(Paginator):
    """Counts at most MAX_COUNTED results, with a LIMIT in the count query, so a
    search costs the same whatever the size of the data; `more` tells there
    were more. Works on querysets and on search results alike."""

    more = False

    @cached_property
    def count(self):
        if isinstance(self.object_list, RankedSearch):
            counted = self.object_list.count_up_to(MAX_COUNTED + 1)
            self.more = counted > MAX_COUNTED
            return min(counted, MAX_COUNTED)
        # Counting needs no order (search results are ranked by relevance).
        unordered = _unordered(self.object_list)
        counted = (self.object_list if unordered is None else unordered)[
            : MAX_COUNTED + 1
        ].count()
        self.more = counted > MAX_COUNTED
        return min(counted, MAX_COUNTED)


class ProbingPaginator(BoundedPaginator):
    """For the site search: the page is read with one result more; when that
    one is not there, the page is the last and the count is known without a
    query of its own (most searches fit on one page). With more, the count
    query runs as in `BoundedPaginator` and the page read is kept."""

    def get_page(self, number):
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        start = (wanted - 1) * self.per_page
        if wanted < 1 or start >= MAX_COUNTED:
            return super().get_page(number)
        window = list(self.object_list[start : start + self.per_page + 1])
        if len(window) <= self.per_page:
            if not window and wanted > 1:  # past the end: the last page
                return super().get_page(number)
            self.__dict__["count"] = start + len(window)
        elif wanted > self.num_pages:  # the count stops at MAX_COUNTED
            return super().get_page(number)
        return self._get_page(window[: self.per_page], wanted, self)


@dataclass
class SearchResult:
    kind: SearchKind
    title: str
    url: str
    snippet: str


def _search(queryset, query, by_relevance=True):
    from wagtail.search.backends import get_search_backend

    # Through the backend, so a model's own queryset needs no search mixin.
    return get_search_backend().search(query, queryset, order_by_relevance=by_relevance)


def _has_title(model):
    return any(
        type(search_field) is index.SearchField and search_field.field_name == "title"
        for search_field in model.get_search_fields()
    )


def _title_ranking(queryset, query):
    """The objects of `queryset` whose indexed title matches `query`, the
    RANKED_MATCHES most recent of them (`-pk`): (their keys, those objects
    ranked by their title's relevance, on SQLite newest first); None when the
    model has no title in the index.

    Only the titles are read: PostgreSQL's title vectors are small, where
    reading the bodies, to match or to rank, cost most of the time. SQLite
    matches and ranks its full-text table's title column."""
    from django.db.models import F, Subquery
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchQueryCompiler,
    )
    from wagtail.search.backends import get_search_backend

    if not _has_title(queryset.model):
        return None
    backend = get_search_backend()
    if backend.query_compiler_class is not PostgresSearchQueryCompiler:
        found = backend.search(
            query, queryset, fields=["title"], order_by_relevance=False
        )
        if not hasattr(found, "get_queryset"):
            return None
        candidates = found.get_queryset().values("pk")[:RANKED_MATCHES]
        # Newest first: the backend computes each result's score in a query
        # of its own over the full-text table (3 s for 500 titles at 2,000
        # practices), so the title matches are not ranked on SQLite.
        return candidates, queryset.filter(pk__in=candidates).order_by("-pk")
    compiler = PostgresSearchQueryCompiler(queryset, query)
    config = compiler.get_config(backend)
    title_query = compiler.build_tsquery(compiler.query, config=config)
    if title_query is None:
        return None
    candidates = _recent_title_matches(queryset, title_query)
    if candidates is None:
        # Annotated, so that the match reads the title of the entry joined:
        # PostgreSQL finds a word in few titles through the title's GIN index.
        candidates = (
            queryset.annotate(_title_=F("index_entries__title"))
            .filter(_title_=title_query)
            .order_by("-pk")
            .values("pk")[:RANKED_MATCHES]
        )
    # The title's part of the backend's own rank, from each candidate's own
    # entry through its key: joining the entries again to rank read them for
    # a hashed set of every object (9 ms of 25 for a common word).
    title_rank = Subquery(
        _index_entries(queryset.model)
        .annotate(
            rank=compiler.build_tsrank(F("title"), compiler.query, config=config)
            * F("title_norm")
        )
        .values("rank")[:1]
    )
    # The candidates are already of `queryset`: its conditions again (live,
    # public) made PostgreSQL hash every page a second time. Its columns,
    # though: the site search reads only the keys and types here (the whole
    # row cost Django a third of this query's work, and the specific query
    # reads it again).
    ranked = queryset.model._default_manager.filter(_key_among(candidates))
    ranked.query.deferred_loading = queryset.query.deferred_loading
    return candidates, ranked.annotate(_title_rank=title_rank).order_by(
        "-_title_rank", "-pk"
    )


def _key_among(candidates):
    """`pk__in=candidates` for PostgreSQL; a list of keys goes as one array
    (`pk = ANY(%s)`): as RANKED_MATCHES parameters, Django prepared and psycopg
    parsed each one (a tenth of a typo search's function calls)."""
    from django.contrib.postgres.fields import ArrayField
    from django.db.models import BooleanField, F, Func, IntegerField, Value

    if not isinstance(candidates, list):  # a query of keys
        return Q(pk__in=candidates)
    keys = Value(candidates, output_field=ArrayField(IntegerField()))
    return Func(
        F("pk"),
        keys,
        arg_joiner=" = ANY(",
        template="%(expressions)s)",
        output_field=BooleanField(),
    )


def _recent_title_matches(queryset, title_query):
    """The keys of the RANKED_MATCHES most recent objects of `queryset` whose
    title matches, when that many are among its 2 × RANKED_MATCHES most
    recent objects (a word in most titles); else None.

    Newest first, with a lookup of each object's own entry, PostgreSQL stops at
    RANKED_MATCHES (4 ms for 'pleinmaker' at 5,000 pages), where a join read
    the entry of every title match first (16 ms). The walk is bounded: for a
    word in few titles it would have gone through every object, and the join
    through the title's GIN index is the better way."""
    from django.db.models import Subquery, Value
    from django.db.models.functions import Coalesce
    from django.db.models.lookups import IsNull

    walk = 2 * RANKED_MATCHES
    # Of the table, not of `queryset`: its conditions once more cost a hashed
    # set of the restricted pages, and any bound keeps the keys found the most
    # recent ones. Fewer rows than that: every one.
    newest = queryset.model._default_manager.order_by("-pk").values("pk")
    oldest_walked = Coalesce(Subquery(newest[walk - 1 : walk]), Value(0))
    # A scalar subquery, so that PostgreSQL cannot make it a join.
    titled = _index_entries(queryset.model).filter(title=title_query).values("pk")
    found = list(
        queryset.filter(IsNull(Subquery(titled[:1]), False), pk__gte=oldest_walked)
        .order_by("-pk")
        .values_list("pk", flat=True)[:RANKED_MATCHES]
    )
    return found if len(found) == RANKED_MATCHES else None


def _index_entries(model):
    """The search index entries of `model`'s objects, each correlated to the
    outer query's object (`OuterRef("pk")`), as the backend joins them."""
    from django.db.models import OuterRef
    from django.db.models.functions import Cast
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 - a model
    return IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(model),
        object_id=Cast(OuterRef("pk"), IndexEntry._meta.get_field("object_id")),
    )


class RankedSearch:
    """The results of `query` in `queryset`, for a paginator: by relevance, as
    the search backend ranks them, when they are at most RANKED_MATCHES. A
    common word matches thousands; ranking them all before taking a page grew
    with the data. Then the title matches come first, by relevance, of them the
    RANKED_MATCHES most recent (a title says what a page is about), and every
    other match follows, newest first. The counting query (bounded, unranked)
    tells which: it runs first (on PostgreSQL along with `Spelling`'s), and the
    paginator uses its count."""

    def __init__(self, queryset, query):
        # In no order of its own: unranked, the backends give the newest first
        # (`-pk`, as they break ties in relevance).
        self.queryset = queryset.order_by()
        self.query = query
        self._counted = {}

    def counting(self, limit):
        """The keys that `count_up_to(limit)` counts, as a queryset (None
        with a backend that builds none)."""
        unordered = _unordered(_search(self.queryset, self.query))
        return None if unordered is None else unordered[:limit]

    def count_up_to(self, limit):
        """The number of results, counted up to `limit` (one query, unless
        counted along with another: `counted`)."""
        if limit not in self._counted:
            self._counted[limit] = self.counting(limit).count()
        return self._counted[limit]

    def counted(self, limit, number):
        """Keep `number`, the count of `counting(limit)` that another query
        made, for `count_up_to(limit)`."""
        self._counted[limit] = number

    @property
    def bounded(self):
        return self.count_up_to(MAX_COUNTED + 1) > RANKED_MATCHES

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step:
            raise TypeError("RankedSearch takes a slice without a step")
        start, stop = key.start or 0, key.stop
        if not self.bounded:
            return list(_search(self.queryset, self.query)[start:stop])
        titles = _title_ranking(self.queryset, self.query)
        first = [] if titles is None else list(titles[1][start:stop])
        if stop is not None and len(first) == stop - start:
            return first
        # The title matches run out on this page (or before it): the others,
        # newest first.
        others = self.queryset
        if titles is not None:
            candidates = titles[0]
            # (A list of keys, or a query of at most RANKED_MATCHES keys.)
            ranked = start + len(first) if first or not start else len(candidates)
            others = others.exclude(pk__in=candidates)
        else:
            ranked = 0
        rest = _search(others, self.query, by_relevance=False)[
            max(0, start - ranked) : None if stop is None else stop - ranked
        ]
        return first + list(rest)


def _unordered(results):
    """The database backend's search results as a queryset in no order, which
    the database can stop reading at a limit (PostgreSQL, a word on 20,000
    pages: 38 ms to count the first thousand, against 256 ms ranking them all
    first); None for other results."""
    from modelsearch.backends.base import BaseSearchResults

    # The database backends' results (PostgreSQL, SQLite) build a queryset.
    get_queryset = getattr(results, "get_queryset", None)
    if not isinstance(results, BaseSearchResults) or get_queryset is None:
        return None
    # Only the keys: SQLite would compute each match's score to select it.
    return get_queryset().order_by().values("pk")


def _specific_in_one_query(pages):
    """`pages` (plain `Page`s, perhaps only their keys and types) in their
    specific form, read in one query that joins the table of each page type
    found, rather than one query per type."""
    from wagtail.models import Page

    # Only the types on this page of results: with a join for every page type
    # (fifteen), PostgreSQL spent 8 ms planning a query it ran in 1 ms.
    found_types = {page.specific_class for page in pages}
    accessors = {
        model: model._meta.model_name
        for model in found_types
        if model is not None
        and model is not Page
        and model._meta.get_parent_list() == [Page]
    }
    # (select_related() without names would follow every foreign key.)
    rows = (
        Page.objects.select_related(*accessors.values()).in_bulk(
            [page.pk for page in pages]
        )
        if accessors or Page in found_types
        else {}
    )
    specific = []
    for page in pages:
        row = rows.get(page.pk)
        if row is not None and page.specific_class is Page:
            specific.append(row)  # a plain page (the root), every field read
            continue
        accessor = accessors.get(page.specific_class)
        if row is None or accessor is None:
            specific.append(page.specific)
            continue
        found = getattr(row, accessor)
        for name, value in page.__dict__.items():  # as `get_specific()` does
            found.__dict__.setdefault(name, value)
        specific.append(found)
    return specific


def _page_kind(page, kinds):
    for kind in kinds:
        if kind.page_models and isinstance(page, kind.page_models):
            return kind
    return OTHER_PAGES


def _pages_of(pages, kind, kinds):
    if kind is None:
        return pages
    if kind is OTHER_PAGES:
        return pages.not_type(*[m for k in kinds for m in k.page_models])
    return pages.type(*kind.page_models)


class SiteSearch:
    """What the site search found for `query`: one list, paginated (pages, or the
    objects of one kind), and with every kind, a few of each other kind."""

    def __init__(
        self,
        request,
        query,
        kind=None,
        page_number=None,
        *,
        spelling=None,
    ):
        from wagtail.models import Page

        from portal.models.pages import restricted

        self.query = query
        # A search for a close spelling, when this one found nothing (see views).
        self.alternative = None
        kinds = search_kinds()
        terms = query.split()
        ranked_pages = None
        if kind is None or kind.is_pages:
            # Public pages with the view restrictions as a subquery (Wagtail's
            # `public()` reads them all first), specific after paging. Only
            # their keys and types: the specific query reads the rest, and the
            # ranking hashed every column of every live page (half its time).
            pages = (
                # Not the tree's root: live, but no page of the site.
                Page.objects.live()
                .filter(depth__gt=1)
                .exclude(pk__in=Page.objects.filter(restricted()).values("pk"))
                .only("content_type")
            )
            ranked_pages = RankedSearch(_pages_of(pages, kind, kinds), query)
        # Known from the index (`Spelling`), which counts the pages along.
        if spelling is not None and spelling.finds_nothing(counting=ranked_pages):
            self.page = ProbingPaginator([], RESULTS_PER_PAGE).get_page(1)
            self.results, self.sections, self.more, self.total = [], [], False, 0
            return
        if ranked_pages is not None:
            self.page = ProbingPaginator(ranked_pages, RESULTS_PER_PAGE).get_page(
                page_number
            )
            self.results = [
                self._result(
                    page, _page_kind(page, kinds), terms, page.get_url(request)
                )
                for page in _specific_in_one_query(list(self.page))
            ]
        else:
            objects = kind.objects(request)
            self.page = ProbingPaginator(
                RankedSearch(objects, query)
                if kind.by_relevance
                else _search(objects, query, by_relevance=False),
                RESULTS_PER_PAGE,
            ).get_page(page_number)
            self.results = [
                self._result(obj, kind, terms, kind.url(obj)) for obj in self.page
            ]
        self.sections = []
        if kind is None and self.page.number == 1:
            for other in kinds:
                if other.is_pages:
                    continue
                found = list(
                    _search(other.objects(request), query, other.by_relevance)[
                        : SECTION_SIZE + 1
                    ]
                )
                if found:
                    self.sections.append(
                        {
                            "kind": other,
                            "results": [
                                self._result(obj, other, terms, other.url(obj))
                                for obj in found[:SECTION_SIZE]
                            ],
                            "more": len(found) > SECTION_SIZE,
                        }
                    )
        self.more = self.page.paginator.more
        self.total = self.page.paginator.count + sum(
            len(section["results"]) for section in self.sections
        )

    def _result(self, obj, kind, terms, url):
        return SearchResult(
            kind=kind,
            title=getattr(obj, "title", None) or str(obj),
            url=url,
            snippet=snippet(kind.text(obj), terms),
        )


# Typos ------------------------------------------------------------------------

VOCABULARY_TABLE = "portal_search_vocabulary"
SUGGESTION_CUTOFF = 0.75


def _vocabulary(words):
    """The indexed words (lower case, no accents) that could stand for any of
    `words`: the same first letter and about the same length, as typos rarely
    change those; one query. None where there is no such vocabulary (not
    SQLite, or SQLite without FTS5)."""
    if connection.vendor != "sqlite" or not words:
        return None
    ranges = [
        (word[:1], word[:1] + "\uffff", len(word) - 2, len(word) + 2) for word in words
    ]
    # One SELECT per word, in one statement: fts5vocab honours the bounds of
    # one range per scan, not an OR of several.
    select = (
        f"SELECT term FROM {VOCABULARY_TABLE} "  # noqa: S608 - a constant
        "WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s"
    )
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                " UNION ALL ".join([select] * len(ranges)),
                [value for bounds in ranges for value in bounds],
            )
        except DatabaseError:  # No full-text index (SQLite without FTS5).
            return None
        return {row[0] for row in cursor.fetchall()}


# Per word, the closest few words by trigram similarity are compared further.
POSTGRES_CANDIDATES = 10


def _postgres_vocabulary(words):
    """The indexed words (lower case) that could stand for any of `words`: as
    on SQLite, the same first letter and about the same length, and of those
    the few closest by trigram similarity; one query. pg_trgm's `%` finds them
    through the vocabulary's trigram index (see migrations), so the cost does
    not grow with the amount of content."""
    with connection.cursor() as cursor:
        cursor.execute(_CLOSEST_WORDS, [list(words), POSTGRES_CANDIDATES])
        return {row[0] for row in cursor.fetchall()}


_CLOSEST_WORDS = (
    "SELECT candidate.term FROM unnest(%s::text[]) AS typed(word) "  # noqa: S608
    f"CROSS JOIN LATERAL (SELECT term FROM {VOCABULARY_TABLE} "
    "WHERE term %% typed.word AND left(term, 1) = left(typed.word, 1) "
    "AND length(term) BETWEEN length(typed.word) - 2 AND length(typed.word) + 2 "
    "ORDER BY similarity(term, typed.word) DESC, term LIMIT %s) AS candidate"
)


def _postgres_index_matches(query, words, counting=None):
    """Whether any entry of PostgreSQL's search index, of any kind, matches
    `query` as the search backend matches it (its query and vectors); when
    none does, `_postgres_vocabulary(words)` (else None); when one does, the
    number of rows of `counting` (a queryset, or None: None); one query. When
    none matches, no search of any kind can find anything."""
    from django.db.models import F
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchQueryCompiler,
    )
    from modelsearch.conf import get_app_config
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 - a model
    backend = get_search_backend()
    if backend.query_compiler_class is not PostgresSearchQueryCompiler:
        return True, None, None  # another backend: search to know
    compiler = PostgresSearchQueryCompiler(Page.objects.none(), query)
    search_query = compiler.build_tsquery(compiler.query, config=backend.config)
    if search_query is None:
        return True, None, None
    vector = F("title")._combine(F("body"), "||", False)
    matching = (
        IndexEntry.objects.annotate(_vector_=vector)
        .filter(_vector_=search_query)
        .values("pk")[:1]
    )
    match_sql, match_params = matching.query.sql_with_params()
    # The count a search would otherwise ask in a query of its own.
    count_sql, count_params = "NULL", []
    if counting is not None:
        counted_sql, count_params = counting.query.sql_with_params()
        count_sql = f"(SELECT COUNT(*) FROM ({counted_sql}) AS counted)"  # noqa: S608 - Django's SQL
    with connection.cursor() as cursor:
        # The words only when nothing matches, the count only when something
        # does (PostgreSQL runs a subquery in a CASE only when it reaches it).
        # OFFSET 0 keeps `found` one value: pulled up into the outer query,
        # the EXISTS ran once for each place that reads it.
        cursor.execute(
            f"SELECT found, CASE WHEN found THEN NULL ELSE ARRAY({_CLOSEST_WORDS}) "  # noqa: S608 - Django's SQL and a constant
            f"END, CASE WHEN found THEN {count_sql} END "
            f"FROM (SELECT EXISTS ({match_sql}) AS found OFFSET 0) AS index_matches",
            [list(words), POSTGRES_CANDIDATES, *count_params, *match_params],
        )
        found, terms, counted = cursor.fetchone()
    return found, None if found else set(terms), counted


class Spelling:
    """What the full-text index says about a query: whether the search can
    find anything at all, and a close spelling.

    SQLite's search finds an object only when the index holds every word of the
    query (the words as its tokenizer splits them: letters and digits, folded),
    so a word its vocabulary does not hold means nothing is found, without
    searching: one query for both. On PostgreSQL the index itself is asked, and
    in the same query, when it holds no match, its vocabulary."""

    def __init__(self, query):
        self.query = query
        # SQLite's index folds accents away; PostgreSQL's keeps them.
        fold = str.lower if connection.vendor == "postgresql" else _fold
        self.words = [fold(word) for word in query.split()]
        self.tokens = re.findall(r"[^\W_]+", _fold(query))

    @cached_property
    def vocabulary(self):
        if connection.vendor == "postgresql":
            return _postgres_vocabulary(sorted(set(self.words)))
        return _vocabulary(sorted({*self.words, *self.tokens}))

    def finds_nothing(self, counting=None):
        """Whether no search for the query can find anything. On PostgreSQL,
        `counting` (a `RankedSearch`, or None) is counted in the same query
        when something matches, so that its count asks no query of its own."""
        if connection.vendor == "postgresql":
            limit = MAX_COUNTED + 1
            found, vocabulary, counted = _postgres_index_matches(
                self.query,
                sorted(set(self.words)),
                None if counting is None else counting.counting(limit),
            )
            if vocabulary is not None:  # asked along: `suggestion()` needs it
                self.__dict__["vocabulary"] = vocabulary
            if counted is not None:
                counting.counted(limit, counted)
            return not found
        return self.vocabulary is not None and any(
            token not in self.vocabulary for token in self.tokens
        )

    def suggestion(self):
        """The query with each word the index does not hold replaced by the
        closest one it does ('pleinmakker' -> 'pleinmaker'), or None."""
        if self.vocabulary is None:
            return None
        suggested = []
        for word in self.words:
            if word in self.vocabulary:
                suggested.append(word)
                continue
            low, high = word[:1], word[:1] + "\uffff"
            candidates = sorted(
                term
                for term in self.vocabulary
                if low <= term < high and len(word) - 2 <= len(term) <= len(word) + 2
            )
            close = difflib.get_close_matches(
                word, candidates, n=1, cutoff=SUGGESTION_CUTOFF
            )
            suggested.append(close[0] if close else word)
        suggestion = " ".join(suggested)
        return suggestion if suggestion != " ".join(self.words) else None


def suggest(query):
    """A close spelling of `query` the index holds, or None."""
    return Spelling(query).suggestion()
