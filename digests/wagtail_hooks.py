from django.urls import include, path
from wagtail import hooks

from digests import views


@hooks.register("register_site_urls")
def register_follow_urls():
    return [path("volgen/", include("digests.urls"))]


@hooks.register("portal_page_actions")
def follow_button(request, **subject):
    return views.follow_button(request, **subject)


@hooks.register("member_dashboard_sections")
def dashboard_follows(request):
    return views.dashboard_section(request)
