"""What the case-study index and detail pages put in their templates.

The pages are Wagtail pages; these build their context (`CaseStudyIndexPage`'s
listing route and `CaseStudyPage.get_context`).
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Case, Count, IntegerField, Max, Prefetch, Value, When
from django.http import Http404
from wagtail.images import get_image_model

from casestudies.extensions import practice_sections
from casestudies.filters import SORTS, CaseStudyFilter
from casestudies.models import CaseStudyPage, CaseStudyPageTag
from portal.models.documents import in_private_collection, openable_documents
from portal.roles import is_network_member

PER_PAGE = 12
CARD_IMAGE = "fill-640x360"
HERO_IMAGE = "fill-1200x560"
RELATED_COUNT = 3


def with_card_renditions(queryset):
    """Fetch the card image's rendition with the practices: one query per page."""
    Rendition = get_image_model().get_rendition_model()
    return queryset.select_related("hero_image").prefetch_related(
        Prefetch(
            "hero_image__renditions",
            queryset=Rendition.objects.filter(filter_spec=CARD_IMAGE),
        )
    )


def listing_context(index, request):
    case_filter = CaseStudyFilter(request.GET)
    practices = index.practices()
    # Facets first: their theme query also checks the chosen themes.
    facets, total, years = case_filter.facets(practices)
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
    # Theme names and card images for this page's practices only, still in one
    # query: SQLite computed the names of every match before sorting them.
    page_obj.object_list = with_card_renditions(
        CaseStudyPage.objects.filter(pk__in=page_obj.object_list.values("pk"))
        .select_related("municipality")
        .with_theme_names()
        .order_by(*SORTS[case_filter.sort][1])
    )
    querystring = case_filter.querystring("sorteer")
    suffix = f"?{querystring}" if querystring else ""
    return {
        "filter": case_filter,
        "facets": facets,
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
        # A combination of filters is not a page search engines should keep.
        "meta_noindex": case_filter.active_count() >= 2,
    }


def can_see_contact_email(user):
    """Members of the network and Mechelen's editors; never anonymous visitors."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or is_network_member(user)
        or user.has_perm("wagtailadmin.access_admin")
    )


def related_practices(practice, theme_ids):
    """Up to three practices sharing themes, from the same province first.

    One query: the inner one ranks the tagged rows of these themes (the tag_id
    index) grouped by practice id; only the three it keeps are then loaded with
    their theme names. Grouping every sharing practice's full row cost about two
    thirds of the page.
    """
    if not theme_ids:
        return []
    same_province = Case(
        When(
            content_object__municipality__province=practice.municipality.province,
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    ranked = (
        CaseStudyPageTag.objects.filter(
            tag_id__in=theme_ids,
            content_object__in=CaseStudyPage.objects.live().public(),
        )
        .exclude(content_object_id=practice.pk)
        .values("content_object_id")
        .annotate(shared=Count("pk"), same_province=Max(same_province))
        .order_by(
            "-same_province",
            "-shared",
            "-content_object__first_published_at",
            "content_object_id",
        )
        .values("content_object_id")[:RELATED_COUNT]
    )
    # The subquery's order does not carry over: the three are ranked again.
    return list(
        CaseStudyPage.objects.filter(pk__in=ranked, tagged_items__tag_id__in=theme_ids)
        .select_related("municipality")
        .with_theme_names()
        .annotate(
            shared=Count("tagged_items", distinct=True),
            same_province=Case(
                When(
                    municipality__province=practice.municipality.province, then=Value(1)
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-same_province", "-shared", "-first_published_at", "pk")
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
