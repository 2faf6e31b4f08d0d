from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from portal.dashboard import WorkLine
from portal.sitemaps import ViewSitemap
from trajectories import admin_views, services, tasks
from trajectories.dashboard import dashboard_annotations, dashboard_context
from trajectories.models import MentorContact, Step


class StepViewSet(SnippetViewSet):
    """The route: steps under the guides' phases, in the order editors drag."""

    model = Step
    icon = "list-ol"
    menu_label = _("Route: stappen")
    list_display = ["title", "phase"]
    list_filter = ["phase"]
    search_fields = ["title"]
    search_backend_name = None
    sort_order_field = "sort_order"
    copy_view_enabled = False


class MentorContactSaveMixin:
    """Who recorded it, the e-mail about agreements, a fresh reminder on a new date."""

    def save_instance(self):
        previous = None
        if self.form.instance.pk:
            previous = (
                MentorContact.objects.filter(pk=self.form.instance.pk)
                .values("agreements", "due_date")
                .first()
            )
        if not self.form.instance.recorded_by_id:
            self.form.instance.recorded_by = self.request.user
        contact = super().save_instance()
        if previous is not None:
            tasks.reset_reminder_if_due_date_moved(contact, previous["due_date"])
        agreements = contact.agreements.strip()
        if agreements and agreements != (previous or {}).get("agreements", "").strip():
            tasks.mail_agreements.enqueue(contact.pk)
        return contact


class MentorContactCreateView(MentorContactSaveMixin, CreateView):
    pass


class MentorContactEditView(MentorContactSaveMixin, EditView):
    pass


class MentorContactViewSet(SnippetViewSet):
    model = MentorContact
    icon = "date"
    menu_label = _("Mentorlogboek")
    list_display = ["municipality", "date", "form", "due_date", "agreement_done"]
    list_filter = ["form", "agreement_done", "municipality__province"]
    search_fields = ["municipality__name", "topics", "agreements", "next_step"]
    search_backend_name = None
    ordering = ["-date", "-pk"]
    copy_view_enabled = False
    add_view_class = MentorContactCreateView
    edit_view_class = MentorContactEditView


class TrajectoryViewSetGroup(SnippetViewSetGroup):
    items = (MentorContactViewSet, StepViewSet)
    menu_icon = "table"
    menu_label = _("Trajecten")
    menu_name = "trajectories"
    menu_order = 310


register_snippet(TrajectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_overview_urls():
    return [
        path(
            "trajecten/overzicht/",
            admin_views.OverviewView.as_view(),
            name="trajectories_overview",
        ),
        path(
            "trajecten/overzicht.xlsx",
            admin_views.OverviewXlsxView.as_view(),
            name="trajectories_overview_xlsx",
        ),
    ]


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("trajectories.view_trajectory")


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        _("Trajecten: overzicht"),
        reverse("trajectories_overview"),
        icon_name="table",
        order=311,
    )


@hooks.register("portal_dashboard_lines")
def overdue_agreements_line(request):
    """On the editors' dashboard: agreements whose due date has passed."""
    if not request.user.has_perm("trajectories.view_mentorcontact"):
        return []
    count = services.overdue_contacts().count()
    list_url = reverse("wagtailsnippets_trajectories_mentorcontact:list")
    return [
        WorkLine(
            count=count,
            label=ngettext(
                "afspraak met verstreken termijn",
                "afspraken met verstreken termijn",
                count,
            ),
            url=f"{list_url}?agreement_done=false",
            order=60,
        )
    ]


# What the apps below show of trajectories ------------------------------------


@hooks.register("portal_sitemap_sections")
def figures_sitemap():
    """The network in figures is public; its CSV files are linked from it."""
    return "figures", ViewSitemap.of("trajectories:figures")


@hooks.register("network_municipality_phases")
def municipality_phases():
    """Public: a member municipality's current phase, nothing else."""
    return {pk: phase.label for pk, phase in services.public_phases().items()}


@hooks.register("network_municipality_annotations")
def municipality_phase_annotations(member):
    return services.public_phase_annotations()


@hooks.register("network_municipality_phase")
def municipality_phase(municipality):
    """One municipality's public phase, from its page's own query."""
    return services.public_phase_label(municipality)


@hooks.register("network_dashboard_annotations")
def dashboard_profile_annotations(request):
    return dashboard_annotations()


@hooks.register("network_dashboard_sections")
def dashboard_section(request, profile):
    context = dashboard_context(request, profile)
    if context is None:
        return ""
    return render_to_string(
        "trajectories/includes/dashboard_section.html", context, request=request
    )


@hooks.register("casestudies_practice_annotations")
def adopted_by_annotation(request):
    """Loaded with the practice: whether any member's trajectory is based on
    it, so the section below asks for the adaptations only when there are."""
    from django.db.models import Exists, OuterRef

    from trajectories.models import Trajectory

    return {
        "adopted_by_members": Exists(
            Trajectory.objects.of_members().filter(based_on=OuterRef("pk"))
        )
    }


@hooks.register("casestudies_practice_sections")
def adopted_by_section(request, practice):
    if getattr(practice, "adopted_by_members", True) is False:
        return ""
    adaptations = services.adaptations_of(practice)
    if not adaptations:
        return ""
    return render_to_string(
        "trajectories/includes/adopted_by.html",
        {"adaptations": adaptations},
        request=request,
    )


@hooks.register("portal_erase_person")
def trajectories_erase_person(person):
    return services.erase_person(person)
