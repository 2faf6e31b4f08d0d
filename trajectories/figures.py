"""The network in figures: every number of /netwerk/cijfers/ and its CSV files.

A fixed number of queries, whatever the size of the network: one for the
municipalities, one for the route, one for the closed steps, one for the agenda
once it exists, and two over `MonthlyCount` (the themes; experiences and
reactions per month), which the task worker keeps up to date
(`monthly_counts.py`) so they cost the same at any size. The result is cached
until the data changes (see `signals.py`).
"""

import bisect
import datetime
import functools
import statistics
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format, localize, number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from casestudies.models import CaseStudyPage, CaseStudyPageTag
from events.models import EventPage
from network.directory import map_shapes
from network.models import MembershipStatus, Municipality, Province, data_version
from portal.fragment_cache import content_version
from trajectories import charts
from trajectories.activity import published_experiences, visible_reactions
from trajectories.forms import add_months, months
from trajectories.models import CLOSED_STATUSES, MonthlyCount, TrajectoryStep
from trajectories.route import current_phase, route_outline, version

FIGURES_CACHE_SECONDS = 6 * 60 * 60
THEMES_SHOWN = 10
DAYS_PER_MONTH = 30.44


@dataclass
class Figure:
    slug: str
    title: str
    caption: str
    columns: list
    rows: list
    chart: charts.Chart
    summary: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def chart_bars(self):
        return charts.svg_bars(self.chart, self.slug)

    @property
    def chart_regions(self):
        return charts.svg_regions(self.chart)

    @property
    def chart_grid(self):
        return charts.svg_grid(self.chart)

    @property
    def chart_x_labels(self):
        return charts.svg_x_labels(self.chart)

    @property
    def chart_bar_rows(self):
        return charts.svg_bar_rows(self.chart)

    @property
    def table_rows(self):
        """The `<tr>` of each row of the table, as the template indents them.

        Written here, not in a template loop: some 300 cells cost the page more
        than the rest of its figures when the grid's cache is empty. Each value
        is shown as `{{ value }}` would (localized, escaped), None as nothing.
        """
        return mark_safe(  # noqa: S308 - every value goes through `_shown`
            "".join(
                f'<tr><th scope="row">{_shown(first)}</th>'
                + "".join(f"<td>{_cell(value)}</td>" for value in values)
                + "</tr>\n                        "
                for first, *values in self.rows
            )
        )


def _shown(value):
    """A value as `{{ value }}` renders it."""
    return conditional_escape(localize(template_localtime(value)))


def _cell(value):
    """A value as `{{ value|default_if_none:"" }}` renders it."""
    return "" if value is None else _shown(value)


@dataclass
class Figures:
    start: datetime.date
    end: datetime.date
    figures: list
    key_numbers: list
    has_examples: bool
    cache_key: str = ""

    def get(self, slug):
        return next((f for f in self.figures if f.slug == slug), None)


def _month_label(day, short=True):
    """'dec '24' under a chart, 'december 2024' in its table."""
    return _translated_month_label(day, short, get_language())


@functools.lru_cache(maxsize=1024)
def _translated_month_label(day, short, language):
    # Each month is labelled five times over on the page, and `date_format`
    # looks up the format and the month's name every time.
    if short:
        return f"{date_format(day, 'b')} '{date_format(day, 'y')}"
    return date_format(day, "F Y")


def _month_end(first_day):
    return add_months(first_day, 1) - datetime.timedelta(days=1)


# Members ------------------------------------------------------------------


class Row(NamedTuple):
    pk: int
    nis_code: str
    province: str
    status: str
    member_since: datetime.date | None
    is_example: bool | None


def _municipalities():
    """All 285 municipalities, with whether their trajectory is an example."""
    return [
        Row(*values)
        for values in Municipality.objects.values_list(
            "pk",
            "nis_code",
            "province",
            "membership_status",
            "member_since",
            "trajectory__is_example",
        )
    ]


def _is_member(status):
    return status in (MembershipStatus.MEMBER, MembershipStatus.MENTOR)


def _member_on(row, day):
    """A member by `day`. A member without a known date (Mechelen, the mentor:
    when it started is not recorded) counts all along, so the key numbers, the
    line and the map count the same municipalities."""
    return _is_member(row.status) and (
        row.member_since is None or row.member_since <= day
    )


