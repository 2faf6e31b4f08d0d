"""The follow settings in `make bench`, for a logged-in member:
(label, path, max queries, kind)."""

MEMBER_PAGES = [
    ("follow settings form", "/volgen/", 14, "member"),
]
