"""Signed links to one registration: its page, its calendar file, its cancel button.

The link carries the registration's random uuid and a signature of it
(`django.core.signing`, with the secret key and its fallbacks). A link only opens
the registration it was made for, on its own event's page; cancelling through it
stops working when the event starts (see `views.CancelRegistrationView`).
"""

from django.core import signing

from events.models import Registration

SALT = "events.registration"


def _signer():
    return signing.Signer(salt=SALT)


def signature_for(registration):
    return _signer().sign(str(registration.uuid)).rsplit(":", 1)[1]


def registration_path(registration, event=None):
    """The URL path of the person's own registration page."""
    event = event or registration.event
    return f"{event.url}inschrijving/{registration.uuid}/{signature_for(registration)}/"


def find_registration(event, key, signature):
    """The registration the link was made for, or None for any other link."""
    try:
        value = _signer().unsign(f"{key}:{signature}")
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event", "municipality")
        .filter(event_id=event.pk, uuid=value)
        .first()
    )
