import logging
import sys

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.admin.views.account import LoginView as WagtailLoginView
from wagtail.admin.views.account import (
    PasswordResetView as WagtailPasswordResetView,
)

from portal import ratelimit
from portal.cache import cache_is_healthy
from portal.forms import SiteSearchFilter
from portal.lockout import LoginLockMixin, PasswordResetThrottleMixin
from portal.request_memo import without_site
from portal.search import SiteSearch, Spelling

logger = logging.getLogger("portal.views")

SEARCHES_PER_MINUTE = 30
# What a visitor is told to wait when the database is away.
RETRY_AFTER_SECONDS = 30


@require_GET
def search(request):
    raw_query = request.GET.get("q", "")
    if raw_query.strip():
        ip = ratelimit.client_ip(request)
        if ratelimit.hit("search", ip, 60) > SEARCHES_PER_MINUTE:
            return ratelimit.too_many_requests(
                request,
                _("Je zocht erg vaak na elkaar. Wacht een minuut en zoek opnieuw."),
                retry_after=ratelimit.seconds_left("search", ip),
            )
    form = SiteSearchFilter(request.GET)
    query, kind = form.values["q"], form.kind
    notes = form.notes
    found = suggestion = None
    if query:
        page_number = request.GET.get("page")
        # The index tells whether anything can be found (a typo: no need to
        # search) and, from its vocabulary, the closest spelling.
        spelling = Spelling(query)
        found = SiteSearch(request, query, kind, page_number, spelling=spelling)
        # Nothing for what was typed: perhaps a typo; search the closest
        # indexed words instead.
        if not found.total and (suggestion := spelling.suggestion()):
            alternative = SiteSearch(request, suggestion, kind, page_number)
            if alternative.total:
                found.alternative = alternative
    elif raw_query.strip():
        notes.append(_("Je zoekopdracht bevat geen woorden waarop we kunnen zoeken."))
    return render(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "raw_query": raw_query.replace("\x00", "")[:200],
            "filter_form": form,
            "kind": kind,
            "found": found,
            "suggestion": suggestion,
            "query_without_kind": form.querystring(without="soort"),
            "total": found.total if found else 0,
            "notes": notes,
            "meta_title": _("Zoeken"),
            "meta_description": _(
                "Zoek in de gidsen, praktijkvoorbeelden, documenten, ervaringen en "
                "gemeenten."
            ),
        },
    )


@without_site
@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def server_error(request):
    """The 500 page, rendered without a request context so it needs no database.

    When the database itself is away the fault is passing: 503 with Retry-After,
    so browsers, crawlers and monitors know to come back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and not _database_answers():
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def _database_answers():
    # Django already dropped an unusable connection when the request started
    # (CONN_HEALTH_CHECKS); a connection cut since then fails here, as it should.
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


@without_site
@never_cache
@require_GET
def healthz(request):
    """200 when the database and the cache answer; 503 naming what failed.

    For the load balancer and monitoring: it says nothing else, is never cached
    and is not logged on each call (Django would log every 503).
    """
    failing = []
    if not _database_answers():
        failing.append("database")
    if not cache_is_healthy():
        failing.append("cache")
    response = JsonResponse(
        {"status": "fail" if failing else "ok", "failing": failing},
        status=503 if failing else 200,
    )
    response._has_been_logged = True
    return response


class AdminLoginView(LoginLockMixin, WagtailLoginView):
    """Wagtail's admin login behind the same lock as every other login form."""


class AdminPasswordResetView(PasswordResetThrottleMixin, WagtailPasswordResetView):
    """Wagtail's password reset with the member reset's throttles."""
