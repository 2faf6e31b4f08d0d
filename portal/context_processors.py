from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject

from portal.fragment_cache import content_version


def fragment_cache(request):
    """The content version, for keys of cached template fragments: read from
    the cache only by a page that has such a fragment (the home page), not by
    every page."""
    return {"content_version": SimpleLazyObject(content_version)}


def csrf(request):
    """Django's `csrf` context processor, with the token masked once per
    request: every template rendered on its own with the request (a follow
    button, a dashboard section, a form) runs the context processors again,
    and Django's masks the secret anew each time (some 500 Python calls).

    Listed after Django's built-in one, whose lazy token it replaces unread.
    The token is kept with the secret it masks (`request.META["CSRF_COOKIE"]`,
    the cookie's or the session's): after `rotate_token` (a login) the next
    token masks the new secret.
    """

    def token():
        secret = request.META.get("CSRF_COOKIE")
        kept = request.__dict__.get("_portal_csrf_token")
        if secret is not None and kept is not None and kept[0] == secret:
            # The first `get_token` of this secret already asked for the
            # cookie to be sent.
            return kept[1]
        masked = get_token(request)
        request._portal_csrf_token = (request.META["CSRF_COOKIE"], masked)
        return masked

    return {"csrf_token": SimpleLazyObject(token)}
