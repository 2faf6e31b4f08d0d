from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver
from wagtail.signals import published, unpublished

from experiences.models import Experience
from portal.fragment_cache import content_changed

# Sent with `experience` once a reaction is marked as the answer to a question;
# later apps (the digests) react without experiences knowing them.
question_answered = Signal()
# Sent with `item` (an experience or a reaction) when an editor or the reports
# hide it, or an editor restores it: a row update that sends no post_save.
hidden_changed = Signal()


@receiver([published, unpublished], sender=Experience)
@receiver(post_delete, sender=Experience)
def experience_visibility_changed(sender, instance, **kwargs):
    """Its page, the list, its practice and municipality, and the home page's
    highlights (the newest experiences) show it."""
    content_changed(instance.shown_at())
