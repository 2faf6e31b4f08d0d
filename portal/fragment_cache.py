"""What visitors see is cached; this module says when it is out of date.

Two layers hang on it:

- Template fragments that depend on published content (menu, footer, home
  page blocks) include one content version in their cache key.
- Whole anonymous pages (portal.page_cache, and the front cache in nginx) hang
  on narrower *scopes*, so a change throws away only the pages that show it:
  ``url:<path>`` (a URL with all its query strings), ``tree:<path>`` (every URL
  below it: breadcrumbs show the ancestors' titles), ``site`` (menu, footer,
  site settings) and ``any`` (views that are not pages: feeds, the sitemap,
  search, open data).

`content_changed(paths)` is the one entry point: it moves the content version
and the scopes on, and after the transaction commits it enqueues the purge of
those URLs from the front cache (`portal.frontend_cache.purge_front_cache`, a
task: nginx is never called inside a request). Publishing,
unpublishing, moving or deleting a page, or saving the site settings, calls it
here; the apps call it for what is not a page (experiences, memberships).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "portal:content-version"
HOME = "/"
# Paths of views that are not pages and that shared caches keep (feeds, the
# sitemap, the figures): every change purges them from the front cache.
SHARED_PATHS_KEY = "portal:shared-paths"
MAX_SHARED_PATHS = 1000


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


# Scopes ---------------------------------------------------------------------


def scope_key(scope):
    return "portal:scope:" + hashlib.md5(scope.encode()).hexdigest()  # noqa: S324


def new_scope_token():
    # Never reused: a scope key the cache evicted and re-creates gets a value no
    # stored page was built against, so those pages miss rather than come back.
    return time.time_ns()


def bump_scopes(scopes):
    token = new_scope_token()
    cache.set_many({scope_key(scope): token for scope in scopes}, timeout=None)


def scopes_for_paths(paths, below=(), *, site=False):
    scopes = {"any", *(f"url:{path}" for path in paths)}
    scopes |= {f"tree:{path}" for path in below if path != HOME}
    if site:
        scopes.add("site")
    return scopes


def content_changed(paths=(), *, below=(), site=False, pages=()):
    """What visitors see at these URL paths changed (and at every URL under
    the paths in `below`).

    The home page, feeds, the sitemap and search always change with content.
    `pages` are Wagtail pages whose own URLs (routable sub-pages included) the
    front cache forgets as well.
    """
    paths = {HOME, *paths, *below}
    scopes = scopes_for_paths(paths, below, site=site)
    bump_content_version()
    bump_scopes(scopes)

    def after_commit():
        # Again after the commit: a request that read the old rows during the
        # transaction may have stored its page under the first new version.
        bump_scopes(scopes)
        enqueue_front_purge(paths, pages)

    transaction.on_commit(after_commit)


def remember_shared_path(request):
    """May a shared cache keep this view that is not a page? Only without a query
    string (nginx purges exact URLs) and while the list of such paths is short."""
    if request.META.get("QUERY_STRING") or not getattr(
        settings, "WAGTAILFRONTENDCACHE", None
    ):
        return False
    paths = cache.get(SHARED_PATHS_KEY) or []
    if request.path in paths:
        return True
    if len(paths) >= MAX_SHARED_PATHS:
        return False
    # Two workers adding at once may lose one path: nginx then keeps that view
    # until s-maxage (PORTAL_FRONT_CACHE_SECONDS), as it would a menu change.
    cache.set(SHARED_PATHS_KEY, [*paths, request.path], timeout=None)
    return True


def front_cache_urls(paths, pages=()):
    """The absolute URLs to purge: the paths, the remembered views that are not
    pages, and each page's own URLs (routable sub-pages included)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    paths = set(paths) | set(cache.get(SHARED_PATHS_KEY) or [])
    batch = PurgeBatch(settings.PORTAL_BASE_URL + path for path in paths)
    batch.add_pages(pages)
    return sorted(batch.urls)


def enqueue_front_purge(paths, pages=()):
    """Queue the purge of these paths and pages; the task worker sends it."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from portal.frontend_cache import purge_front_cache

    purge_front_cache.enqueue(front_cache_urls(paths, pages))


# Pages ----------------------------------------------------------------------


def page_path(page):
    """The page's URL path on its site, or None when it has none."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _page_paths(page, parent=None):
    parent = parent or page.get_parent()
    return {
        path
        for path in (page_path(page), page_path(parent) if parent else None)
        if path
    }


def _in_menu(page):
    # The header and footer show the site root's children.
    return page.depth <= 3 or page.show_in_menus


def _page_changed(sender, instance, **kwargs):
    content_changed(
        _page_paths(instance),
        below={page_path(instance)} - {None},
        site=_in_menu(instance),
        pages=[instance],
    )


def _old_path(url_path):
    from wagtail.models import Site

    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def _page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    # The old and the new URL, with everything below them; both parents.
    below = {_old_path(kwargs["url_path_before"]), page_path(instance)} - {None}
    paths = _page_paths(instance, parent_page_after)
    paths |= {page_path(parent_page_before)} - {None}
    content_changed(paths, below=below, site=_in_menu(instance), pages=[instance])


def _site_settings_saved(sender, created, **kwargs):
    # Wagtail creates the settings row with its defaults on first use, during a
    # request that already renders those defaults; only a real edit is news.
    if not created:
        content_changed(site=True)


def _page_deleted(sender, instance, **kwargs):
    # Sent once per model in the page's inheritance chain; any of them will do.
    from wagtail.models import Page

    if isinstance(instance, Page):
        path = page_path(instance)
        parent = {path.rstrip("/").rpartition("/")[0] + "/"} if path else ()
        content_changed(parent, below={path} - {None}, site=_in_menu(instance))


def connect_signals():
    from portal.models import SiteSettings

    page_published.connect(_page_changed, dispatch_uid="portal.cache.published")
    page_unpublished.connect(_page_changed, dispatch_uid="portal.cache.unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="portal.cache.moved")
    post_delete.connect(_page_deleted, dispatch_uid="portal.cache.deleted")
    post_save.connect(
        _site_settings_saved, sender=SiteSettings, dispatch_uid="portal.cache.settings"
    )
