from django.db.models.signals import post_save
from django.dispatch import receiver

from casestudies.models import CaseStudyPage
from network.models import Municipality


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
