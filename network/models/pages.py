from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from portal.models import BasePage
from portal.models.pages import frame_pages


def cached_page_url(page_model, fallback):
    """The URL path of the first live `page_model`, once per request.

    Municipalities (and, from the apps above, experiences and events) link to
    the page that serves them, hundreds of times on a page: the URLs of all such
    index pages come with the menu, in one query for the whole request.
    """
    return frame_pages().index_urls.get(page_model) or fallback


class CachedURLPageMixin:
    """An index page whose URL `cached_page_url` looks up."""

    url_everywhere = True


class NetworkIndexPage(CachedURLPageMixin, RoutablePageMixin, BasePage):
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
        from network.directory import municipality_context, municipality_for_page

        municipality = municipality_for_page(request, slug)
        return self.render(
            request,
            template="network/municipality.html",
            context_overrides=municipality_context(request, self, municipality),
        )
