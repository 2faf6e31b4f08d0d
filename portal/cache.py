"""A Redis cache that degrades to "no cache" instead of failing the request.

Redis stopped or hanging must never take pages, logins or forms down. Every
call waits at most the socket timeout (0.5 s, see settings); after a failure the
cache is skipped for PORTAL_CACHE_BREAKER_SECONDS (a circuit breaker), so a page
that makes many cache calls does not wait on each. After that, the next call tries Redis
again: the site recovers by itself when Redis returns.

While skipped, reads miss, writes are dropped and `incr` raises ValueError as
for a missing key, which is what every caller already expects from a cold cache.
Login locks and rate limits do not depend on it: they live in the database.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")

FAILURES = (RedisError, OSError)

# Per process and location, shared by the threads (each thread has its own
# cache object).
_open_until = {}
_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def _is_open(self):
        return _open_until.get(self._server_key, 0) > time.monotonic()

    @property
    def _server_key(self):
        return repr(self._servers)

    def _trip(self, error):
        with _lock:
            already_open = self._is_open()
            pause = settings.PORTAL_CACHE_BREAKER_SECONDS
            _open_until[self._server_key] = time.monotonic() + pause
        if not already_open:
            logger.warning("Cache unavailable (%s); skipped for %s s.", error, pause)

    def _call(self, fallback, method, *args, **kwargs):
        if self._is_open():
            return fallback()
        try:
            return method(*args, **kwargs)
        except FAILURES as error:
            self._trip(error)
            return fallback()

    def ping(self):
        """True when Redis answers now (ignores and then updates the breaker)."""
        try:
            self._cache.get_client(write=True).ping()
        except FAILURES as error:
            self._trip(error)
            return False
        with _lock:
            _open_until.pop(self._server_key, None)
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(lambda: False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unavailable).")

        return self._call(missing, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._call(lambda: False, super().clear)


def cache_is_healthy():
    """For /healthz: does the shared cache answer right now?"""
    ping = getattr(cache, "ping", None)
    return ping() if ping else True
