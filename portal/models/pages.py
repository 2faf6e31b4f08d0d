import functools
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.blocks import BaseStreamBlock
from portal.precompiled import PrecompiledQuery
from portal.request_memo import current_request, has_memo, memo, remember


class InPrivateSection(models.Func):
    """Whether a page lies at or under a page with a view restriction.

    The subquery starts from the few restrictions and looks up each one's page
    by primary key. SQLite would otherwise start from the restricted pages' side
    and scan every page for every outer page (minutes at 5,000 practices), so
    there a CROSS JOIN fixes the order; PostgreSQL plans it well either way.
    """

    output_field = models.BooleanField()
    template = (
        "EXISTS (SELECT 1 FROM {restrictions} r {join} {pages} rp ON rp.id = r.page_id"
        " WHERE %(expressions)s LIKE rp.path || '%%%%')"
    )

    def as_sql(self, compiler, connection, **extra):
        join = "CROSS JOIN" if connection.vendor == "sqlite" else "INNER JOIN"
        template = self.template.format(
            restrictions=connection.ops.quote_name(PageViewRestriction._meta.db_table),
            pages=connection.ops.quote_name(Page._meta.db_table),
            join=join,
        )
        return super().as_sql(compiler, connection, template=template, **extra)


def restricted():
    """Whether the page lies in a private section, as an expression of its
    own row (treebeard paths hold only digits and capitals: no LIKE escapes)."""
    return InPrivateSection(models.F("path"))


def private_q():
    """Pages in a private section, as a subquery: Wagtail's own `private_q()`
    reads every view restriction first, one query per `.public()`."""
    return Q(restricted())


def public(pages):
    """`pages.public()` for any page queryset, without a query of its own."""
    return pages.exclude(private_q())


class PortalPageQuerySet(PageQuerySet):
    def private_q(self):
        # As a subquery (which search backends accept as `pk__in`): Wagtail's
        # own reads every view restriction first, one query per `.public()`.
        return Q(pk__in=Page.objects.filter(restricted()).values("pk"))

    def public(self):
        """The pages outside every private section, as `pk IN (public pages)`.

        Still a `pk__in` that search backends accept, but positive: PostgreSQL
        turns it into a semi-join it can run per row through the primary key.
        Wagtail's `exclude(private_q())` is a `NOT IN`, which it can only hash
        over every page and guess to keep half of them, so a listing sorted and
        cut to one page joined and sorted every practice first (the practices
        feed 70 to 1 ms of SQL at 5,000 practices).
        """
        return self.filter(pk__in=Page.objects.exclude(restricted()).values("pk"))

    def public_child_of(self, parent):
        """`child_of(parent).public()`, checked from the few restrictions: a child
        is private when it or a page on `parent`'s path has one. The check of the
        path runs once, the child's own by its page id, so a listing sorted by
        an index reads only the rows of its page instead of every page."""
        above = PageViewRestriction.objects.filter(
            page__path__in=ancestor_paths(parent)
        )
        own = PageViewRestriction.objects.filter(page=models.OuterRef("pk"))
        return self.child_of(parent).filter(~models.Exists(above), ~models.Exists(own))


@dataclass
class FramePages:
    menu: list
    services: list
    index_urls: dict


@functools.cache
def _index_models():
    """The page types whose URL every page may link to (`url_everywhere`)."""
    return tuple(
        model for model in apps.get_models() if getattr(model, "url_everywhere", False)
    )


def _service_models():
    from portal.models import ContactPage, FaqPage

    return (FaqPage, ContactPage)


def _frame_content_type_ids():
    return [
        content_type.pk
        for content_type in ContentType.objects.get_for_models(
            *_service_models(), *_index_models()
        ).values()
    ]


def _frame_q(site):
    """The live pages of the frame, as a condition on a page's own row."""
    wanted = Q(content_type__in=_frame_content_type_ids())
    if site is not None:
        root = site.root_page
        wanted |= Q(
            path__startswith=root.path, depth=root.depth + 1, show_in_menus=True
        )
    return Q(live=True) & wanted


