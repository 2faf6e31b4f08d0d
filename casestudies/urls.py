"""Routes Wagtail's page URL pattern cannot match because they contain a dot.

`/praktijkvoorbeelden/export.csv` is handed to Wagtail's own serve view with a
trailing slash, so the index page's routable `export.csv/` route answers it, with
the usual page checks (published, view restrictions).
"""

from django.urls import re_path
from wagtail.views import serve

app_name = "casestudies"


def serve_export(request, path):
    return serve(request, f"{path}/")


urlpatterns = [
    re_path(
        r"^((?:[\w\-]+/)+export(?:-excel)?\.(?:csv|json))$",
        serve_export,
        name="export",
    ),
]
