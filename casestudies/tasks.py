"""Work for the task worker, never inside a request: the practices list's
stored facet counts."""

from django.core.cache import cache
from django_tasks import task

from casestudies.facet_counts import QUEUED_KEY, refresh_listing_facets


@task()
def refresh_listing_facets_task():
    """Recount the practices list without filters (queued by `invalidate`)."""
    cache.delete(QUEUED_KEY)
    return refresh_listing_facets()
