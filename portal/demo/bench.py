"""The portal's pages in `make bench`: (label, path, max queries, max median ms)."""

PAGES = [
    # +2 for the per-IP search limit, counted in the database.
    ("site search", "/zoeken/?q=Otterbeek", 18, 800),
    ("guides", "/gidsen/", 12, 200),
    ("toolkit", "/toolkit/", 14, 200),
]
