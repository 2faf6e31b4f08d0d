from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from events import services
from events.models import EventPage, Registration


@receiver(page_published, sender=EventPage)
def event_published(sender, instance, **kwargs):
    """Raise SEQUENCE, tell registrants, fill new places (see the service)."""
    services.event_published(instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def erase_registrations(sender, instance, **kwargs):
    """An account that goes takes its registrations (and those made with its
    e-mail address before it existed) with it."""
    Registration.objects.erase_person(email=instance.email, user=instance)
