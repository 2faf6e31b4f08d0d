from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from network.models import (
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
