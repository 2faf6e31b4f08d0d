"""The home page in `make bench`: (label, path, max queries, kind)."""

PAGES = [
    ("home", "/", 6, "listing"),
]
