"""The network's pages in `make bench`: (label, path, max queries, max median ms)."""

PAGES = [
    ("directory", "/netwerk/", 10, 300),
    ("municipality", "/netwerk/mechelen/", 15, 300),
]
