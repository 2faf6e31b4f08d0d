"""The home page in `make bench`: (label, path, max queries, max median ms)."""

PAGES = [
    ("home", "/", 6, 150),
]
