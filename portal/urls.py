from django.conf import settings
from django.urls import include, path
from wagtail import hooks
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import views

# The project mounts the apps by name; it imports none of them. An app with
# public URLs that are not pages adds its sitemap section through the
# `portal_sitemap_sections` hook, returning (name, Sitemap class).
sitemaps = {
    "pages": PageSitemap,
    **dict(section() for section in hooks.get_hooks("portal_sitemap_sections")),
}

urlpatterns = [
    # Before Wagtail's admin: the admin login with the lock on failed attempts.
    path("admin/", include("network.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("netwerk/", include("network.urls")),
    path("account/", include("network.account_urls")),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", views.search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", include("casestudies.urls")),
    path("", include(wagtail_urls)),
]

handler500 = "portal.views.server_error"
