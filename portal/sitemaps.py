"""Sitemap sections for public views that are not Wagtail pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ViewSitemap(Sitemap):
    """Public views by URL name; an app lists its own through the
    `portal_sitemap_sections` hook: `("name", ViewSitemap.of("app:view"))`."""

    url_names = ()

    @classmethod
    def of(cls, *url_names):
        return type(f"{cls.__name__}Of", (cls,), {"url_names": url_names})

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)
