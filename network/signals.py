from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from network.models import (
    Experience,
    MemberProfile,
    Municipality,
    Neighbourhood,
    bump_data_version,
)
from portal.fragment_cache import bump_content_version


@receiver([post_save, post_delete], sender=Municipality)
@receiver([post_save, post_delete], sender=Neighbourhood)
@receiver([post_save, post_delete], sender=MemberProfile)
def membership_data_changed(sender, **kwargs):
    """The cached map and directory fragments hang on this version."""
    bump_data_version()
    if sender is Municipality:
        # The home page's cached highlights show the number of members.
        bump_content_version()


@receiver([published, unpublished], sender=Experience)
@receiver(post_delete, sender=Experience)
def experience_visibility_changed(sender, **kwargs):
    """The home page's cached highlights list the newest experiences."""
    bump_content_version()
