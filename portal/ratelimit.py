"""Counting attempts in the database, so limits hold across worker processes.

The database, not the cache: login locks and throttles must neither vanish nor
fail while Redis is down or flushed (see the README, "When a service fails").
"""

import hashlib
import math
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import render
from django.utils import timezone
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


def _digest(identity):
    return hashlib.sha256(str(identity).encode()).hexdigest()


def _counter(scope, identity):
    from portal.models import RateLimit

    return RateLimit.objects.filter(
        scope=scope, digest=_digest(identity), expires_at__gt=timezone.now()
    ).first()


def count(scope, identity):
    counter = _counter(scope, identity)
    return counter.count if counter else 0


def seconds_left(scope, identity):
    """Seconds until the current window of `scope` for `identity` ends (at least 1)."""
    counter = _counter(scope, identity)
    if counter is None:
        return 1
    return max(1, math.ceil((counter.expires_at - timezone.now()).total_seconds()))


def hit(scope, identity, period):
    """Record one attempt; return how many there were in the current window.

    The window starts at the first attempt and lasts `period` seconds. The
    usual case (a window is open) costs one query and no transaction.
    """
    from portal.models import RateLimit

    digest = _digest(identity)
    now = timezone.now()
    counted = _count_in_open_window(scope, digest, now)
    if counted is not None:
        return counted
    expires_at = now + timedelta(seconds=period)
    with transaction.atomic():
        counter, created = RateLimit.objects.select_for_update().get_or_create(
            scope=scope,
            digest=digest,
            defaults={"count": 1, "expires_at": expires_at},
        )
        if created:
            # Old windows of any scope are of no use any more.
            RateLimit.objects.filter(expires_at__lte=now).delete()
            return 1
        if counter.expires_at <= now:  # the last window ended: a new one
            counter.count, counter.expires_at = 1, expires_at
        else:  # another request opened it just now
            counter.count += 1
        counter.save(update_fields=["count", "expires_at"])
        return counter.count


def _count_in_open_window(scope, digest, now):
    """Add one to the open window's counter and read it back in one statement
    (UPDATE ... RETURNING, PostgreSQL and SQLite >= 3.35; the ORM's update()
    returns only the row count). None when no window is open."""
    from portal.models import RateLimit

    quote = connection.ops.quote_name
    table, count = quote(RateLimit._meta.db_table), quote("count")
    # Identifiers come from the model; the values are parameters.
    sql = (
        f"UPDATE {table} SET {count} = {count} + 1 WHERE {quote('scope')} = %s"  # noqa: S608
        f" AND {quote('digest')} = %s AND {quote('expires_at')} > %s"
        f" RETURNING {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [scope, digest, connection.ops.adapt_datetimefield_value(now)]
        )
        row = cursor.fetchone()
    return row[0] if row else None


def is_limited(scope, identity, limit):
    return count(scope, identity) >= limit


def reset(scope, identity):
    from portal.models import RateLimit

    RateLimit.objects.filter(scope=scope, digest=_digest(identity)).delete()


def too_many_requests(request, message=None, *, retry_after):
    """HTTP 429 in the site layout, with a message that says what to do, and
    `Retry-After`: the seconds until the window frees (see `seconds_left`)."""
    response = render(
        request,
        "429.html",
        {
            "message": message
            or _("Dat was te vaak na elkaar. Wacht even en probeer het later opnieuw."),
            "meta_title": _("Even geduld"),
        },
        status=429,
    )
    response["Retry-After"] = str(int(retry_after))
    return response
