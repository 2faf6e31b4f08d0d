"""The portal's pages in `make bench`: (label, path, max queries, max median ms)."""

PAGES = [
    # +2 for the per-IP search limit, counted in the database.
    ("site search", "/zoeken/?q=Otterbeek", 18, 800),
    # Nothing for a typo: the search runs again for the closest spelling.
    ("site search, typo", "/zoeken/?q=pleinmakker", 28, 1200),
    ("guides", "/gidsen/", 12, 200),
    ("toolkit", "/toolkit/", 14, 200),
]
