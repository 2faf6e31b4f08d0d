"""The agenda's personal data (see `portal.personal_data`)."""

from portal.personal_data import personal
from portal.privacy import CONSENT, PUBLIC_TASK

personal(
    "events.Registration",
    ["name", "email", "organisation", "consent_given_at", "consent_version"],
    purpose="A place at a meeting, the waiting list, reminders and attendance",
    legal_basis=CONSENT,
    seen_by="editors (participant list); the person on their registration page",
    retention=(
        "coming events: until cancelled or erased; past events: kept anonymous "
        "(no name, address or organisation) after erasure"
    ),
)
personal(
    "events.EventPage",
    ["contact_name", "contact_email"],
    purpose="The meeting's contact person",
    legal_basis=PUBLIC_TASK,
    seen_by="everyone",
    retention="as long as the event page",
)
