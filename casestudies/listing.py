"""What the case-study index and detail pages put in their templates.

The pages are Wagtail pages; these build their context (`CaseStudyIndexPage`'s
listing route and `CaseStudyPage.get_context`).
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    IntegerField,
    Prefetch,
    Value,
    When,
)
from django.http import Http404
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page

from casestudies.extensions import practice_sections
from casestudies.facet_counts import stored_rows
from casestudies.filters import DEFAULT_SORT, SORTS, CaseStudyFilter
from casestudies.models import CaseStudyPage, CaseStudyPageTag
from portal.models import public
from portal.models.documents import in_private_collection, openable_documents
from portal.roles import is_network_member

PER_PAGE = 12
CARD_IMAGE = "fill-640x360"
HERO_IMAGE = "fill-1200x560"
RELATED_COUNT = 3
# Related practices are picked from this many of the last added per shared
# theme: enough for a real choice, few enough to rank at once.
RELATED_CANDIDATES_PER_THEME = 50


def with_card_renditions(queryset):
    """Fetch the card image's rendition with the practices: one query per page."""
    Rendition = get_image_model().get_rendition_model()
    return queryset.select_related("hero_image").prefetch_related(
        Prefetch(
            "hero_image__renditions",
            queryset=Rendition.objects.filter(filter_spec=CARD_IMAGE),
        )
    )


def facets_html(facets):
    """The facets' fieldsets, in the very markup a template loop wrote: with
    some forty options, the loop's variable lookups and tags cost a cold list
    page more Python than its facet query."""
    escape = conditional_escape
    # Our own texts, unescaped as `{% translate %}` writes them.
    practices_word = _("praktijkvoorbeelden")
    parts = []
    for facet in facets:
        param = escape(facet.param)
        parts.append(
            '\n        <fieldset class="case-filters__facet">\n'
            f"            <legend>{escape(facet.legend)}</legend>\n            "
        )
        if not facet.options:
            empty = _("Nog geen thema's.")
            parts.append(f'<p class="case-filters__empty">{empty}</p>')
        else:
            parts.append("\n            <ul>\n                ")
            for number, option in enumerate(facet.options, start=1):
                checked = " checked" if option.selected else ""
                parts.append(
                    "\n                <li>\n"
                    f'                    <input type="checkbox" id="filter-{param}-'
                    f'{number}" name="{param}" value="{escape(option.value)}"'
                    f"{checked}>\n"
                    f'                    <label for="filter-{param}-{number}">'
                    f'{escape(option.label)} <span class="facet-count">('
                    f"{escape(localize(option.count))}"
                    f'<span class="visually-hidden"> {practices_word}</span>)</span>'
                    "</label>\n                </li>\n                "
                )
            parts.append("\n            </ul>\n            ")
        parts.append("\n        </fieldset>\n        ")
    return mark_safe("".join(parts))  # noqa: S308 (every value is escaped)


def listing_context(index, request):
    case_filter = CaseStudyFilter(request.GET)
    practices = index.practices()
    # The whole list's counts are stored (`facet_counts`); a search has facets
    # of its own.
    stored = None if case_filter.query else stored_rows(index)
    # Facets first: their theme query also checks the chosen themes.
    facets, total, years = case_filter.facets(practices, stored)
    paginator = Paginator(
        case_filter.filter(practices, theme_names=False),
        PER_PAGE,
        allow_empty_first_page=True,
    )
    # The facet query already counted the results; spare the paginator a COUNT.
    paginator.count = total
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404 from error
    # Themes and card images for this page's practices only, still in one
    # query: SQLite computed the names of every match before sorting them. A
    # card links its themes (`theme_links`), so their names and slugs will do.
    page_obj.object_list = with_card_renditions(
        CaseStudyPage.objects.filter(pk__in=page_obj.object_list.values("pk"))
        .select_related("municipality")
        .with_theme_tags()
        .order_by(*SORTS[case_filter.sort][1])
    )
    querystring = case_filter.querystring("sorteer")
    suffix = f"?{querystring}" if querystring else ""
    return {
        "filter": case_filter,
        "facets": facets,
        "facets_html": facets_html(facets),
        "years": years,
        "chips": case_filter.chips(facets),
        "notes": case_filter.notes,
        "total": total,
        "page_obj": page_obj,
        "practices": page_obj.object_list,
        "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
        "feed_url": index.url + index.reverse_subpage("feed") + suffix,
        "export_csv_url": index.dotted_url("export_csv") + suffix,
        "export_excel_url": index.dotted_url("export_excel_csv") + suffix,
        "export_json_url": index.dotted_url("export_json") + suffix,
        "data_dictionary_url": index.data_dictionary_url(request),
        # A combination of filters is not a page search engines should keep.
        "meta_noindex": case_filter.active_count() >= 2,
    }


def recommended_first(count):
    """Published practices in the list's default order (Mechelen's own first,
    real ones before the demo's examples, newest first), of which the first
    `count` are those of the whole list: slice it to `count`.

    The order is stored on each practice (`listing_order`, indexed), so the
    first few come from the index instead of a sort of every practice.
    """
    # `public()` on each page's own row, not a semi-join over every page.
    return (
        public(CaseStudyPage.objects.live())
        .select_related("municipality")
        .with_theme_names()
        .order_by(*SORTS[DEFAULT_SORT][1])
    )


