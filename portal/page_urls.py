"""Page URLs for the links every page shows (menu, service and footer links,
breadcrumbs), worked out once per process for what they depend on.

`Page.get_url(request)` reverses Wagtail's serve route for each link: some
eighty function calls a link, for a dozen links on every page. Its answer
depends only on the page's `url_path`, the sites' root paths and the
request's site (all read from the database on this request, by
`request_memo.load_sites` and the query that brought the page), the URL
configuration and the script prefix. Those are the key, so a page moved or
renamed in another process has a new `url_path` and gets a new URL here too.
"""

from django.urls import get_script_prefix, get_urlconf
from wagtail.models import Site

# Entries kept at most: more links than a site has in its frame; beyond it, a
# URL is worked out as Wagtail does, every time.
_MAX_URLS = 2048
_urls = {}


def _request_key(request):
    """What a URL depends on besides the page, the same for a whole request."""
    key = request.__dict__.get("_portal_page_url_key")
    if key is None:
        site = Site.find_for_request(request)
        key = request._portal_page_url_key = (
            tuple(request._wagtail_cached_site_root_paths),
            site.pk if site is not None else None,
            get_script_prefix(),
            get_urlconf(),
        )
    return key


def _memoised(page, request, full):
    if request is None or not hasattr(request, "_wagtail_cached_site_root_paths"):
        # Root paths not loaded by `load_sites` (no request, or a view without
        # a site): Wagtail's own way.
        return page.get_full_url(request) if full else page.get_url(request)
    key = (type(page), page.url_path, full, _request_key(request))
    url = _urls.get(key)
    if url is None:
        url = page.get_full_url(request) if full else page.get_url(request)
        if len(_urls) < _MAX_URLS:
            _urls[key] = url
    return url


def page_url(page, request):
    """`page.get_url(request)`: relative within the request's site."""
    return _memoised(page, request, full=False)


def page_full_url(page, request):
    """`page.get_full_url(request)`, for the canonical link."""
    return _memoised(page, request, full=True)
