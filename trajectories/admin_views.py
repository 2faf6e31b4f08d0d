"""The editors' overview in the admin, and its XLSX export."""

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from openpyxl import Workbook
from openpyxl.styles import Font
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from casestudies.exports import escape_formula
from trajectories import overview

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERMISSION = "trajectories.view_trajectory"


class OverviewPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _data():
    rows = overview.member_rows()
    return rows, overview.overdue_agreements(), overview.inactive(rows)


class OverviewView(OverviewPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "trajectories/admin/overview.html"
    page_title = gettext_lazy("Trajecten: overzicht")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, overdue, inactive = _data()
        context.update(
            {
                "rows": rows,
                "overdue": overdue,
                "inactive": inactive,
                "xlsx_url": reverse("trajectories_overview_xlsx"),
                "figures_url": reverse("trajectories:figures"),
            }
        )
        return context


def _cell(value):
    if isinstance(value, timezone.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return escape_formula(value)


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    sheet.append([_cell(str(column)) for column in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
    sheet.freeze_panes = "A2"


def workbook_bytes(rows, overdue, inactive):
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        _("Trajecten"),
        [
            _("Gemeente"),
            _("Provincie"),
            _("Fase"),
            _("Stappen gezet"),
            _("Stappen in de route"),
            _("Lopende afspraken"),
            _("Verlopen afspraken"),
            _("Laatste activiteit"),
        ],
        [
            [
                row.municipality.name,
                row.municipality.get_province_display(),
                row.phase,
                row.closed,
                row.total,
                row.upcoming,
                row.overdue,
                row.last_activity,
            ]
            for row in rows
        ],
    )
    _sheet(
        workbook,
        _("Verlopen afspraken"),
        [
            _("Gemeente"),
            _("Contact"),
            _("Vorm"),
            _("Afspraken"),
            _("Volgende stap"),
            _("Tegen"),
        ],
        [
            [
                contact.municipality.name,
                contact.date,
                contact.get_form_display(),
                contact.agreements,
                contact.next_step,
                contact.due_date,
            ]
            for contact in overdue
        ],
    )
    _sheet(
        workbook,
        _("Zonder activiteit"),
        [_("Gemeente"), _("Provincie"), _("Laatste activiteit")],
        [
            [
                row.municipality.name,
                row.municipality.get_province_display(),
                row.last_activity,
            ]
            for row in inactive
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class OverviewXlsxView(OverviewPermissionMixin, View):
    def get(self, request):
        response = HttpResponse(workbook_bytes(*_data()), content_type=XLSX_TYPE)
        filename = f"trajecten-{timezone.localdate():%Y-%m-%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
