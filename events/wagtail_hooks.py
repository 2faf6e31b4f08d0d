from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button

from events import admin_views, services, views
from events.models import EventPage, Registration


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


class RegistrationViewSet(ViewSet):
    """Registrations are plain rows; editors reach them per event, from here or
    from the event's own admin pages."""

    name = "inschrijvingen"
    url_namespace = "events"
    icon = "date"
    menu_label = _("Inschrijvingen")
    menu_order = 290
    add_to_admin_menu = True
    menu_item_class = RegistrationsMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.EventsOverviewView.as_view(), name="index"),
            path(
                "<int:pk>/deelnemers/",
                admin_views.ParticipantsView.as_view(),
                name="participants",
            ),
            path(
                "<int:pk>/deelnemers.<str:file_format>",
                admin_views.ExportView.as_view(),
                name="export",
            ),
            path(
                "<int:pk>/bericht/", admin_views.MessageView.as_view(), name="message"
            ),
            path(
                "<int:pk>/uitschrijven/<int:registration_pk>/",
                admin_views.CancelForParticipantView.as_view(),
                name="cancel_registration",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


def _participants_button(page, user, priority):
    if issubclass(page.specific_class or type(page), EventPage) and user.has_perm(
        admin_views.VIEW_PERMISSION
    ):
        yield Button(
            _("Deelnemers"),
            reverse("events:participants", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def participants_header_button(page, user, view_name, next_url=None):
    yield from _participants_button(page, user, priority=12)


@hooks.register("register_page_listing_buttons")
def participants_listing_button(page, user, next_url=None):
    yield from _participants_button(page, user, priority=12)


@hooks.register("before_delete_page")
def keep_events_people_registered_for(request, page):
    """Deleting would drop the registrations without telling anyone: cancel."""
    if not issubclass(page.specific_class or type(page), EventPage):
        return None
    event = page.specific
    if (
        event.is_past()
        or not Registration.objects.active().filter(event=event).exists()
    ):
        return None
    messages.error(
        request,
        _(
            "Er zijn mensen ingeschreven voor deze bijeenkomst. Annuleer ze (vink "
            "‘geannuleerd’ aan en publiceer): dan krijgt iedereen een e-mail."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


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
def dashboard_registrations(request, profile):
    return views.dashboard_section(request)


@hooks.register("network_municipality_annotations")
def municipality_event_annotations(member):
    return views.municipality_annotations()


@hooks.register("municipality_page_sections")
def municipality_events(request, municipality):
    return views.municipality_section(request, municipality)


@hooks.register("register_member_data")
def event_member_data(user):
    """The member's registrations in "download my data"."""
    return {"event_registrations": services.export_registrations(user)}


@hooks.register("portal_erase_person")
def event_erase_person(person):
    return {
        "event_registrations": Registration.objects.erase_person(
            email=person.email, user=person.user
        )
    }


@hooks.register("portal_known_addresses")
def event_known_addresses():
    return Registration.objects.exclude(email="").values_list("email", flat=True)
