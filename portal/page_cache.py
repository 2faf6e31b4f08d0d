"""Whole anonymous pages from the shared cache (Redis, or local memory).

An anonymous GET is answered from the cache when an earlier one stored the
page and none of the scopes it hangs on moved since (portal.fragment_cache):
one cache round trip, no database query. The key is the scheme, host, path and
the query string with its parameters sorted and tracking parameters dropped.

A request that carries a session or messages cookie (a logged-in member, or
someone with a message to see) never reads or fills the cache. A page is never
stored when it is not a 200, sets a cookie, holds a CSRF token (every POST form
does: those pages stay uncached, so no token is ever shared), is a preview, or
says Cache-Control private, no-cache or no-store. A stored page is served
without `Vary: Cookie` and with `Cache-Control: public, s-maxage`, so the front
cache (deploy/nginx) keeps it too. Views that are not pages (feeds, the
sitemap, the figures) change with any content: their paths are remembered, and
every change purges them from the front cache as well (fragment_cache).
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_max_age,
    patch_cache_control,
)

from portal.fragment_cache import new_scope_token, remember_shared_path, scope_key

TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid")
UNCACHED_PREFIXES = (
    "/admin/",
    "/account/",
    "/documenten/",
    "/_util/",
    "/healthz",
    "/static/",
    "/media/",
)
MAX_QUERY_LENGTH = 512
MAX_CONTENT_LENGTH = 1024 * 1024
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Headers set again by the middleware outside this one, or per response.
SKIPPED_HEADERS = {"set-cookie", "vary", "cache-control", "age", "x-page-cache"}


def mark_page(page, request, serve_args, serve_kwargs):
    """before_serve_page hook: this response is a Wagtail page."""
    request.page_cache_page = page


def has_private_cookie(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or (
        getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    )


def cache_key(request):
    params = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not name.startswith(TRACKING_PARAMETERS)
        for value in values
    )
    url = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(params)}"
    return "portal:page:" + hashlib.sha256(url.encode()).hexdigest()


def candidate_scopes(path):
    """Every scope a response at `path` can hang on; known before the view runs."""
    scopes = ["site", "any", f"url:{path}"]
    parts = path.strip("/").split("/")
    scopes += ["tree:/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts))]
    return scopes


def read(key, scopes):
    """(stored entry or None, current version of each scope) in one round trip."""
    keys = {scope_key(scope): scope for scope in scopes}
    found = cache.get_many([key, *keys])
    entry = found.pop(key, None)
    missing = [name for name in keys if name not in found]
    if missing:
        token = new_scope_token()
        for name in missing:
            cache.add(name, token, timeout=None)
        found.update(cache.get_many(missing))
    return entry, {keys[name]: version for name, version in found.items()}


def cache_control_directives(response):
    header = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in cc_delim_re.split(header)}


def may_store(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if cache_control_directives(response) & UNCACHEABLE_DIRECTIVES:
        return False
    if get_max_age(response) == 0:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v}
    if vary - {"cookie", "accept-language", "accept-encoding"}:
        return False
    return len(response.content) <= MAX_CONTENT_LENGTH


class PageCacheMiddleware:
    """Place it after WhiteNoise and before the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PORTAL_PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(UNCACHED_PREFIXES)
            or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH
        ):
            return self.get_response(request)
        if has_private_cookie(request):
            response = self.get_response(request)
            # Shown to one person: no shared cache may keep it.
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response

        key = cache_key(request)
        entry, versions = read(key, candidate_scopes(request.path))
        if entry and all(
            versions.get(scope) == version
            for scope, version in entry["versions"].items()
        ):
            return self.hit(entry)

        response = self.get_response(request)
        if not may_store(request, response):
            return response
        is_page = hasattr(request, "page_cache_page")
        depends = [
            scope
            for scope in candidate_scopes(request.path)
            if not (is_page and scope == "any")
        ]
        if any(scope not in versions for scope in depends):
            return response  # the cache does not answer: serve, keep nothing
        # The page was anonymous and sets no cookie: it is the same for everyone.
        vary = [
            value.strip()
            for value in response.get("Vary", "").split(",")
            if value.strip() and value.strip().lower() != "cookie"
        ]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif response.has_header("Vary"):
            del response["Vary"]
        # Shared caches keep only what a change purges: exact URLs.
        shared_seconds = settings.PORTAL_FRONT_CACHE_SECONDS
        if request.META.get("QUERY_STRING") or (
            not is_page and not remember_shared_path(request)
        ):
            shared_seconds = 0
        response["Cache-Control"] = f"public, max-age=0, s-maxage={shared_seconds}"
        cache.set(
            key,
            {
                "content": response.content,
                "headers": [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in SKIPPED_HEADERS
                ]
                + [("Cache-Control", response["Cache-Control"])]
                + ([("Vary", response["Vary"])] if vary else []),
                "stored_at": time.time(),
                "versions": {scope: versions[scope] for scope in depends},
            },
            seconds,
        )
        response["Age"] = "0"
        response["X-Page-Cache"] = "miss"
        return response

    def hit(self, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
        response["X-Page-Cache"] = "hit"
        return response
