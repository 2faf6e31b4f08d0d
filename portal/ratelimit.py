"""Counting attempts in the shared cache, so limits hold across worker processes."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request):
    """The visitor's address; behind N trusted proxies, the Nth from the right."""
    proxies = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, identity):
    digest = hashlib.sha256(str(identity).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def count(scope, identity):
    return cache.get(_key(scope, identity), 0)


def hit(scope, identity, period):
    """Record one attempt; return how many there were in the current window."""
    key = _key(scope, identity)
    # add() only sets a missing key, so the window starts at the first attempt.
    if cache.add(key, 1, timeout=period):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=period)
        return 1


def is_limited(scope, identity, limit):
    return count(scope, identity) >= limit


def reset(scope, identity):
    cache.delete(_key(scope, identity))


def too_many_requests(request, message=None):
    """HTTP 429 in the site layout, with a message that says what to do."""
    return render(
        request,
        "429.html",
        {
            "message": message
            or _("Dat was te vaak na elkaar. Wacht even en probeer het later opnieuw."),
            "meta_title": _("Even geduld"),
        },
        status=429,
    )
