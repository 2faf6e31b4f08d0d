from portal.sitemaps import ViewSitemap


class OpenDataSitemap(ViewSitemap):
    """The open-data page; its files are linked from it."""

    url_names = ("opendata:index",)
