"""Signed links in every digest: unsubscribe and settings, without logging in.

A token is the recipient's id signed with the secret key (HMAC, through
`django.core.signing`) and a salt per purpose: it cannot be guessed, cannot be
changed into someone else's id, and an unsubscribe token does not open the
settings (nor the other way round).
"""

from django.core import signing

UNSUBSCRIBE = "digests.unsubscribe"
SETTINGS = "digests.settings"


def make_token(user, purpose):
    return signing.Signer(salt=purpose).sign(f"lid-{user.pk}")


def user_id_from(token, purpose):
    """The id the token was made for, or None for a token that is not ours."""
    try:
        value = signing.Signer(salt=purpose).unsign(token)
    except signing.BadSignature:
        return None
    prefix, _sep, user_id = value.partition("-")
    if prefix != "lid" or not user_id.isdigit():
        return None
    return int(user_id)


CONFIRM = "digests.confirm"


def subscriber_token(subscriber, purpose):
    """A visitor's link: their sign-up's random key, signed; `purpose` as above."""
    return signing.Signer(salt=purpose).sign(f"abonnee-{subscriber.key}")


def subscriber_key_from(token, purpose):
    try:
        value = signing.Signer(salt=purpose).unsign(token)
    except signing.BadSignature:
        return None
    prefix, _sep, key = value.partition("-")
    return key if prefix == "abonnee" and key else None
