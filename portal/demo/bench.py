"""The portal's pages in `make bench`: (label, path, max queries, max median ms)."""


def _first_guide_url():
    from portal.models import GuidePage

    guide = GuidePage.objects.live().order_by("path").first()
    return guide.url if guide else None


def _first_content_page_url():
    from portal.models import ContentPage

    page = ContentPage.objects.live().order_by("path").first()
    return page.url if page else None


PAGES = [
    ("content page", _first_content_page_url, 10, 150),
    ("site search", "/zoeken/?q=Otterbeek", 12, 800),
    # Nothing for a typo (the index says so): the closest spelling is searched.
    ("site search, typo", "/zoeken/?q=pleinmakker", 12, 1200),
    ("guides", "/gidsen/", 12, 200),
    ("guide", _first_guide_url, 10, 200),
    ("toolkit", "/toolkit/", 12, 200),
]
