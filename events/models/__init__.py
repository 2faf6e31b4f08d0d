from .pages import (
    BRUSSELS,
    CALENDAR_FIELDS,
    CALENDAR_STATE_FIELDS,
    NOTIFY_FIELDS,
    Audience,
    DocumentRole,
    EventDocument,
    EventIndexPage,
    EventKind,
    EventPage,
    agenda_url,
)
from .registrations import (
    CONSENT_VERSION,
    Registration,
    RegistrationStatus,
    normalise_email,
)

__all__ = [
    "BRUSSELS",
    "CALENDAR_FIELDS",
    "CALENDAR_STATE_FIELDS",
    "CONSENT_VERSION",
    "NOTIFY_FIELDS",
    "Audience",
    "DocumentRole",
    "EventDocument",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "Registration",
    "RegistrationStatus",
    "agenda_url",
    "normalise_email",
]