def can_see_contact_email(user):
    """Members of the network and Mechelen's editors; never anonymous visitors."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or is_network_member(user)
        or user.has_perm("wagtailadmin.access_admin")
    )


class RelatedCandidate(Func):
    """Whether a practice is one of the RELATED_CANDIDATES_PER_THEME live
    practices added last to any of these themes.

    Each part walks the (tag, practice) index backwards and stops after that
    many rows, so ranking them costs the same with 5,000 practices or 20,000.
    Written in SQL: built with the ORM, the nested parts cost more Python than
    the database spent on them. PostgreSQL gets `= ANY(ARRAY(...))`: it looks
    the few ids up by primary key, where it hashed an `IN` against a scan of
    every page.
    """

    output_field = BooleanField()

    def __init__(self, practice, theme_ids):
        super().__init__(F("pk"))
        self.practice_id, self.theme_ids = practice.pk, list(theme_ids)

    def candidates_sql(self, connection):
        quote = connection.ops.quote_name
        # Table names from the models; every value is a parameter.
        part = (
            f"SELECT * FROM (SELECT t.content_object_id FROM "  # noqa: S608
            f"{quote(CaseStudyPageTag._meta.db_table)} t INNER JOIN "
            f"{quote(Page._meta.db_table)} p ON p.id = t.content_object_id "
            f"WHERE t.tag_id = %s AND t.content_object_id <> %s AND p.live "
            f"ORDER BY t.content_object_id DESC LIMIT %s) AS theme_{{n}}"
        )
        sql = " UNION ".join(part.format(n=n) for n in range(len(self.theme_ids)))
        params = []
        for theme_id in self.theme_ids:
            params += [theme_id, self.practice_id, RELATED_CANDIDATES_PER_THEME]
        return sql, params

    def as_sql(self, compiler, connection, **extra_context):
        pk, pk_params = compiler.compile(self.source_expressions[0])
        sql, params = self.candidates_sql(connection)
        return f"{pk} IN ({sql})", (*pk_params, *params)

    def as_postgresql(self, compiler, connection, **extra_context):
        pk, pk_params = compiler.compile(self.source_expressions[0])
        sql, params = self.candidates_sql(connection)
        return f"{pk} = ANY(ARRAY({sql}))", (*pk_params, *params)


class SharedThemes(Func):
    """How many of these themes a practice has, from the (practice, tag) index.

    Written in SQL for the same reason as `RelatedCandidate`: the ORM's
    grouped subquery cost more Python to build than the database to run.
    """

    output_field = IntegerField()

    def __init__(self, theme_ids):
        super().__init__(F("pk"))
        self.theme_ids = list(theme_ids)

    def as_sql(self, compiler, connection, **extra_context):
        pk, pk_params = compiler.compile(self.source_expressions[0])
        table = connection.ops.quote_name(CaseStudyPageTag._meta.db_table)
        marks = ", ".join(["%s"] * len(self.theme_ids))
        sql = (
            f"(SELECT COUNT(*) FROM {table} t WHERE "  # noqa: S608
            f"t.content_object_id = {pk} AND t.tag_id IN ({marks}))"
        )
        return sql, (*pk_params, *self.theme_ids)


def _with_rank(practices, practice, theme_ids):
    """How many themes each shares with `practice`, and whether it lies in the
    same province: what related practices are ranked by."""
    return practices.annotate(
        shared=SharedThemes(theme_ids),
        same_province=Case(
            When(municipality__province=practice.municipality.province, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).order_by("-same_province", "-shared", "-first_published_at", "pk")


# What a related practice's card (`casestudies/includes/case_study_card.html`,
# without an image) reads, with what `{% pageurl %}` needs: any other field
# would cost a query per card.
RELATED_CARD_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "content_type",
    "status",
    "summary",
    "label",
    "is_example",
    "municipality__name",
    "municipality__province",
)


def related_practices(practice, theme_ids):
    """Up to three practices sharing themes, from the same province first, then
    by the number of themes they share, newest first.

    One query. Only the candidates (`RelatedCandidate`, at most 50 per theme)
    are ranked: ranking every practice that shares a theme grew with the data.
    """
    if not theme_ids:
        return []
    # `public()` on each candidate's own row: the queryset's `.public()` is a
    # semi-join that PostgreSQL hashed over every page.
    candidates = public(
        CaseStudyPage.objects.live().filter(RelatedCandidate(practice, theme_ids))
    )
    # PostgreSQL computes the themes of the three kept only; SQLite of every
    # candidate, still a bounded number. Only the card's columns: Django
    # spent more Python on compiling and reading the ~100 columns of a practice
    # and its municipality than the database on the query.
    return list(
        _with_rank(
            candidates.select_related("municipality")
            .only(*RELATED_CARD_FIELDS)
            .with_theme_tags(),
            practice,
            theme_ids,
        )[:RELATED_COUNT]
    )


def practice_documents(practice, request):
    """The practice's documents the visitor may open, in their order: one query
    unless one of them lies in a collection with a privacy setting."""
    links = (
        practice.documents.select_related("document")
        .annotate(private=in_private_collection("document__collection__path"))
        .order_by("sort_order")
    )
    documents = []
    for link in links:
        link.document.in_private_collection = link.private
        documents.append(link.document)
    return openable_documents(documents, request)


def detail_context(practice, request):
    themes = practice.ordered_themes()
    return {
        "themes": themes,
        "documents": practice_documents(practice, request),
        "related_practices": related_practices(practice, [t.pk for t in themes]),
        "show_contact_email": can_see_contact_email(request.user),
        "extra_sections": practice_sections(request, practice),
    }
