"""Wagtail's HTTP purge backend, with a time-out.

Wagtail's HTTPBackend waits on the front cache without limit; a hanging nginx
must not hang the editor's publish. A purge that fails is logged: the page then
leaves the front cache after PORTAL_FRONT_CACHE_SECONDS.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("portal.frontend_cache")

TIMEOUT_SECONDS = 2


class PurgeBackend(HTTPBackend):
    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit(
                (self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")
            ),
            headers={"Host": parts.netloc, "User-Agent": "portal-purge"},
        )
        try:
            urlopen(request, timeout=TIMEOUT_SECONDS).close()  # noqa: S310 (configured URL)
        except URLError as error:
            # 404: the page was not in the front cache, nothing to forget.
            if getattr(error, "code", None) != 404:
                logger.warning("Front cache purge of %s failed: %s", url, error)
        except OSError as error:
            logger.warning("Front cache purge of %s failed: %s", url, error)
