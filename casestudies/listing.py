"""What the case-study index and detail pages put in their templates.

The pages are Wagtail pages; these build their context (`CaseStudyIndexPage`'s
listing route and `CaseStudyPage.get_context`).
"""

from django.core.paginator import InvalidPage, Paginator
from django.db import connections
from django.db.models import Prefetch
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from casestudies.extensions import practice_sections
from casestudies.facet_counts import stored_rows
from casestudies.filters import DEFAULT_SORT, SORTS, CaseStudyFilter
from casestudies.models import (
    SLUG_SEPARATOR,
    THEME_SEPARATOR,
    CaseStudyPage,
    CaseStudyPageTag,
    ListedPractice,
)
from network.models import Municipality
from portal.models import public
from portal.models.documents import in_private_collection, openable_documents
from portal.models.pages import InPrivateSection
from portal.roles import is_network_member

PER_PAGE = 12
CARD_IMAGE = "fill-640x360"
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
    # Facets first: their theme query also checks the chosen themes. They
    # count the practices' narrow listed rows (`casestudies.listed`), whose
    # SQL is kept per index.
    facets, total, years = case_filter.facets(
        ListedPractice.objects.filter(index=index),
        stored,
        practices_key=(index.pk, index.path),
    )
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


def _candidates_sql(connection, practice, theme_ids):
    """The ids of the RELATED_CANDIDATES_PER_THEME live practices added last
    to any of these themes, other than `practice`, as a subquery.

    Each part walks the (tag, practice) index backwards and stops after that
    many rows, so ranking them costs the same with 5,000 practices or 20,000.
    """
    quote = connection.ops.quote_name
    # Table names from the models; every value is a parameter.
    part = (
        f"SELECT * FROM (SELECT t.content_object_id FROM "  # noqa: S608
        f"{quote(CaseStudyPageTag._meta.db_table)} t INNER JOIN "
        f"{quote(Page._meta.db_table)} p ON p.id = t.content_object_id "
        f"WHERE t.tag_id = %s AND t.content_object_id <> %s AND p.live "
        f"ORDER BY t.content_object_id DESC LIMIT %s) AS theme_{{n}}"
    )
    sql = " UNION ".join(part.format(n=n) for n in range(len(theme_ids)))
    params = []
    for theme_id in theme_ids:
        params += [theme_id, practice.pk, RELATED_CANDIDATES_PER_THEME]
    return sql, params


def _related_sql(connection, practice, theme_ids):
    """The query of `related_practices`, with the columns a related card
    (`casestudies/includes/case_study_card.html`, without an image) and
    `{% pageurl %}` read, and the card's themes as `with_theme_tags` gives them.

    Written in SQL: built with the ORM, compiling its ranking, themes and
    columns cost several times the database's time on the query.
    """
    quote = connection.ops.quote_name
    tables = {
        "practices": quote(CaseStudyPage._meta.db_table),
        "pages": quote(Page._meta.db_table),
        "municipalities": quote(Municipality._meta.db_table),
        "practice_tags": quote(CaseStudyPageTag._meta.db_table),
        "tags": quote(Tag._meta.db_table),
    }
    candidates, candidate_params = _candidates_sql(connection, practice, theme_ids)
    # PostgreSQL gets `= ANY(ARRAY(...))`: it looks the few ids up by primary
    # key, where it hashed an `IN` against a scan of every page.
    if connection.vendor == "postgresql":
        candidate = f"c.page_ptr_id = ANY(ARRAY({candidates}))"
    else:
        candidate = f"c.page_ptr_id IN ({candidates})"
    aggregate = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
    # A private practice: `restricted()` on the candidate's own row.
    private, private_params = (
        CaseStudyPage.objects.none()
        .query.get_compiler(connection=connection)
        .compile(InPrivateSection(RawSQL("p.path", ())))
    )
    marks = ", ".join(["%s"] * len(theme_ids))
    sql = (
        "SELECT p.id, p.path, p.depth, p.title, p.url_path, p.content_type_id, "  # noqa: S608
        "c.page_ptr_id, c.municipality_id, c.status, c.summary, c.label, "
        "c.is_example, m.name AS municipality_name, "
        "m.province AS municipality_province, "
        f"(SELECT {aggregate}(g.name || %s || g.slug, %s) "
        "FROM {practice_tags} t INNER JOIN {tags} g ON g.id = t.tag_id "
        "WHERE t.content_object_id = c.page_ptr_id) AS theme_tags "
        "FROM {practices} c INNER JOIN {pages} p ON p.id = c.page_ptr_id "
        "INNER JOIN {municipalities} m ON m.id = c.municipality_id "
        f"WHERE p.live AND {candidate} AND NOT {private} "
        "ORDER BY CASE WHEN m.province = %s THEN 1 ELSE 0 END DESC, "
        "(SELECT COUNT(*) FROM {practice_tags} t WHERE "
        f"t.content_object_id = c.page_ptr_id AND t.tag_id IN ({marks})) DESC, "
        "p.first_published_at DESC, c.page_ptr_id ASC "
        f"LIMIT {RELATED_COUNT}"
    )
    params = [
        SLUG_SEPARATOR,
        THEME_SEPARATOR,
        *candidate_params,
        *private_params,
        practice.municipality.province,
        *theme_ids,
    ]
    return sql.format(**tables), params


def related_practices(practice, theme_ids):
    """Up to three practices sharing themes, from the same province first, then
    by the number of themes they share, newest first.

    One query. Only the candidates (`_candidates_sql`, at most 50 per theme)
    are ranked: ranking every practice that shares a theme grew with the data.
    """
    if not theme_ids:
        return []
    db = CaseStudyPage.objects.db
    related = list(
        CaseStudyPage.objects.raw(
            *_related_sql(connections[db], practice, list(theme_ids))
        )
    )
    for card in related:
        # What `select_related("municipality")` with `.only()` would give.
        card.municipality = Municipality.from_db(
            db,
            ["id", "name", "province"],
            [card.municipality_id, card.municipality_name, card.municipality_province],
        )
    return related


def practice_documents(practice, request):
    """The practice's documents the visitor may open, in their order: one query
    unless one of them lies in a collection with a privacy setting, none when
    the practice was loaded knowing it has none (`has_documents`)."""
    if getattr(practice, "has_documents", True) is False:
        return []
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
    practice.attach_hero_renditions()
    themes = practice.ordered_themes()
    return {
        "themes": themes,
        "documents": practice_documents(practice, request),
        "related_practices": related_practices(practice, [t.pk for t in themes]),
        "show_contact_email": can_see_contact_email(request.user),
        "extra_sections": practice_sections(request, practice),
    }
