"""The network's pages in `make bench`: (label, path, max queries, kind)."""

PAGES = [
    ("directory", "/netwerk/", 12, "listing"),
    ("municipality", "/netwerk/mechelen/", 10, "detail"),
]

# The member's own pages, for a logged-in member: (label, path, max queries, kind).
MEMBER_PAGES = [
    ("dashboard", "/account/", 14, "member"),
    ("profile form", "/account/profiel/", 14, "member"),
    ("municipality form", "/account/gemeente/", 14, "member"),
    ("invite colleague form", "/account/collega-uitnodigen/", 14, "member"),
    ("password change form", "/account/wachtwoord-wijzigen/", 14, "member"),
]
