"""What one request needs more than once, looked up once per request.

Cached fragments hide repeated lookups only while the cache is warm: after a
publish, a Redis restart or in a new worker every lookup runs again. What a
request needs several times (the site's root paths, the URLs of the index pages,
the pages it was routed through) is kept on the request instead, which is
correct without any cache. Outside a request nothing is kept.
"""

import contextvars
import functools
from contextlib import contextmanager

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.http.request import split_domain_port

from portal.precompiled import PrecompiledQuery

_request = contextvars.ContextVar("portal_request", default=None)
_unit_of_work = contextvars.ContextVar("portal_unit_of_work", default=None)


def without_site(view):
    """For a view that needs no site, menu or settings (robots.txt, the health
    check): no query for them."""
    view.portal_without_site = True
    return view


class CurrentRequestMiddleware:
    """Makes the request being served known to code that is not handed it, and
    loads its site (`load_sites`) before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "portal_without_site", False):
            load_sites(request)


def current_request():
    return _request.get()


@contextmanager
def unit_of_work():
    """Outside a request (a task building hundreds of mails, say): keep what
    `memo` computes until the block ends, as a request would."""
    token = _unit_of_work.set({})
    try:
        yield
    finally:
        _unit_of_work.reset(token)


def memo(name, compute, request=None):
    """`compute()`, once per request or `unit_of_work` (every time outside)."""
    request = request or current_request()
    if request is not None:
        store = request.__dict__.setdefault("_portal_memo", {})
    else:
        store = _unit_of_work.get()
    if store is None:
        return compute()
    if name not in store:
        store[name] = compute()
    return store[name]


def remember(name, value, request):
    """Keep `value` as what `memo(name, ...)` returns for the rest of `request`
    (found on the way by a query that had to run anyway)."""
    request.__dict__.setdefault("_portal_memo", {})[name] = value


def has_memo(name, request):
    return name in request.__dict__.get("_portal_memo", {})


def _match(site, hostname, port):
    # Wagtail's order in `get_site_for_hostname`.
    if site.hostname == hostname and site.port == port:
        return 0
    if site.hostname == hostname and site.is_default_site:
        return 1
    return 2 if site.is_default_site else 3


@functools.cache
def _root_page_accessors():
    """The names by which a `Page` reaches its specific row, for the page types
    that may only sit at the top of the tree (a site's home page): joined to
    the sites' query, so routing needs no query for the home page itself."""
    from wagtail.models import Page, get_page_models

    return tuple(
        model._meta.model_name
        for model in get_page_models()
        if model is not Page
        and model._meta.get_parent_list() == [Page]
        and model.allowed_parent_page_models() == [Page]
    )


def _keep_specific_root(root):
    """Keep the root page's specific form where `Page.specific` looks, with the
    base page's other attributes, as `get_specific()` would."""
    from django.core.exceptions import ObjectDoesNotExist

    for accessor in _root_page_accessors():
        try:
            specific = getattr(root, accessor)
        except ObjectDoesNotExist:
            continue
        for name, value in root.__dict__.items():
            specific.__dict__.setdefault(name, value)
        root.__dict__["specific"] = specific
        return


def _sites_queryset():
    from wagtail.models import PageViewRestriction, Site

    from portal.models import SiteSettings

    return (
        Site.objects.select_related(
            "root_page",
            "root_page__locale",
            *(f"root_page__{accessor}" for accessor in _root_page_accessors()),
            *(f"sitesettings__{field}" for field in SiteSettings.select_related),
        )
        .annotate(
            root_restricted=Exists(
                PageViewRestriction.objects.filter(
                    StartsWith(OuterRef("root_page__path"), F("page__path"))
                )
            )
        )
        # Sorted by `load_sites`: a handful of rows, and an ORDER BY made Django
        # hash every one of the 100+ selected columns to look for it among them.
        .order_by()
    )


# The same SQL on every request: compiled once per process.
_sites_query = PrecompiledQuery(_sites_queryset)


def load_sites(request):
    """The request's site and the site root paths, from one query.

    Wagtail finds each on its own (`Site.find_for_request`, and the root paths
    through the cache); both keep their answer on the request, where this
    leaves them, with the site's settings. Each site is marked with whether
    its root page is private, so the home page needs no query for its view
    restrictions, and brings its root page in its specific form, so routing
    needs no query for it either.
    """
    from wagtail.models.sites import SiteRootPath

    from portal.models import SiteSettings

    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return  # root paths per translation: Wagtail's own lookup
    sites = _sites_query()
    sites.sort(key=lambda site: site.hostname)
    sites.sort(
        key=lambda site: (site.root_page.url_path, site.is_default_site), reverse=True
    )
    for site in sites:
        _keep_specific_root(site.root_page)
    request._wagtail_cached_site_root_paths = [
        SiteRootPath(
            site.id,
            site.root_page.url_path,
            site.root_url,
            site.root_page.locale.language_code,
        )
        for site in sites
    ]
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site),
        key=lambda site: _match(site, hostname, port),
    )
    site = None
    if candidates:
        best = _match(candidates[0], hostname, port)
        if len(candidates) == 1 or best in (0, 1):
            site = candidates[0]
        elif best == 2:
            site = candidates[len(candidates) == 2]
    request._wagtail_site = site
    # The site's settings, as `SiteSettings.for_request` keeps them; when they
    # do not exist yet, it creates them.
    site_settings = getattr(site, "sitesettings", None) if site else None
    if site_settings is not None:
        site_settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
