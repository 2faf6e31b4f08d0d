from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as document_views
from wagtail.views import authenticate_with_password

from portal import views
from portal.lockout import throttled_password_form
from portal.opendata.sitemaps import OpenDataSitemap

# The project mounts the apps by name; it imports none of them. An app with
# public URLs that are not pages adds its sitemap section through the
# `portal_sitemap_sections` hook, returning (name, Sitemap class).
sitemaps = {
    "pages": PageSitemap,
    "open-data": OpenDataSitemap,
    **dict(section() for section in hooks.get_hooks("portal_sitemap_sections")),
}

# Every login and password form the site answers shares one lock and throttle
# (portal.lockout); these routes come before the includes that would serve the
# unprotected originals.
login_urlpatterns = [
    path("admin/login/", views.AdminLoginView.as_view(), name="admin-login"),
    path(
        "admin/password_reset/",
        views.AdminPasswordResetView.as_view(),
        name="admin-password-reset",
    ),
    # Wagtail's front-end login: members and editors log in on the member login.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account:login", query_string=True),
        name="frontend-login",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        throttled_password_form(authenticate_with_password),
        name="page-password",
    ),
    path(
        "documenten/authenticate_with_password/<int:restriction_id>/",
        throttled_password_form(document_views.authenticate_with_password),
        name="document-password",
    ),
]

urlpatterns = [
    *login_urlpatterns,
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("netwerk/", include("network.urls")),
    # The figures and the trajectories, served by an app above the portal.
    path("netwerk/", include("trajectories.urls")),
    path("account/", include("network.account_urls")),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", views.search, name="search"),
    path("open-data/", include("portal.opendata.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Apps above the portal add public URLs that Wagtail's page routing cannot match
# (e.g. calendar files ending in .ics) through the `register_site_urls` hook.
for register_site_urls in hooks.get_hooks("register_site_urls"):
    urlpatterns += register_site_urls()

urlpatterns += [
    path("", include("casestudies.urls")),
    path("", include(wagtail_urls)),
]

handler500 = "portal.views.server_error"
