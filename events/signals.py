from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from events import services
from events.models import EventPage, Registration
from events.models.pages import agenda_url
from portal.fragment_cache import content_changed, page_path


@receiver(page_published, sender=EventPage)
def event_published(sender, instance, **kwargs):
    """Raise SEQUENCE, tell registrants, fill new places (see the service)."""
    services.event_published(instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def erase_registrations(sender, instance, **kwargs):
    """An account that goes takes its registrations (and those made with its
    e-mail address before it existed) with it."""
    Registration.objects.erase_person(email=instance.email, user=instance)


@receiver([post_save, post_delete], sender=Registration)
def places_changed(sender, instance, **kwargs):
    """The event's page, the agenda and the home page's next events show the
    places left."""
    event = EventPage.objects.filter(pk=instance.event_id).first()
    content_changed({agenda_url(), *({page_path(event)} if event else ())} - {None})
