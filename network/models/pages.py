from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from portal.models import BasePage


def cached_page_url(page_model, fallback):
    """The URL path of the one live `page_model`, kept in the cache.

    Municipalities (and, from the apps above, experiences) link to the page that
    serves them; looking it up on every link would cost a query each. The page
    clears it when saved.
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
