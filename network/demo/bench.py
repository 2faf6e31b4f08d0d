"""The network's pages in `make bench`: (label, path, max queries, max median ms)."""

PAGES = [
    ("directory", "/netwerk/", 12, 300),
    ("municipality", "/netwerk/mechelen/", 10, 300),
]
