"""The facet counts of the practices list without filters, stored
(`ListingFacetCounts`) and kept exact.

Counting every listed practice per facet grows with the data (38 ms of SQL at
5,000 practices, 76 ms at 20,000), and the list without filters is the one
most visited. Its counts are stored, and stay what a live count gives:

- `invalidate()` runs inside the transaction of every change that moves a
  count (connected in `signals.py`). It empties the stored rows, so from that
  commit on the list counts live again, and moves their `version`.
- Once the change commits, `refresh_listing_facets_task` is queued (changes
  before it starts queue no other: `QUEUED_KEY`). It counts with the filter's
  own queries and stores the rows only if no change came in between.

An index without stored rows counts live, as every list with filters does.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from casestudies.filters import CaseStudyFilter
from casestudies.models import CaseStudyIndexPage, ListingFacetCounts

# Set while a recount is queued: more changes before it starts need no other.
QUEUED_KEY = "casestudies:facet-counts:queued"
QUEUED_SECONDS = 10 * 60


def stored_rows(index):
    """The index's stored (theme rows, year rows), or None. Read with the
    routed index (`CaseStudyIndexPage.routed_queryset`), else one query."""
    if hasattr(index, "stored_facet_themes"):
        rows = (index.stored_facet_themes, index.stored_facet_years)
    else:
        rows = (
            ListingFacetCounts.objects.filter(pk=index.pk)
            .values_list("themes", "years")
            .first()
        )
    if rows is None or None in rows:
        return None
    return rows


def refresh_listing_facets():
    """Count each index's whole list and store it; returns how many were stored.

    The version is read before counting: a change committed after that has
    moved it, and this count, which may have missed the change, is dropped
    (the change queued the next recount).
    """
    stored = 0
    for index in CaseStudyIndexPage.objects.all():
        row, _created = ListingFacetCounts.objects.get_or_create(index=index)
        themes, years = CaseStudyFilter().facet_rows(index.practices())
        stored += ListingFacetCounts.objects.filter(
            index=index, version=row.version
        ).update(themes=themes, years=years)
    return stored


def _enqueue():
    from casestudies.tasks import refresh_listing_facets_task

    # Set while queued, cleared when the task starts: a change committed while
    # it runs queues the next one.
    if cache.add(QUEUED_KEY, True, QUEUED_SECONDS):
        refresh_listing_facets_task.enqueue()


def invalidate(*args, **kwargs):
    """Forget the stored counts within the current transaction, and recount
    once it commits."""
    ListingFacetCounts.objects.update(version=F("version") + 1, themes=None, years=None)
    transaction.on_commit(_enqueue)
