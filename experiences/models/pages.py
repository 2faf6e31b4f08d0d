from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from network.models import CachedURLPageMixin, cached_page_url
from portal.models import BasePage


def experiences_url():
    """The experiences list's URL path (once per request; see `cached_page_url`)."""
    return cached_page_url(ExperienceIndexPage, "/ervaringen/")


class ExperienceIndexPage(CachedURLPageMixin, RoutablePageMixin, BasePage):
    """What members share: the public list, the feed, and every member's own
    writing screens, all below this one page (`experiences.views`)."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []

    template = "experiences/experience_index_page.html"

    class Meta:
        # The table kept its name when the page moved out of `network`.
        db_table = "network_experienceindexpage"
        verbose_name = _("ervaringen van leden")

    @path("")
    def experience_list(self, request):
        from experiences import views

        return views.ExperienceListView.as_view(index_page=self)(request)

    @path("feed/")
    def feed(self, request):
        from experiences.feeds import ExperienceFeed

        return ExperienceFeed()(request, index=self)

    @path("nieuw/")
    def create(self, request):
        from experiences import views

        return views.ExperienceCreateView.as_view(index_page=self)(request)

    @path("praktijken/")
    def practice_lookup(self, request):
        from experiences import views

        return views.PracticeLookupView.as_view(index_page=self)(request)

    @path("<int:pk>-<slug:slug>/")
    def detail(self, request, pk, slug):
        from experiences import views

        view = views.ExperienceDetailView.as_view(index_page=self)
        return view(request, pk=pk, slug=slug)

    @path("<int:pk>/<str:action>/")
    def experience_action(self, request, pk, action):
        from experiences import views

        view = views.EXPERIENCE_ACTIONS.get(action)
        if view is None:
            raise Http404
        return view.as_view(index_page=self)(request, pk=pk)

    @path("reacties/<int:pk>/<str:action>/")
    def reaction_action(self, request, pk, action):
        from experiences import views

        view = views.REACTION_ACTIONS.get(action)
        if view is None:
            raise Http404
        return view.as_view(index_page=self)(request, pk=pk)
