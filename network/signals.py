from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from network.models import (
    MemberProfile,
    Municipality,
    Neighbourhood,
    bump_data_version,
    directory_url,
)
from portal.fragment_cache import content_changed


@receiver([post_save, post_delete], sender=Municipality)
@receiver([post_save, post_delete], sender=Neighbourhood)
@receiver([post_save, post_delete], sender=MemberProfile)
def membership_data_changed(sender, **kwargs):
    """The cached map and directory fragments hang on this version."""
    bump_data_version()
    instance = kwargs["instance"]
    paths = [directory_url()]
    if sender is Municipality:
        paths.append(instance.get_absolute_url())
    elif instance.municipality_id:
        slug = (
            Municipality.objects.filter(pk=instance.municipality_id)
            .values_list("slug", flat=True)
            .first()
        )
        if slug:
            paths.append(f"{paths[0]}{slug}/")
    # The directory and the municipality's page show it, the home page's
    # highlights the number of members.
    content_changed(paths)
