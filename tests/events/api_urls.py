"""The portal's URLs plus Wagtail's page API, to prove the API never shows what
an event keeps private (the portal has no public API route yet)."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from portal.urls import urlpatterns as portal_urlpatterns

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), *portal_urlpatterns]
