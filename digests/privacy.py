"""The digests' personal data (see `portal.personal_data`)."""

from portal.personal_data import personal
from portal.privacy import CONSENT, LEGITIMATE

personal(
    "digests.Subscriber",
    ["email"],
    purpose="Sending the newsletter a visitor asked for and confirmed",
    legal_basis=CONSENT,
    seen_by="editors",
    retention="until the visitor unsubscribes (one click) or is erased",
)
personal(
    "digests.Bounce",
    ["email"],
    purpose="Stop writing to an address the mail server keeps returning",
    legal_basis=LEGITIMATE,
    seen_by="editors",
    retention="with the address's sign-up or account; with the person on erasure",
)
