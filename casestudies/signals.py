"""Keep what the practices list stores in step with the data: each practice's
place in the default order, the facet counts of the list without filters
(`facet_counts.invalidate`) and the listed practices' rows (`listed`)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from casestudies.facet_counts import invalidate
from casestudies.listed import sync_listed, sync_practices_of
from casestudies.models import CaseStudyPage, CaseStudyPageTag
from network.models import Municipality

# What the facets read of a practice and of its municipality. A save of other
# fields only (a draft revision, a lock, the stored order) moves no count.
PRACTICE_FACET_FIELDS = {
    "live",
    "municipality",
    "municipality_id",
    "start_year",
    "status",
    "label",
    "path",
}
MUNICIPALITY_FACET_FIELDS = {"province", "inhabitants"}


@receiver(post_save, sender=Municipality)
def mentor_changed(sender, instance, update_fields=None, **kwargs):
    """The mentor's practices sort first: keep their stored order in step when a
    municipality becomes or stops being the mentor."""
    if update_fields is not None and "membership_status" not in update_fields:
        return
    practices = list(
        CaseStudyPage.objects.filter(municipality=instance).only(
            "is_example", "first_published_at", "listing_order", "municipality_id"
        )
    )
    changed = []
    for practice in practices:
        practice.municipality = instance
        order = practice.recommended_order()
        if order != practice.listing_order:
            practice.listing_order = order
            changed.append(practice)
    CaseStudyPage.objects.bulk_update(changed, ["listing_order"])


def _practice_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or PRACTICE_FACET_FIELDS & set(update_fields):
        invalidate()
        sync_listed([instance.pk])


def _practice_unpublished(sender, instance, **kwargs):
    """Also when the page saved was a plain `Page` (the expiry of
    `publish_scheduled`), which `post_save` of a practice never sees."""
    invalidate()
    sync_listed([instance.pk])


def _municipality_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or MUNICIPALITY_FACET_FIELDS & set(update_fields):
        invalidate()
        sync_practices_of(instance)


def _every_practice_changed(*args, **kwargs):
    """A move or a view restriction may change which practices are listed
    anywhere below it: rare enough to rewrite every row."""
    invalidate()
    sync_listed()


def _connect_facet_counts():
    """Publishing, unpublishing, moving or deleting a practice, a change of its
    facet fields or themes, a theme renamed, a municipality's province or size,
    and view restrictions anywhere above the list. The listed rows
    (`casestudies.listed`) follow the same changes but those of themes, which
    they do not hold; a deleted practice's row goes with it (cascade)."""
    uid = "casestudies.facet_counts"
    post_save.connect(_practice_saved, sender=CaseStudyPage, dispatch_uid=f"{uid}.p")
    post_save.connect(_municipality_saved, sender=Municipality, dispatch_uid=f"{uid}.m")
    for model in (CaseStudyPageTag, Tag):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}.{model}.s")
    for model in (CaseStudyPage, CaseStudyPageTag, Tag):
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}.{model}.d")
    for signal in (post_save, post_delete):
        signal.connect(
            _every_practice_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}.restriction.{signal is post_save}",
        )
    post_page_move.connect(_every_practice_changed, dispatch_uid=f"{uid}.moved")
    page_unpublished.connect(
        _practice_unpublished, sender=CaseStudyPage, dispatch_uid=f"{uid}.unpublished"
    )


_connect_facet_counts()
