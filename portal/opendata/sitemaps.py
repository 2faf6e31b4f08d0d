from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class OpenDataSitemap(Sitemap):
    """The open-data page; its files are linked from it."""

    def items(self):
        return ["opendata:index"]

    def location(self, item):
        return reverse(item)