def _follows_trajectory(status):
    """Members that Mechelen mentors; the mentor itself follows no trajectory."""
    return status == MembershipStatus.MEMBER


def members_over_time(rows, start, end):
    periods = months(start, end)
    # A member without a known date counts all along (see `_member_on`).
    joined = [row.member_since for row in rows if _is_member(row.status)]
    dated = sorted(day for day in joined if day is not None)
    always = len(joined) - len(dated)
    totals, new = [], []
    # Counted by bisecting the sorted dates: a scan of every member for every
    # month was most of this figure's work.
    for first_day in periods:
        by_end = bisect.bisect_right(dated, _month_end(first_day))
        totals.append(always + by_end)
        new.append(by_end - bisect.bisect_left(dated, first_day))
    labels = [_month_label(day) for day in periods]
    growth = totals[-1] - (totals[0] - new[0]) if totals else 0
    return Figure(
        slug="leden-in-de-tijd",
        title=_("Leden door de tijd"),
        caption=_(
            "Aantal gemeenten in het lerend netwerk op het einde van elke maand, "
            "volgens de datum waarop ze aansloten. Gemeenten die het netwerk "
            "verlieten, tellen niet mee."
        ),
        columns=[_("Maand"), _("Leden"), _("Nieuwe leden")],
        rows=[
            [_month_label(day, short=False), total, added]
            for day, total, added in zip(periods, totals, new, strict=True)
        ],
        chart=charts.line_chart(labels, totals, _("leden")),
        summary=ngettext(
            "%(total)d lid op het einde van de periode, %(growth)d erbij.",
            "%(total)d leden op het einde van de periode, %(growth)d erbij.",
            totals[-1] if totals else 0,
        )
        % {"total": totals[-1] if totals else 0, "growth": growth},
    )


def members_per_province(rows, end):
    last_day = _month_end(end)
    counts = {province: 0 for province, _label in Province.choices}
    totals = dict.fromkeys(counts, 0)
    for row in rows:
        totals[row.province] = totals.get(row.province, 0) + 1
        if _member_on(row, last_day):
            counts[row.province] = counts.get(row.province, 0) + 1
    bounds = charts.class_bounds(max(counts.values(), default=0))
    data = map_shapes()
    chart = charts.Chart(
        kind="map",
        width=data["width"],
        height=data["height"],
        shapes=[
            (
                data["paths"][row.nis_code],
                charts.colour_for(counts[row.province], bounds),
            )
            for row in rows
            if data["paths"].get(row.nis_code)
        ],
        legend=charts.legend_for(
            bounds,
            lambda number, text: (
                ngettext("%(text)s lid", "%(text)s leden", number) % {"text": text}
            ),
        ),
    )
    labels = dict(Province.choices)
    table = sorted(counts.items(), key=lambda item: (-item[1], labels[item[0]]))
    leader = table[0] if table and table[0][1] else None
    return Figure(
        slug="leden-per-provincie",
        title=_("Leden per provincie"),
        caption=_(
            "Hoe donkerder de provincie, hoe meer leden ze telt op het einde van de "
            "gekozen periode."
        ),
        columns=[_("Provincie"), _("Leden"), _("Alle gemeenten")],
        rows=[[labels[p], count, totals.get(p, 0)] for p, count in table],
        chart=chart,
        summary=(
            _("De meeste leden: %(province)s (%(count)d).")
            % {"province": labels[leader[0]], "count": leader[1]}
            if leader
            else _("Nog geen leden in deze periode.")
        ),
    )


# Trajectories ----------------------------------------------------------------


def _closed_steps():
    """municipality id -> {step id: (status, date)} for closed steps; one query."""
    result = {}
    for municipality_id, step_id, status, day in TrajectoryStep.objects.filter(
        status__in=CLOSED_STATUSES
    ).values_list("trajectory__municipality_id", "step_id", "status", "date"):
        result.setdefault(municipality_id, {})[step_id] = (status, day)
    return result


def _statuses(closed, row):
    return {step: value[0] for step, value in closed.get(row.pk, {}).items()}


def _phase_states(route, rows, closed):
    """municipality id -> its `PhaseState` (or None), for the municipalities
    that follow a trajectory; worked out once for the chart and the key
    numbers."""
    return {
        row.pk: current_phase(route, _statuses(closed, row))
        for row in rows
        if _follows_trajectory(row.status)
    }


