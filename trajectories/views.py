import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from casestudies.exports import escape_formula
from network.models import directory_url
from network.views import MetaMixin
from portal.exports import excel_cell
from trajectories import services
from trajectories.figures import network_figures
from trajectories.forms import BasedOnForm, FigureRangeForm, StepForm
from trajectories.models import MentorContact, Step, StepStatus
from trajectories.route import current_phase, next_step, progress, route_with_records

HISTORY_PER_PAGE = 50


class TrajectoryAccessMixin(LoginRequiredMixin, MetaMixin):
    """The municipality's members and Mechelen's editors; anyone else gets a 404.

    The municipality comes from the URL and is checked against the account on
    every request, GET and POST alike, so a posted form for another
    municipality changes nothing.
    """

    meta_noindex = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.trajectory, self.is_editor = services.accessible_trajectory(
            request.user, kwargs["slug"]
        )
        if self.trajectory is None:
            raise Http404
        self.municipality = self.trajectory.municipality
        return super().dispatch(request, *args, **kwargs)

    def trajectory_url(self):
        return reverse("trajectories:trajectory", args=[self.municipality.slug])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.municipality
        context["trajectory"] = self.trajectory
        context["trajectory_url"] = self.trajectory_url()
        context["is_editor"] = self.is_editor
        return context


def timeline(route, statuses):
    """Each phase with its state for the timeline: done, current or to come."""
    state = current_phase(route, statuses)
    phases = []
    for index, phase in enumerate(p for p in route if p.steps):
        if state is None or state.complete or index < state.index:
            position = "done"
        elif index == state.index:
            position = "current"
        else:
            position = "upcoming"
        phases.append({"phase": phase, "position": position})
    return state, phases


class TrajectoryView(TrajectoryAccessMixin, TemplateView):
    template_name = "trajectories/trajectory.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        route, rows = route_with_records(self.trajectory, self.request)
        statuses = {pk: row.status for pk, row in rows.items()}
        state, phases = timeline(route, statuses)
        closed, total = progress(route, statuses)
        context.update(
            {
                "meta_title": _("Traject van %(name)s") % {"name": self.municipality},
                "phases": [
                    {
                        **item,
                        "steps": [
                            {"step": step, "record": rows.get(step.pk)}
                            for step in item["phase"].steps
                        ],
                    }
                    for item in phases
                ],
                "state": state,
                "closed": closed,
                "total": total,
                "percent": round(100 * closed / total) if total else 0,
                "next_step": next_step(route, statuses),
                "based_on": self.trajectory.based_on,
            }
        )
        return context


class HistoryView(TrajectoryAccessMixin, TemplateView):
    """Every change to the trajectory: what, who and when, newest first."""

    template_name = "trajectories/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(
            self.trajectory.changes.select_related("changed_by"), HISTORY_PER_PAGE
        )
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404 from error
        context["page_obj"] = page
        context["history"] = page.object_list
        context["meta_title"] = _("Geschiedenis van het traject van %(name)s") % {
            "name": self.municipality
        }
        return context


class StepEditView(TrajectoryAccessMixin, FormView):
    form_class = StepForm
    template_name = "trajectories/step_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.step = get_object_or_404(
            Step.objects.select_related("phase"), pk=kwargs["step_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        record = self.trajectory.steps.filter(step=self.step).first()
        if record is None:
            return {"status": StepStatus.NOT_STARTED}
        return {"status": record.status, "date": record.date, "note": record.note}

    def form_valid(self, form):
        changed = services.record_step(
            self.trajectory,
            self.step,
            status=form.cleaned_data["status"],
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"].strip(),
            user=self.request.user,
        )
        if changed:
            messages.success(
                self.request,
                _("De stap ‘%(step)s’ is bijgewerkt.") % {"step": self.step.title},
            )
        else:
            messages.info(self.request, _("Er was niets veranderd."))
        return redirect(f"{self.trajectory_url()}#stap-{self.step.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["step"] = self.step
        context["meta_title"] = _("Stap bijwerken: %(step)s") % {
            "step": self.step.title
        }
        return context


class BasedOnView(TrajectoryAccessMixin, FormView):
    form_class = BasedOnForm
    template_name = "trajectories/based_on_form.html"
    meta_title = gettext_lazy("Gebaseerd op een praktijkvoorbeeld")

    def get_initial(self):
        return {"based_on": self.trajectory.based_on_id}

    def form_valid(self, form):
        if services.record_based_on(
            self.trajectory, form.cleaned_data["based_on"], self.request.user
        ):
            messages.success(self.request, _("Het traject is bijgewerkt."))
        return redirect(self.trajectory_url())


class MentorLogView(TrajectoryAccessMixin, TemplateView):
    template_name = "trajectories/mentor_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contacts"] = list(
            MentorContact.objects.filter(municipality=self.municipality)
        )
        context["meta_title"] = _("Mentorlogboek van %(name)s") % {
            "name": self.municipality
        }
        return context


class FiguresView(MetaMixin, TemplateView):
    template_name = "trajectories/figures.html"
    meta_title = gettext_lazy("Het netwerk in cijfers")
    meta_description = gettext_lazy(
        "Hoeveel gemeenten doen mee aan het lerend netwerk pleinmakers, waar staan "
        "ze in hun traject en wat delen ze? Grafieken en tabellen, ook als CSV."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FigureRangeForm(self.request.GET or None)
        start, end = form.period()
        if not self.request.GET:
            form = FigureRangeForm(initial={"van": start, "tot": end})
        figures = network_figures(start, end)
        query = f"?van={start:%Y-%m}&tot={end:%Y-%m}"
        context.update(
            {
                "form": form,
                "figures": figures,
                "csv_query": query,
                "is_editor": services.can_edit_any(self.request.user),
                "directory_url": directory_url(),
            }
        )
        return context


class FigureCsvView(View):
    def get(self, request, figure):
        start, end = FigureRangeForm(request.GET or None).period()
        data = network_figures(start, end).get(figure)
        if data is None:
            raise Http404
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{data.slug}-{start:%Y-%m}-{end:%Y-%m}.csv"'
        )
        response.write("\ufeff")  # Excel reads UTF-8 only with the mark.
        writer = csv.writer(response, delimiter=";")
        writer.writerow([escape_formula(str(column)) for column in data.columns])
        for row in data.rows:
            # Decimal commas: the file is meant for Excel in Belgium (semicolons).
            writer.writerow([excel_cell(value) for value in row])
        return response
