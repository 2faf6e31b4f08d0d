from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from portal.models import BasePage


def cached_page_url(page_model, fallback):
    """The URL path of the one live `page_model`, kept in the cache.

    Municipalities and experiences link to the page that serves them; looking it
    up on every link would cost a query each. The page clears it when saved.
    """
    key = page_model.url_cache_key
    url = cache.get(key)
    if url is None:
        page = page_model.objects.live().first()
        url = page.url if page and page.url else fallback
        cache.set(key, url, 3600)
    return url


class CachedURLPageMixin:
    """For a page whose URL `cached_page_url` keeps: forget it when saved."""

    url_cache_key = ""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.url_cache_key)


class NetworkIndexPage(CachedURLPageMixin, RoutablePageMixin, BasePage):
    """The directory of all Flemish municipalities, with the map.

    Serves the directory at its own URL and each municipality one level below it.
    """

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []

    template = "network/network_index_page.html"
    url_cache_key = "network:directory-url"

    class Meta:
        verbose_name = _("netwerkoverzicht")

    def get_sitemap_urls(self, request=None):
        from network.models.municipalities import Municipality

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            urls += [
                {"location": f"{base}{slug}/"}
                for slug in Municipality.objects.values_list("slug", flat=True)
            ]
        return urls

    @path("")
    def directory(self, request):
        from network.directory import directory_context

        return self.render(request, context_overrides=directory_context(request, self))

    @path("<slug:slug>/")
    def municipality(self, request, slug):
        from network.directory import municipality_context
        from network.models.municipalities import Municipality

        municipality = get_object_or_404(Municipality, slug=slug)
        return self.render(
            request,
            template="network/municipality.html",
            context_overrides=municipality_context(request, self, municipality),
        )


def experiences_url():
    return cached_page_url(ExperienceIndexPage, "/ervaringen/")


class ExperienceIndexPage(CachedURLPageMixin, RoutablePageMixin, BasePage):
    """What members share: the public list, the feed, and every member's own
    writing screens, all below this one page (`network.experience_views`)."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []

    template = "network/experience_index_page.html"
    url_cache_key = "network:experiences-url"

    class Meta:
        verbose_name = _("ervaringen van leden")

    @path("")
    def experience_list(self, request):
        from network import experience_views

        return experience_views.ExperienceListView.as_view(index_page=self)(request)

    @path("feed/")
    def feed(self, request):
        from network.experience_feeds import ExperienceFeed

        return ExperienceFeed()(request, index=self)

    @path("nieuw/")
    def create(self, request):
        from network import experience_views

        return experience_views.ExperienceCreateView.as_view(index_page=self)(request)

    @path("<int:pk>-<slug:slug>/")
    def detail(self, request, pk, slug):
        from network import experience_views

        view = experience_views.ExperienceDetailView.as_view(index_page=self)
        return view(request, pk=pk, slug=slug)

    @path("<int:pk>/<str:action>/")
    def experience_action(self, request, pk, action):
        from network import experience_views

        view = experience_views.EXPERIENCE_ACTIONS.get(action)
        if view is None:
            raise Http404
        return view.as_view(index_page=self)(request, pk=pk)

    @path("reacties/<int:pk>/<str:action>/")
    def reaction_action(self, request, pk, action):
        from network import experience_views

        view = experience_views.REACTION_ACTIONS.get(action)
        if view is None:
            raise Http404
        return view.as_view(index_page=self)(request, pk=pk)