def municipalities_per_phase(route, states):
    phases = [phase for phase in route if phase.steps]
    counts = [0] * len(phases)
    complete = 0
    for state in states.values():
        if state is None:
            continue
        if state.complete:
            complete += 1
        else:
            counts[state.index] += 1
    items = [(phase.name, count) for phase, count in zip(phases, counts, strict=True)]
    if complete:
        items.append((_("Alle stappen gezet"), complete))
    following = sum(count for _name, count in items)
    return Figure(
        slug="gemeenten-per-fase",
        title=_("Gemeenten per fase van het traject"),
        caption=_(
            "De fase waarin elke gemeente die Mechelen begeleidt vandaag zit: de "
            "eerste fase met een stap die nog niet klaar of niet van toepassing is."
        ),
        columns=[_("Fase"), _("Gemeenten")],
        rows=[[name, count] for name, count in items],
        chart=charts.bar_chart(
            [(name, count, number_format(count)) for name, count in items]
        ),
        summary=ngettext(
            "%(count)d gemeente volgt een traject met Mechelen als mentor.",
            "%(count)d gemeenten volgen een traject met Mechelen als mentor.",
            following,
        )
        % {"count": following},
    )


def _phase_durations(route, rows, closed, start, end):
    """phase -> [days] for phases finished within the period.

    A phase is finished when all its steps are closed, on the latest date of its
    steps; it began when the phase before it finished (the first phase: the day
    the municipality joined).
    """
    phases = [phase for phase in route if phase.steps]
    durations = {phase.pk: [] for phase in phases}
    # Once, not per municipality and phase (`step_ids` builds a list).
    step_ids = {phase.pk: phase.step_ids for phase in phases}
    last_day = _month_end(end)
    for row in rows:
        if not _follows_trajectory(row.status):
            continue
        steps = closed.get(row.pk, {})
        began = row.member_since
        for phase in phases:
            values = [steps.get(step_id) for step_id in step_ids[phase.pk]]
            if not all(values):
                break
            dates = [day for _status, day in values if day]
            if not dates:
                continue
            finished = max(dates)
            if began and start <= finished <= last_day and finished >= began:
                durations[phase.pk].append((finished - began).days)
            began = finished
    return phases, durations


def median_time_per_phase(route, rows, closed, start, end):
    phases, durations = _phase_durations(route, rows, closed, start, end)
    table, items = [], []
    for phase in phases:
        days = durations[phase.pk]
        median_months = (
            round(statistics.median(days) / DAYS_PER_MONTH, 1) if days else None
        )
        shown = number_format(median_months, 1) if days else _("geen gegevens")
        table.append([phase.name, median_months if days else "", len(days)])
        items.append(
            (
                phase.name,
                median_months or 0,
                ngettext("%(months)s mnd (%(n)d)", "%(months)s mnd (%(n)d)", len(days))
                % {"months": shown, "n": len(days)}
                if days
                else shown,
            )
        )
    return Figure(
        slug="mediane-duur-per-fase",
        title=_("Mediane duur per fase"),
        caption=_(
            "Hoeveel maanden een fase duurde bij de helft van de gemeenten (de "
            "mediaan), voor fasen afgerond in de gekozen periode. Tussen haakjes: "
            "het aantal gemeenten."
        ),
        columns=[_("Fase"), _("Mediane duur (maanden)"), _("Gemeenten")],
        rows=table,
        chart=charts.bar_chart(items),
    )


# Practices and members' words ------------------------------------------------


def _live_themes(end):
    """The themes counted over every practice: only until `MonthlyCount` is
    first filled."""
    last_day = _month_end(end)
    practices = (
        CaseStudyPage.objects.live()
        .public()
        .filter(
            Q(first_published_at__isnull=True)
            | Q(first_published_at__date__lte=last_day)
        )
    )
    return (
        CaseStudyPageTag.objects.filter(content_object__in=practices)
        .values_list("tag__name")
        .annotate(practices=Count("content_object", distinct=True))
        .order_by("-practices", "tag__name")[:THEMES_SHOWN]
    )


