from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from experiences.models import Experience
from portal.fragment_cache import bump_content_version


@receiver([published, unpublished], sender=Experience)
@receiver(post_delete, sender=Experience)
def experience_visibility_changed(sender, **kwargs):
    """The home page's cached highlights list the newest experiences."""
    bump_content_version()
