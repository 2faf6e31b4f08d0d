"""The front cache's purge: Wagtail's HTTP backend for the nginx in
deploy/nginx, and the task that calls it.

Two changes to Wagtail's HTTPBackend: the purge goes to LOCATION's path
followed by the page's path (nginx's purge location, /_purge/<path>), and it
waits at most 2 seconds, so a hanging nginx holds up the task worker briefly.

The purge never runs inside a request: `portal.fragment_cache` enqueues
`purge_front_cache` after the commit, with the URLs that changed, and the task
worker (`manage.py db_worker --interval 0.2`) sends it. It runs before other
tasks (priority), so a publish shows through nginx within a second. A purge
that fails is logged and not retried: the page leaves the front cache after
PORTAL_FRONT_CACHE_SECONDS (s-maxage) anyway, and an nginx that refuses a purge
now would most likely refuse it again within that time.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django_tasks import task
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("portal.frontend_cache")

TIMEOUT_SECONDS = 2
# Before mail and digests (priority 0): a publish waits on no queue of e-mails.
PURGE_PRIORITY = 50


class PurgeBackend(HTTPBackend):
    def __init__(self, params):
        self.prefix = urlsplit(params["LOCATION"]).path.rstrip("/")
        super().__init__(params)

    def purge(self, url):
        """Forget `url` in nginx; False when nginx did not confirm it."""
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
                return False
        except OSError as error:
            logger.warning("Front cache purge of %s failed: %s", url, error)
            return False
        return True


@task(priority=PURGE_PRIORITY)
def purge_front_cache(urls):
    """Purge these absolute URLs from every configured front cache.

    Returns the URLs that failed (logged by the backend); the task itself
    succeeds, so a failing nginx never fails a publish or the tasks behind it.
    """
    failed = set()
    for backend in get_backends().values():
        for url in urls:
            # Wagtail's own backends return None: no news is good news.
            if backend.purge(url) is False:
                failed.add(url)
    return sorted(failed)
