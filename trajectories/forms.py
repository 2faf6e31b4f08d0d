import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudyPage
from trajectories.models import DONE_NEEDS_DATE, StepStatus

MAX_RANGE_MONTHS = 120
DEFAULT_RANGE_MONTHS = 24


class StepForm(forms.Form):
    """A step's status, date and note, as a member or an editor sets them."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=StepStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een status.")},
    )
    date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Verplicht bij klaar: de dag waarop de stap klaar was."),
        error_messages={"invalid": _("Vul een geldige datum in, bv. 2025-03-31.")},
    )
    note = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Alleen de leden van je gemeente en de redactie van Mechelen lezen dit."
        ),
        error_messages={
            "max_length": _("Hou de notitie onder %(limit_value)d tekens.")
        },
    )

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Kies een datum binnen het komende jaar."))
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == StepStatus.DONE and not cleaned.get("date"):
            if "date" not in self.errors:
                self.add_error("date", DONE_NEEDS_DATE)
        return cleaned


class PracticeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.municipality.name})"


class BasedOnForm(forms.Form):
    based_on = PracticeChoiceField(
        label=_("Praktijkvoorbeeld"),
        required=False,
        queryset=CaseStudyPage.objects.none(),
        empty_label=_("Geen: we bouwen zelf iets op"),
        help_text=_(
            "Dat praktijkvoorbeeld toont dan dat jullie gemeente het overnam. Je "
            "notities blijven privé."
        ),
        error_messages={
            "invalid_choice": _("Kies een praktijkvoorbeeld uit de lijst.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["based_on"].queryset = (
            CaseStudyPage.objects.live()
            .public()
            .select_related("municipality")
            .order_by("title", "pk")
        )


def _month_start(day):
    return day.replace(day=1)


def _add_months(day, months):
    month_index = day.year * 12 + day.month - 1 + months
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


class FigureRangeForm(forms.Form):
    """The figures page's period: whole months, at most ten years."""

    van = forms.DateField(
        label=_("Van (maand)"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d", "%m/%Y", "%m-%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Bijvoorbeeld 2024-01."),
        error_messages={"invalid": _("Vul een maand in als jjjj-mm, bv. 2024-01.")},
    )
    tot = forms.DateField(
        label=_("Tot en met (maand)"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d", "%m/%Y", "%m-%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Bijvoorbeeld 2025-12."),
        error_messages={"invalid": _("Vul een maand in als jjjj-mm, bv. 2025-12.")},
    )

    @staticmethod
    def default_range(today=None):
        today = today or timezone.localdate()
        end = _month_start(today)
        return _add_months(end, -(DEFAULT_RANGE_MONTHS - 1)), end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and start > end:
            self.add_error("tot", _("Kies een maand na de beginmaand."))
        elif start and end and _months_between(start, end) > MAX_RANGE_MONTHS:
            self.add_error("van", _("Kies een periode van hoogstens tien jaar."))
        return cleaned

    def period(self):
        """(first month, last month) as first days; the defaults when invalid."""
        default_start, default_end = self.default_range()
        if not self.is_valid():
            return default_start, default_end
        start = self.cleaned_data.get("van")
        end = self.cleaned_data.get("tot")
        end = _month_start(end) if end else default_end
        if start:
            start = _month_start(start)
        else:
            start = _add_months(end, -(DEFAULT_RANGE_MONTHS - 1))
        if start > end:
            start = end
        return start, end


def _months_between(start, end):
    return (end.year - start.year) * 12 + end.month - start.month + 1


def months(start, end):
    """Every first-of-month from `start` to `end`, both included."""
    return [_add_months(start, n) for n in range(_months_between(start, end))]


def add_months(day, count):
    return _add_months(day, count)
