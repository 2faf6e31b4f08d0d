"""Calendar files: Wagtail's page URL pattern cannot match a path with a dot.

`/agenda/agenda.ics` and `/agenda/<event>/kalender.ics` are handed to Wagtail's
own serve view with a trailing slash, so the pages' routable `….ics/` routes
answer them after the usual page checks (published, view restrictions).
Registered through the portal's `register_site_urls` hook.
"""

from django.urls import re_path
from wagtail.views import serve


def serve_calendar(request, path):
    return serve(request, f"{path}/")


urlpatterns = [
    re_path(r"^((?:[\w\-]+/)+[\w\-]+\.ics)$", serve_calendar, name="events-calendar"),
]
