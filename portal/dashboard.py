"""The editors' dashboard: one panel with what waits for them, each line a link
to its queue.

Every app adds its own lines through the `portal_dashboard_lines` hook (a
function of the request that returns `WorkLine`s), so this app never imports
the apps above it.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

HOOK = "portal_dashboard_lines"
# A guide or document that nobody has checked for a year may no longer be true.
REVIEW_AFTER = datetime.timedelta(days=365)


@dataclass(frozen=True)
class WorkLine:
    count: int
    label: str  # what is counted, already in the count's plural
    url: str
    detail: str = ""
    order: int = 100


def waiting_age(oldest):
    """'oudste wacht 3 dagen' for the oldest item's time, or ''."""
    if oldest is None:
        return ""
    days = (timezone.now() - oldest).days
    if days < 1:
        return str(_("oudste van vandaag"))
    text = ngettext("oudste wacht %(days)d dag", "oudste wacht %(days)d dagen", days)
    return text % {"days": days}


def review_due_before():
    return timezone.localdate() - REVIEW_AFTER


class WorkPanel(Component):
    """What waits for the editors, from every app, in one panel."""

    name = "portal_work"
    order = 10
    template_name = "portal/admin/work_panel.html"

    def __init__(self, request):
        self.request = request

    class Media:
        css = {"all": ["portal/css/admin-dashboard.css"]}

    def lines(self):
        lines = []
        for lines_for in hooks.get_hooks(HOOK):
            lines.extend(lines_for(self.request) or [])
        return sorted(lines, key=lambda line: line.order)

    def get_context_data(self, parent_context):
        lines = self.lines()
        return {"lines": lines, "waiting": sum(line.count for line in lines)}


@hooks.register("construct_homepage_panels")
def add_work_panel(request, panels):
    panel = WorkPanel(request)
    if panel.lines():
        panels.append(panel)


@hooks.register(HOOK)
def portal_lines(request):
    from portal.models import ContactSubmission, GuidePage, ToolkitDocument

    user = request.user
    lines = []
    if user.has_perm("portal.change_contactsubmission"):
        new = ContactSubmission.objects.unhandled()
        count = new.count()
        oldest = new.order_by("submit_time").values_list("submit_time", flat=True)
        lines.append(
            WorkLine(
                count=count,
                label=ngettext(
                    "contactbericht niet behandeld",
                    "contactberichten niet behandeld",
                    count,
                ),
                url=reverse("contact_messages:index") + "?status=nieuw",
                detail=waiting_age(oldest.first()) if count else "",
                order=30,
            )
        )
    if user.has_perm("wagtailadmin.access_admin"):
        due = GuidePage.objects.live().review_due(review_due_before()).count()
        due += ToolkitDocument.objects.review_due(review_due_before()).count()
        lines.append(
            WorkLine(
                count=due,
                label=ngettext(
                    "gids of document langer dan een jaar niet nagekeken",
                    "gidsen en documenten langer dan een jaar niet nagekeken",
                    due,
                ),
                url=reverse("portal_review_due"),
                order=80,
            )
        )
    return lines
