"""The portal's pages in `make bench`: (label, path, max queries, kind)."""


def _first_guide_url():
    from portal.models import GuidePage

    guide = GuidePage.objects.live().order_by("path").first()
    return guide.url if guide else None


def _first_content_page_url():
    from portal.models import ContentPage

    page = ContentPage.objects.live().order_by("path").first()
    return page.url if page else None


PAGES = [
    ("content page", _first_content_page_url, 10, "detail"),
    ("site search", "/zoeken/?q=Otterbeek", 12, "search"),
    # Nothing for a typo (the index says so): the closest spelling is searched.
    ("site search, typo", "/zoeken/?q=pleinmakker", 12, "search"),
    ("guides", "/gidsen/", 12, "listing"),
    ("guide", _first_guide_url, 10, "detail"),
    ("toolkit", "/toolkit/", 12, "listing"),
]