def _in_frame(page, site, content_type_ids):
    """`_frame_q(site)` for a row in hand (treebeard paths hold only digits and
    capitals, so `startswith` is the SQL's LIKE, also where LIKE ignores case)."""
    if not page.live:
        return False
    if page.content_type_id in content_type_ids:
        return True
    root = site.root_page
    return (
        page.show_in_menus
        and page.depth == root.depth + 1
        and page.path.startswith(root.path)
    )


def _build_frame(request, site, pages):
    """The frame from its pages' rows, annotated with `_portal_restricted`."""
    service_models, index_models = _service_models(), _index_models()
    root = site.root_page if site is not None else None
    frame = FramePages(menu=[], services=[], index_urls={})
    # In tree order, sorted here: for the few rows, an ORDER BY cost Django
    # more (it compares the ordering with every selected column) than Python.
    for page in sorted(pages, key=lambda page: page.path):
        model = page.specific_class or Page
        if page._portal_restricted:
            continue
        if issubclass(model, index_models):
            frame.index_urls.setdefault(model, page.get_url(request))
        if issubclass(model, service_models):
            frame.services.append(page)
        if (
            root is not None
            and page.show_in_menus
            and page.depth == root.depth + 1
            and page.path.startswith(root.path)
        ):
            frame.menu.append(page)
    return frame


def _frame_key(site, content_type_ids):
    """What the frame's SQL depends on: the site's root and the page types."""
    content_type_ids = tuple(sorted(content_type_ids))
    if site is None:
        return (None, content_type_ids)
    root = site.root_page
    return (site.pk, root.path, root.depth, content_type_ids)


# The frame alone, for the views Wagtail does not route (the dashboard, the
# forms): compiled once per site root.
_frame_only = PrecompiledQuery(
    lambda site: (
        Page.objects.filter(_frame_q(site))
        .annotate(_portal_restricted=restricted())
        .order_by()
    )
)


def _frame_pages(request):
    site = Site.find_for_request(request) if request else None
    key = _frame_key(site, _frame_content_type_ids())
    return _build_frame(request, site, _frame_only(site, key=key))


def _below_q(parent, url_paths):
    return Q(
        path__startswith=parent.path, depth__gt=parent.depth, url_path__in=url_paths
    )


# Compiled once per site root (and number of path segments): every routed page
# runs it first.
_routed_with_frame = PrecompiledQuery(
    lambda site, url_paths: (
        Page.objects.filter(_below_q(site.root_page, url_paths) | _frame_q(site))
        .annotate(_portal_restricted=restricted())
        .order_by()
    )
)


def _specific_pages(model, pks, request=None):
    """The pages of `model` with these ids, marked with whether they are
    private, with what the page type's template needs."""
    return (
        model.routed_queryset(
            model._default_manager.annotate(_portal_restricted=restricted()), request
        )
        .filter(pk__in=pks)
        .order_by()
    )


# For page types whose query does not depend on the request: compiled once per
# type, the page's id as a parameter.
_specific_pages_static = PrecompiledQuery(_specific_pages)


def _routed_page(model, pk, request):
    """The page a request was routed to, in its specific form."""
    if model.routed_queryset.__func__ is BasePage.routed_queryset.__func__:
        rows = _specific_pages_static(model, key=model, values=[pk])
    else:
        rows = list(_specific_pages(model, [pk], request))
    if not rows:
        raise model.DoesNotExist
    return rows[0]


def routed_pages(request, parent, url_paths):
    """The pages below `parent` at these URL paths, unordered (routing looks
    them up by path).

    Routed from the site root, the same query brings the frame pages, which
    every page shows (`frame_pages` then needs no query of its own).
    """
    site = Site.find_for_request(request)
    if (
        site is None
        or site.root_page_id != parent.pk
        or has_memo("frame_pages", request)
    ):
        return list(Page.objects.filter(_below_q(parent, url_paths)).order_by())
    content_type_ids = _frame_content_type_ids()
    rows = _routed_with_frame(
        site, key=_frame_key(site, content_type_ids), values=url_paths
    )
    # Which rows are the frame's is told from the rows themselves: as a second
    # condition in the query, Django built and compiled it once more.
    content_type_ids = set(content_type_ids)
    remember(
        "frame_pages",
        _build_frame(
            request,
            site,
            [row for row in rows if _in_frame(row, site, content_type_ids)],
        ),
        request,
    )
    return [
        row
        for row in rows
        if row.url_path in url_paths
        and row.path.startswith(parent.path)
        and row.depth > parent.depth
    ]


