from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from events import admin_views, services, views
from events.models import EventPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "agenda/",
            admin_views.EventsOverviewView.as_view(),
            name="events_overview",
        ),
        path(
            "agenda/<int:pk>/deelnemers/",
            admin_views.ParticipantsView.as_view(),
            name="events_participants",
        ),
        path(
            "agenda/<int:pk>/deelnemers.<str:file_format>",
            admin_views.ExportView.as_view(),
            name="events_export",
        ),
        path(
            "agenda/<int:pk>/bericht/",
            admin_views.MessageView.as_view(),
            name="events_message",
        ),
        path(
            "agenda/<int:pk>/uitschrijven/<int:registration_pk>/",
            admin_views.CancelForParticipantView.as_view(),
            name="events_cancel_registration",
        ),
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Inschrijvingen"), reverse("events_overview"), icon_name="date", order=290
    )


def _participants_button(page, user, priority):
    if issubclass(page.specific_class or type(page), EventPage) and user.has_perm(
        admin_views.VIEW_PERMISSION
    ):
        yield Button(
            _("Deelnemers"),
            reverse("events_participants", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def participants_header_button(page, user, view_name, next_url=None):
    yield from _participants_button(page, user, priority=12)


@hooks.register("register_page_listing_buttons")
def participants_listing_button(page, user, next_url=None):
    yield from _participants_button(page, user, priority=12)


@hooks.register("register_log_actions")
def register_events_log_actions(actions):
    for action, label in (
        (services.MESSAGE_ACTION, _("Bericht aan de ingeschrevenen")),
        (services.CANCEL_ACTION, _("Inschrijving geannuleerd door de redactie")),
        (services.ATTENDANCE_ACTION, _("Aanwezigheden bewaard")),
    ):
        actions.register_action(action, label, label)


# Public pages of lower apps, through the portal's hooks ----------------------------


@hooks.register("register_site_urls")
def register_calendar_urls():
    from events.urls import urlpatterns

    return urlpatterns


@hooks.register("member_dashboard_sections")
def dashboard_registrations(request):
    return views.dashboard_section(request)


@hooks.register("municipality_page_sections")
def municipality_events(request, municipality):
    return views.municipality_section(request, municipality)
