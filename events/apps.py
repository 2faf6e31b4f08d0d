from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Agenda")
    # Editors make events as pages (page permissions); here what they need for the
    # participants: the list, attendance, messages and cancelling for someone.
    editor_permissions = [
        "events.view_registration",
        "events.change_registration",
    ]

    def ready(self):
        from events import signals  # noqa: F401 (connects the receivers)
