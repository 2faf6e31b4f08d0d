from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from portal.models import BasePage


class NetworkIndexPage(RoutablePageMixin, BasePage):
    """The directory of all Flemish municipalities, with the map.

    Serves the directory at its own URL and each municipality one level below it.
    """

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types: list = []

    template = "network/network_index_page.html"

    class Meta:
        verbose_name = _("netwerkoverzicht")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Municipality.get_absolute_url() keeps this page's URL in the cache.
        from network.models.municipalities import DIRECTORY_URL_CACHE_KEY

        cache.delete(DIRECTORY_URL_CACHE_KEY)

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
