"""The editors' screens for one event's participants, in the Wagtail admin.

The participant list (places and the waiting list, in order), attendance, the
CSV and XLSX exports and a message to everyone registered. Editors need
`events.view_registration` to look and `events.change_registration` to act.
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from casestudies.exports import escape_formula
from events import services
from events.forms import MessageForm
from events.models import BRUSSELS, EventPage, Registration

VIEW_PERMISSION = "events.view_registration"
CHANGE_PERMISSION = "events.change_registration"


def participants_url(event):
    return reverse("events:participants", args=[event.pk])


class EventAdminMixin(WagtailAdminTemplateMixin):
    permission = VIEW_PERMISSION
    header_icon = "date"

    def dispatch(self, request, *args, pk=None, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        if pk is not None:
            self.event = get_object_or_404(EventPage, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *super().get_breadcrumbs_items(),
            {"url": reverse("events:index"), "label": _("Inschrijvingen")},
        ]
        if getattr(self, "event", None):
            items.append(
                {"url": participants_url(self.event), "label": self.event.title}
            )
        return items


class EventsOverviewView(EventAdminMixin, TemplateView):
    """Every event with its places taken and waiting list, coming ones first."""

    template_name = "events/admin/overview.html"
    page_title = gettext_lazy("Inschrijvingen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        events = list(
            EventPage.objects.in_agenda_order(now).with_registration_counts()[:200]
        )
        context["upcoming"] = [event for event in events if not event.is_past(now)]
        context["past"] = [event for event in events if event.is_past(now)]
        return context


class ParticipantsView(EventAdminMixin, TemplateView):
    """The participant list; its form (POST) records who came."""

    template_name = "events/admin/participants.html"
    page_title = gettext_lazy("Deelnemers")

    def get_page_subtitle(self):
        return self.event.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(
            Registration.objects.filter(event=self.event)
            .select_related("municipality", "user")
            .order_by("created_at", "pk")
        )
        waiting = [r for r in registrations if r.is_waitlisted]
        for position, registration in enumerate(waiting, start=1):
            registration.position = position
        context.update(
            event=self.event,
            confirmed=[r for r in registrations if r.is_confirmed],
            waiting=waiting,
            cancelled=[r for r in registrations if r.is_cancelled],
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
            message_url=reverse("events:message", args=[self.event.pk]),
            csv_url=reverse("events:export", args=[self.event.pk, "csv"]),
            xlsx_url=reverse("events:export", args=[self.event.pk, "xlsx"]),
            has_started=self.event.has_started(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        confirmed = services.mark_attendance(
            self.event, request.POST.getlist("present"), by=request.user
        )
        present = sum(1 for registration in confirmed if registration.attended)
        messages.success(
            request,
            _("Aanwezigheden bewaard: %(present)s van %(total)s aanwezig.")
            % {"present": present, "total": len(confirmed)},
        )
        return redirect(participants_url(self.event))


class CancelForParticipantView(EventAdminMixin, View):
    """An editor cancels someone's registration; the waiting list moves up."""

    permission = CHANGE_PERMISSION
    http_method_names = ["post"]

    def post(self, request, registration_pk):
        registration = get_object_or_404(
            Registration.objects.select_related("event"),
            pk=registration_pk,
            event=self.event,
        )
        if services.cancel(registration, by=request.user):
            messages.success(
                request,
                _("%(name)s is uitgeschreven en kreeg een e-mail.")
                % {"name": registration.name},
            )
        return redirect(participants_url(self.event))


class MessageView(EventAdminMixin, FormView):
    permission = CHANGE_PERMISSION
    form_class = MessageForm
    template_name = "events/admin/message.html"
    page_title = gettext_lazy("Bericht aan de ingeschrevenen")

    def get_page_subtitle(self):
        return self.event.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["counts"] = Registration.objects.filter(event=self.event).counts()
        return context

    def form_valid(self, form):
        sent = services.send_message(
            self.event,
            form.cleaned_data["subject"].strip(),
            form.cleaned_data["message"].strip(),
            include_waiting_list=form.cleaned_data["include_waiting_list"],
            sender=self.request.user,
        )
        messages.success(
            self.request,
            _("Je bericht gaat naar %(count)s ingeschrevenen.") % {"count": sent},
        )
        return redirect(participants_url(self.event))


# Exports ---------------------------------------------------------------------------

EXPORT_COLUMNS = [
    gettext_lazy("Status"),
    gettext_lazy("Plaats op de wachtlijst"),
    gettext_lazy("Naam"),
    gettext_lazy("E-mailadres"),
    gettext_lazy("Organisatie"),
    gettext_lazy("Gemeente"),
    gettext_lazy("Lid van het netwerk"),
    gettext_lazy("Ingeschreven op"),
    gettext_lazy("Van de wachtlijst op"),
    gettext_lazy("Aanwezig"),
]


def _local(moment):
    return timezone.localtime(moment, BRUSSELS).replace(tzinfo=None) if moment else None


def export_rows(event):
    """Places first, then the waiting list in order; never cancelled ones."""
    registrations = (
        Registration.objects.active()
        .filter(event=event)
        .select_related("municipality")
        .order_by("status", "created_at", "pk")
    )
    confirmed = [r for r in registrations if r.is_confirmed]
    waiting = [r for r in registrations if r.is_waitlisted]
    yes, no = _("ja"), _("nee")
    for position, registration in [(None, r) for r in confirmed] + list(
        enumerate(waiting, start=1)
    ):
        yield [
            registration.get_status_display(),
            position,
            registration.name,
            registration.email,
            registration.organisation,
            registration.municipality.name if registration.municipality else "",
            yes if registration.user_id else no,
            _local(registration.created_at),
            _local(registration.promoted_at),
            {True: yes, False: no}.get(registration.attended, ""),
        ]


def _safe(value):
    """Text a spreadsheet will never run as a formula."""
    return escape_formula(value) if isinstance(value, str) else value


class ExportView(EventAdminMixin, View):
    def get(self, request, file_format):
        rows = export_rows(self.event)
        filename = f"deelnemers-{self.event.slug}"
        if file_format == "xlsx":
            return self.xlsx(rows, filename)
        return self.csv(rows, filename)

    def csv(self, rows, filename):
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow([str(column) for column in EXPORT_COLUMNS])
        for row in rows:
            writer.writerow(
                [
                    ""
                    if value is None
                    else _safe(
                        value.strftime("%Y-%m-%d %H:%M")
                        if hasattr(value, "strftime")
                        else value
                    )
                    for value in row
                ]
            )
        # A byte-order mark lets spreadsheet programs read the file as UTF-8.
        response = HttpResponse(
            "\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response

    def xlsx(self, rows, filename):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Deelnemers")[:31])
        sheet.append([str(column) for column in EXPORT_COLUMNS])
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, _safe(value))
                if cell.data_type == "f":
                    # Never a formula, whatever openpyxl guessed.
                    cell.data_type = "s"
                if hasattr(value, "strftime"):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                cells.append(cell)
            sheet.append(cells)
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
