from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from network import views as network_views
from network.sitemaps import ExperienceSitemap
from portal import views

# Each app that has public non-page URLs adds its own section here.
sitemaps = {"pages": PageSitemap, "experiences": ExperienceSitemap}

urlpatterns = [
    # Before the admin include: the admin login with the lock on failed attempts.
    path("admin/login/", network_views.AdminLoginView.as_view(), name="admin-login"),
    path("admin/", include(wagtailadmin_urls)),
    path("netwerk/", include("network.urls")),
    # The figures and the trajectories, served by an app above the portal.
    path("netwerk/", include("trajectories.urls")),
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
