from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from portal.exports import excel_csv_lines
from portal.models import SiteSettings
from portal.opendata import absolute_url, dataset, datasets
from portal.opendata.writers import csv_lines, datapackage, json_chunks


@method_decorator(require_GET, name="dispatch")
class OpenDataView(TemplateView):
    """The datasets, their licence, and what every column means."""

    template_name = "portal/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            datasets=datasets(),
            meta_title=_("Open data"),
            meta_description=_(
                "Hergebruik de gidsen, de praktijkvoorbeelden en de lijst van "
                "Vlaamse gemeenten: als CSV of JSON, met een woordenboek van elke "
                "kolom."
            ),
            **kwargs,
        )


def _with_licence(response, site_settings):
    if site_settings.open_data_licence:
        response["Link"] = f'<{site_settings.open_data_licence_url}>; rel="license"'
    return response


@require_GET
def dataset_file(request, slug, extension):
    found = dataset(slug)
    if found is None:
        raise Http404
    site_settings = SiteSettings.for_request(request)
    if extension == "csv":
        response = StreamingHttpResponse(
            csv_lines(found), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    else:
        response = StreamingHttpResponse(
            json_chunks(found, site_settings),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'inline; filename="{slug}.json"'
    return _with_licence(response, site_settings)


@require_GET
def dataset_excel_file(request, slug):
    """The dataset's CSV for Excel in Belgium: semicolons, decimal commas."""
    found = dataset(slug)
    if found is None:
        raise Http404
    header = [field.name for field in found.fields]
    rows = ([row[name] for name in header] for row in found.rows())
    response = StreamingHttpResponse(
        excel_csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-excel.csv"'
    return _with_licence(response, SiteSettings.for_request(request))


@require_GET
def package(request):
    site_settings = SiteSettings.for_request(request)
    document = datapackage(datasets(), site_settings, absolute_url("/"))
    response = JsonResponse(
        document, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    return _with_licence(response, site_settings)
