"""The event's edit screen shows who registered, with a link to the list."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class RegistrationsPanel(Panel):
    """Places taken and the waiting list, read-only, above the capacity field."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/registrations_panel.html"

        def get_context_data(self, parent_context=None):
            from events.models import Registration

            context = super().get_context_data(parent_context)
            page = self.instance
            if page.pk:
                context["counts"] = Registration.objects.filter(
                    event_id=page.pk
                ).counts()
                context["participants_url"] = reverse(
                    "events:participants", args=[page.pk]
                )
            return context