def frame_pages(request=None):
    """What every page links to, from one query per request: the menu (the
    site root's live, public children marked 'show in menus'), the service
    pages (FAQ, contact) and the URL of each index page marked
    `url_everywhere` (see `network.models.cached_page_url`)."""
    request = request or current_request()
    return memo("frame_pages", lambda: _frame_pages(request), request)


def ancestor_paths(page, inclusive=True):
    """The tree paths of the pages above `page`, from the root; no query."""
    step = Page.steplen
    last = len(page.path) if inclusive else len(page.path) - step
    return [page.path[:end] for end in range(step, last + 1, step)]


def route_trail(request):
    """The live pages a request was routed through below the site root, by path
    (filled by `BasePage.route`), or None."""
    return getattr(request, "_portal_route_trail", None)


class BasePage(Page):
    """What every page of the portal has: an intro and fields for sharing.

    The intro doubles as the meta description when no search description is set.
    """

    intro = models.TextField(
        _("inleiding"),
        blank=True,
        max_length=400,
        help_text=_(
            "Eén of twee zinnen bovenaan de pagina en op kaarten die ernaar linken."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Getoond wanneer iemand de pagina deelt op sociale media."),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Delen")),
    ]

    objects = PageManager.from_queryset(PortalPageQuerySet)()

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro

    def route(self, request, path_components):
        """Wagtail's routing, with the pages below looked up in one query.

        Wagtail asks for one child per path segment and its specific page each
        time; here all pages on the path come in one query. A page with routing
        of its own (RoutablePageMixin) takes over the rest of the path, as with
        Wagtail.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[: length + 1])}/"
            for length in range(len(path_components))
        ]
        # Kept on the request: a page with routing of its own that hands the
        # rest back (a practice below the practices index) needs no new query.
        found = request.__dict__.setdefault("_portal_route_pages", {})
        missing = [prefix for prefix in prefixes if prefix not in found]
        if missing:
            found.update(dict.fromkeys(missing))
            pages = routed_pages(request, self, missing)
            found.update((page.url_path, page) for page in pages)
        trail = route_trail(request) or []
        if trail and trail[-1].pk == self.pk:
            trail = [*trail[:-1], self]
        else:
            trail = [self]
        for position, prefix in enumerate(prefixes):
            page = found.get(prefix)
            if page is None:
                raise Http404
            page._cached_parent_obj = trail[-1]
            trail.append(page)
            last = position == len(prefixes) - 1
            model = page.specific_class
            if last or model.route is not BasePage.route:
                request._portal_route_trail = trail
                # The page itself, marked with whether it is private.
                specific = _routed_page(model, page.pk, request)
                specific._cached_parent_obj = trail[-2]
                return specific.route(request, path_components[position + 1 :])
        raise Http404  # pragma: no cover - the loop returns on its last prefix

    @classmethod
    def routed_queryset(cls, queryset, request):
        """The query that loads a page a request was routed to: a page type
        adds what its template needs (`select_related`, annotations) so the
        page costs no query of its own for it."""
        return queryset

    def get_view_restrictions(self):
        """The restrictions on this page and above, in one query: Wagtail asks
        for the ancestors first to resolve aliases (which keep its lookup)."""
        if self.alias_of_id:
            return super().get_view_restrictions()
        if not getattr(self, "_portal_restricted", True) or self._is_public_root():
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page__path__in=ancestor_paths(self))

    def _is_public_root(self):
        """Whether this is the root page of the request's site, and public
        (known from `portal.request_memo.load_sites`)."""
        site = getattr(current_request(), "_wagtail_site", None)
        return (
            site is not None
            and site.root_page_id == self.pk
            and getattr(site, "root_restricted", True) is False
        )

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        # Wagtail keeps the site root paths on the request only when handed one;
        # `page.url` is not, and would ask the cache (or the database) each time.
        return super()._get_site_root_paths(
            cache_object or current_request() or self, **kwargs
        )


class ContentPage(BasePage):
    """A page of text: the story of the programme, statements, neighbourhoods."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["home.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]

    template = "portal/content_page.html"

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = public(self.get_children().live()).specific()
        return context