def _counted_themes(end):
    """A practice counts once per theme in the month it was first published."""
    return (
        MonthlyCount.objects.filter(kind=MonthlyCount.Kind.PRACTICES)
        .filter(Q(month__isnull=True) | Q(month__lte=end))
        .values_list("key")
        .annotate(practices=Sum("count"))
        .order_by("-practices", "key")[:THEMES_SHOWN]
    )


def practices_per_theme(end, counted=True):
    items = list(_counted_themes(end) if counted else _live_themes(end))
    return Figure(
        slug="praktijken-per-thema",
        title=_("Praktijkvoorbeelden per thema"),
        caption=_(
            "De %(count)d thema's met de meeste gepubliceerde praktijkvoorbeelden op "
            "het einde van de periode. Een voorbeeld kan bij meer thema's horen."
        )
        % {"count": THEMES_SHOWN},
        columns=[_("Thema"), _("Praktijkvoorbeelden")],
        rows=[[name, count] for name, count in items],
        chart=charts.bar_chart(
            [(name, count, number_format(count)) for name, count in items]
        ),
    )


def _month_bounds(start, end):
    """(first day, aware start, aware end) of every month in the period."""
    return [
        (
            day,
            timezone.make_aware(datetime.datetime.combine(day, datetime.time())),
            timezone.make_aware(
                datetime.datetime.combine(add_months(day, 1), datetime.time())
            ),
        )
        for day in months(start, end)
    ]


def _per_month(queryset, field, start, end):
    """{month: count} in one query: a filtered COUNT per month.

    Filtered counts over the period, rather than truncating every row's date,
    keep the work in the database engine (SQLite calls Python per truncated
    row).
    """
    bounds = _month_bounds(start, end)
    aggregates = {
        f"count_{n}": Count(
            "pk", filter=Q(**{f"{field}__gte": low, f"{field}__lt": high})
        )
        for n, (_day, low, high) in enumerate(bounds)
    }
    totals = queryset.filter(
        **{f"{field}__gte": bounds[0][1], f"{field}__lt": bounds[-1][2]}
    ).aggregate(**aggregates)
    return {
        day: totals[f"count_{n}"] or 0 for n, (day, _low, _high) in enumerate(bounds)
    }


def _live_words(start, end):
    """{month: (experiences, reactions)} counted over every row: only until
    `MonthlyCount` is first filled."""
    experiences = _per_month(published_experiences(), "first_published_at", start, end)
    reactions = _per_month(visible_reactions(), "created_at", start, end)
    return {day: (experiences[day], reactions[day]) for day in months(start, end)}


def _counted_words(start, end):
    """{month: (experiences, reactions)} from `MonthlyCount`, or None when the
    table was never filled (a new database, before its first refresh)."""
    Kind = MonthlyCount.Kind
    rows = MonthlyCount.objects.filter(
        kind__in=[Kind.EXPERIENCES, Kind.REACTIONS], month__range=(start, end)
    ).values_list("kind", "month", "count")
    counts = {}
    for kind, month, count in rows:
        counts[kind, month] = count
    if not counts and not MonthlyCount.objects.exists():
        return None
    return {
        day: (
            counts.get((Kind.EXPERIENCES, day), 0),
            counts.get((Kind.REACTIONS, day), 0),
        )
        for day in months(start, end)
    }


def words_per_month(start, end, counts):
    periods = months(start, end)
    exp_values = [counts[day][0] for day in periods]
    rea_values = [counts[day][1] for day in periods]
    return Figure(
        slug="ervaringen-en-reacties",
        title=_("Ervaringen en reacties per maand"),
        caption=_(
            "Gepubliceerde ervaringen van leden (donker) en hun reacties "
            "(licht, gearceerd), per maand."
        ),
        columns=[_("Maand"), _("Ervaringen"), _("Reacties")],
        rows=[
            [_month_label(day, short=False), e, r]
            for day, e, r in zip(periods, exp_values, rea_values, strict=True)
        ],
        chart=charts.column_chart(
            [_month_label(day) for day in periods],
            [(_("ervaringen"), exp_values), (_("reacties"), rea_values)],
        ),
        summary=_("%(experiences)d ervaringen en %(reactions)d reacties in de periode.")
        % {"experiences": sum(exp_values), "reactions": sum(rea_values)},
    )


# The agenda (#14) -------------------------------------------------------------


