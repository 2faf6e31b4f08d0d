"""The portal's pages in `make bench`: (label, path, max queries, max median ms)."""

PAGES = [
    ("site search", "/zoeken/?q=Otterbeek", 16, 800),
    ("guides", "/gidsen/", 12, 200),
    ("toolkit", "/toolkit/", 14, 200),
]
