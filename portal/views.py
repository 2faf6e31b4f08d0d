from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Page

from portal.search import clean_query

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    raw_query = request.GET.get("q", "")
    query, notes = clean_query(raw_query)
    results_page = None
    sections = []
    if query:
        results = Page.objects.live().public().specific().search(query)
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        # Apps add results that are not pages (e.g. members' experiences).
        sections = [
            section
            for hook in hooks.get_hooks("portal_search_sections")
            if (section := hook(request, query))["count"]
        ]
    elif raw_query.strip():
        notes.append(_("Je zoekopdracht bevat geen woorden waarop we kunnen zoeken."))
    return render(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "raw_query": raw_query.replace("\x00", "")[:200],
            "results_page": results_page,
            "sections": sections,
            "total": (results_page.paginator.count if results_page else 0)
            + sum(section["count"] for section in sections),
            "notes": notes,
            "meta_title": _("Zoeken"),
            "meta_description": _(
                "Zoek in de gidsen, praktijkvoorbeelden en pagina's."
            ),
        },
    )


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
    """The 500 page, rendered without a request context so it needs no database."""
    return HttpResponseServerError(loader.get_template("500.html").render({}))