def meeting_counts(start, end):
    """month -> (meetings, attendees), or None when the period had no meeting
    (the page then shows no empty chart).

    One row per meeting of the period, with its attendees, counted per month
    here: the network meets a few times a month, and a filtered COUNT per
    month and per measure (48 aggregates over two years) cost more to build
    and to plan than the meetings are to read.
    """
    bounds = _month_bounds(start, end)
    meetings = (
        EventPage.objects.live()
        .not_cancelled()
        .filter(start__gte=bounds[0][1], start__lt=bounds[-1][2])
        .order_by()
        # Grouped by the event alone, not by each of its page's ~30 columns,
        # which cost more to compile than the meetings are to read.
        .values("pk")
        .annotate(
            attendees=Count(
                "registrations",
                filter=Q(registrations__attended=True),
                distinct=True,
            )
        )
        .values_list("start", "attendees")
    )
    counts = {}
    for moment, attendees in meetings:
        day = timezone.localtime(moment).date().replace(day=1)
        held, present = counts.get(day, (0, 0))
        counts[day] = (held + 1, present + attendees)
    if not counts:
        return None
    return {day: counts.get(day, (0, 0)) for day, _low, _high in bounds}


def meetings_per_month(start, end, counts):
    periods = months(start, end)
    meetings = [counts.get(day, (0, 0))[0] for day in periods]
    attendees = [counts.get(day, (0, 0))[1] for day in periods]
    return Figure(
        slug="bijeenkomsten",
        title=_("Bijeenkomsten en aanwezigen per maand"),
        caption=_(
            "Bijeenkomsten van het lerend netwerk (donker) en het aantal aanwezigen "
            "(licht, gearceerd), per maand."
        ),
        columns=[_("Maand"), _("Bijeenkomsten"), _("Aanwezigen")],
        rows=[
            [_month_label(day, short=False), m, a]
            for day, m, a in zip(periods, meetings, attendees, strict=True)
        ],
        chart=charts.column_chart(
            [_month_label(day) for day in periods],
            [(_("bijeenkomsten"), meetings), (_("aanwezigen"), attendees)],
        ),
    )


# All together -----------------------------------------------------------------


def _build(start, end):
    rows = _municipalities()
    route = route_outline()
    closed = _closed_steps()
    states = _phase_states(route, rows, closed)
    figures = [
        members_over_time(rows, start, end),
        members_per_province(rows, end),
        municipalities_per_phase(route, states),
        median_time_per_phase(route, rows, closed, start, end),
    ]
    monthly = _counted_words(start, end)
    counted = monthly is not None
    figures += [
        practices_per_theme(end, counted=counted),
        words_per_month(start, end, monthly if counted else _live_words(start, end)),
    ]
    meeting_data = meeting_counts(start, end)
    if meeting_data is not None:
        figures.append(meetings_per_month(start, end, meeting_data))
    # At the end of the period, as the line and the map show them.
    end_day = _month_end(end)
    member_rows = [row for row in rows if _member_on(row, end_day)]
    members = len(member_rows)
    provinces = len({row.province for row in member_rows})
    starting_index = _starting_index(route)
    in_practice = sum(
        1
        for state in states.values()
        if state and (state.complete or state.index > starting_index)
    )
    words = figures[5].rows
    key_numbers = [
        (number_format(members), _("gemeenten in het lerend netwerk")),
        (number_format(provinces), _("van de 5 provincies met een lid")),
        (number_format(in_practice), _("gemeenten voorbij de fase starten")),
        (
            number_format(sum(row[1] for row in words)),
            _("ervaringen gedeeld in de periode"),
        ),
    ]
    return Figures(
        start=start,
        end=end,
        figures=figures,
        key_numbers=key_numbers,
        has_examples=any(row.is_example for row in rows),
    )


STARTING_PHASE_SLUG = "starten"


def _starting_index(route):
    """The position of the phase in which pleinmakers start, in the route."""
    phases = [phase for phase in route if phase.steps]
    for index, phase in enumerate(phases):
        if phase.slug == STARTING_PHASE_SLUG:
            return index
    return len(phases)


def network_figures(start, end):
    """Every figure for the period, from the cache until the data changes."""
    key = (
        f"trajectories:figures:{version()}:{content_version()}:{data_version()}:"
        f"{start:%Y-%m}:{end:%Y-%m}"
    )
    figures = cache.get(key)
    if figures is None:
        figures = _build(start, end)
        figures.cache_key = key
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures
