"""Wagtail's HTTP purge backend, for the nginx in deploy/nginx.

Two changes to Wagtail's HTTPBackend: the purge goes to LOCATION's path
followed by the page's path (nginx's purge location, /_purge/<path>), and it
waits at most 2 seconds, as a hanging nginx must not hang the editor's publish.
A purge that fails is logged: the page then leaves the front cache after
PORTAL_FRONT_CACHE_SECONDS.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("portal.frontend_cache")

TIMEOUT_SECONDS = 2


class PurgeBackend(HTTPBackend):
    def __init__(self, params):
        self.prefix = urlsplit(params["LOCATION"]).path.rstrip("/")
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit(
                (
                    self.cache_scheme,
                    self.cache_netloc,
                    self.prefix + parts.path,
                    parts.query,
                    "",
                )
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
