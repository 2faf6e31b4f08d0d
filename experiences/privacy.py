"""The experiences' personal data (see `portal.personal_data`)."""

from portal.personal_data import personal
from portal.privacy import ACCOUNT

KEPT = (
    "until the author withdraws or deletes it, or is erased (published "
    "experiences stay as 'een voormalig lid' if they choose so)"
)

personal(
    "experiences.Experience",
    [
        "title",
        "summary",
        "body",
        "body_html",
        "photo",
        "photo_alt",
        "moderation_note",
    ],
    purpose="What a member shares with the network, with their photo",
    legal_basis=ACCOUNT,
    seen_by="everyone once approved; before: the author and editors",
    retention=KEPT,
)
personal(
    "experiences.Reaction",
    ["body"],
    purpose="A member's reaction to an experience",
    legal_basis=ACCOUNT,
    seen_by="everyone",
    retention="with the experience; goes with the author's erasure",
)
personal(
    "experiences.Report",
    ["reason"],
    purpose="A member's report that something does not belong here",
    legal_basis=ACCOUNT,
    seen_by="editors; the reporter in their data export",
    retention="with what it reports; goes with the reporter's erasure",
)
