from django.urls import path, re_path

from portal.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.OpenDataView.as_view(), name="index"),
    path("datapackage.json", views.package, name="package"),
    # Before the general pattern, whose slug would swallow "-excel".
    re_path(
        r"^(?P<slug>[a-z0-9-]+)-excel\.csv$",
        views.dataset_excel_file,
        name="excel-file",
    ),
    re_path(
        r"^(?P<slug>[a-z0-9-]+)\.(?P<extension>csv|json)$",
        views.dataset_file,
        name="file",
    ),
]
