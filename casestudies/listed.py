"""Each listed practice's narrow row (`ListedPractice`), what the facets of a
filtered list count.

Counting a filtered list joined every practice to its page and municipality
row and checked its view restrictions, some 330 buffers and three hash joins
at 5,000 practices; the narrow rows are a tenth of that. They are rewritten in
the transaction of the change itself (connected in `signals.py`), so a count
never lags: publishing, unpublishing, moving or deleting a practice, a change
of its facet fields, a municipality's province or size, and view restrictions.
"""

from django.db.models import F

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ListedPractice,
    size_band_expression,
)


def sync_listed(practice_ids=None):
    """Rewrite the rows of these practices (of every practice when None) as
    their index lists them now."""
    rows = ListedPractice.objects.all()
    if practice_ids is not None:
        practice_ids = list(practice_ids)
        rows = rows.filter(page_id__in=practice_ids)
    rows.delete()
    listed = []
    for index in CaseStudyIndexPage.objects.only("pk", "path", "depth"):
        practices = index.practices()
        if practice_ids is not None:
            practices = practices.filter(pk__in=practice_ids)
        listed += [
            ListedPractice(index_id=index.pk, **row)
            for row in practices.values(
                "municipality_id",
                "start_year",
                "status",
                "label",
                page_id=F("pk"),
                province=F("municipality__province"),
                band=size_band_expression(),
            )
        ]
    ListedPractice.objects.bulk_create(listed, batch_size=1000)


def sync_practices_of(municipality):
    sync_listed(
        CaseStudyPage.objects.filter(municipality=municipality).values_list(
            "pk", flat=True
        )
    )
