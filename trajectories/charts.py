"""Geometry for server-rendered SVG charts; the templates only draw what is here.

Every chart has the same width, so the page lines them up; the SVG scales with
its box. Colours differ in lightness as well as hue (a dark teal and a light
amber with hatching), so the series stay apart for colour-blind readers and on
a grey print.
"""

import math
from dataclasses import dataclass, field
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe

WIDTH = 400
PLOT_HEIGHT = 200
MARGIN_LEFT = 44
MARGIN_RIGHT = 12
MARGIN_TOP = 12
AXIS_HEIGHT = 34
MAX_X_LABELS = 5
BAR_ROW = 46
BAR_LABEL_OFFSET = 15
BAR_HEIGHT = 18
VALUE_SPACE = 112

# Light to dark: lightness alone tells the classes apart (grey print too); the
# lightest, for none, is a warm grey that still shows on a white card.
SEQUENTIAL = ["#e9e5dc", "#bfe0d6", "#7fbcab", "#3f9582", "#0b5c52"]
SERIES_STYLES = ("primary", "secondary")


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class XLabel:
    x: float
    label: str


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    style: str
    title: str


@dataclass
class Chart:
    kind: str
    width: int = WIDTH
    height: int = 0
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    x_labels: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    line: str = ""
    area: str = ""
    legend: list = field(default_factory=list)
    shapes: list = field(default_factory=list)
    baseline: float = 0
    plot_left: int = MARGIN_LEFT
    plot_right: int = WIDTH - MARGIN_RIGHT


def _axis(maximum, count=4):
    """(top, step) for an axis of whole numbers: a round step, at most `count`."""
    if maximum <= 0:
        return 1, 1
    raw = maximum / count
    magnitude = 10 ** max(0, math.floor(math.log10(raw))) if raw >= 1 else 1
    step = next(
        factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= raw
    )
    return step * math.ceil(maximum / step), step


def _ticks(top, step):
    plot_bottom = MARGIN_TOP + PLOT_HEIGHT
    return [
        Tick(
            y=round(plot_bottom - PLOT_HEIGHT * value / top, 1),
            label=number_format(value),
        )
        for value in range(0, top + 1, step)
    ]


def _x_labels(labels, slot_width):
    every = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    return [
        XLabel(x=round(MARGIN_LEFT + slot_width * (n + 0.5), 1), label=label)
        for n, label in enumerate(labels)
        if n % every == 0
    ]


def column_chart(labels, series):
    """Columns per category; `series` is [(name, values)], at most two."""
    top, step = _axis(max((v for _n, values in series for v in values), default=0))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / max(1, len(labels))
    gap = min(4, slot * 0.2)
    bar_width = (slot - gap) / len(series)
    plot_bottom = MARGIN_TOP + PLOT_HEIGHT
    bars = []
    for s, (name, values) in enumerate(series):
        for n, value in enumerate(values):
            height = PLOT_HEIGHT * value / top
            bars.append(
                Bar(
                    x=round(MARGIN_LEFT + slot * n + gap / 2 + bar_width * s, 2),
                    y=round(plot_bottom - height, 2),
                    width=round(max(bar_width - 0.5, 0.5), 2),
                    height=round(height, 2),
                    style=SERIES_STYLES[s],
                    title=f"{labels[n]}: {number_format(value)} {name}",
                )
            )
    return Chart(
        kind="columns",
        height=plot_bottom + AXIS_HEIGHT,
        bars=bars,
        ticks=_ticks(top, step),
        x_labels=_x_labels(labels, slot),
        legend=[(SERIES_STYLES[s], name) for s, (name, _v) in enumerate(series)],
        baseline=plot_bottom,
    )


def line_chart(labels, values, name):
    """A filled step line, for a total that grows month by month."""
    top, step = _axis(max(values, default=0))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / max(1, len(labels))
    plot_bottom = MARGIN_TOP + PLOT_HEIGHT
    points = []
    for n, value in enumerate(values):
        y = round(plot_bottom - PLOT_HEIGHT * value / top, 2)
        points += [(MARGIN_LEFT + slot * n, y), (MARGIN_LEFT + slot * (n + 1), y)]
    line = " ".join(
        f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points)
    )
    right = MARGIN_LEFT + plot_width
    area = f"{line} L{right:.1f},{plot_bottom} L{MARGIN_LEFT},{plot_bottom} Z"
    if not points:
        area = ""
    return Chart(
        kind="line",
        height=plot_bottom + AXIS_HEIGHT,
        ticks=_ticks(top, step),
        x_labels=_x_labels(labels, slot),
        line=line,
        area=area,
        legend=[("primary", name)],
        baseline=plot_bottom,
    )


@dataclass
class BarRow:
    label: str
    value_label: str
    label_y: float
    bar_y: float
    value_y: float
    width: float
    value_x: float


def bar_chart(items):
    """Horizontal bars, label above each bar: long Dutch labels fit on a phone.

    `items` is [(label, value, value_label)].
    """
    top = max((value for _l, value, _v in items), default=0) or 1
    plot_width = WIDTH - VALUE_SPACE
    rows = []
    for n, (label, value, value_label) in enumerate(items):
        width = round(plot_width * value / top, 2)
        rows.append(
            BarRow(
                label=label,
                value_label=value_label,
                label_y=n * BAR_ROW + BAR_LABEL_OFFSET,
                bar_y=n * BAR_ROW + BAR_LABEL_OFFSET + 6,
                value_y=n * BAR_ROW + BAR_LABEL_OFFSET + 20,
                width=max(width, 1.5) if value else 0,
                value_x=round(width + 6, 2),
            )
        )
    return Chart(kind="bars", height=max(1, len(items)) * BAR_ROW + 4, rows=rows)


def class_bounds(maximum):
    """Upper bounds of the non-zero classes: equal steps up to the maximum."""
    classes = len(SEQUENTIAL) - 1
    if maximum <= 0:
        return []
    step = max(1, math.ceil(maximum / classes))
    bounds = []
    upper = step
    while upper < maximum:
        bounds.append(upper)
        upper += step
    bounds.append(maximum)
    return bounds


def _class_colours(bounds):
    """The darkest colours for the classes there are: the top class is darkest."""
    return SEQUENTIAL[len(SEQUENTIAL) - len(bounds) :]


def colour_for(value, bounds):
    if value <= 0:
        return SEQUENTIAL[0]
    colours = _class_colours(bounds)
    for n, upper in enumerate(bounds):
        if value <= upper:
            return colours[n]
    return SEQUENTIAL[-1]


def legend_for(bounds, unit):
    """(colour, label) per class: '0', then '1–2', '3–4' … as the data needs.

    `unit(number, text)` words a class, e.g. "1 lid" or "3–4 leden".
    """
    legend = [(SEQUENTIAL[0], unit(0, "0"))]
    lower = 1
    for colour, upper in zip(_class_colours(bounds), bounds, strict=True):
        text = str(upper) if lower == upper else f"{lower}–{upper}"
        legend.append((colour, unit(upper, text)))
        lower = upper + 1
    return legend


# The many shapes of a chart (the map's 285 regions, two years of columns in
# two series) are written here rather than by the template's loops, which
# spent more on them than on everything else the figures page renders. As the
# template writes them with `localize off`: numbers as `str()` gives them.


def svg_bars(chart, slug):
    """The `<rect>` of every column, each with its `<title>`."""
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" '
            f'height="{bar.height}" class="chart__bar chart__bar--{escape(bar.style)}"'
            + (
                f' fill="url(#{escape(slug)}-hatch)"'
                if bar.style == "secondary"
                else ""
            )
            + f"><title>{escape(str(bar.title))}</title></rect>"
            for bar in chart.bars
        )
    )


def _added(value, number):
    """`{{ value|add:number }}` of a coordinate: Django's `add` makes it whole."""
    return int(value) + number


def svg_grid(chart):
    """Each tick's grid line and label, one a line."""
    left, right = chart.plot_left, chart.plot_right
    label_x = _added(left, -6)
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<line x1="{left}" x2="{right}" y1="{tick.y}" y2="{tick.y}" '
            f'class="chart__grid"/><text x="{label_x}" y="{tick.y}" dy="0.32em" '
            f'text-anchor="end" class="chart__tick">{escape(str(tick.label))}</text>\n'
            for tick in chart.ticks
        )
    )


def svg_x_labels(chart):
    """The labels below the columns or the line."""
    y = _added(chart.baseline, 22)
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<text x="{label.x}" y="{y}" text-anchor="middle" class="chart__tick">'
            f"{escape(str(label.label))}</text>"
            for label in chart.x_labels
        )
    )


def svg_bar_rows(chart):
    """Each row of a bar chart: its label, its bar and its value."""
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<text x="0" y="{row.label_y}" class="chart__label">'
            f"{escape(str(row.label))}</text>"
            f'<rect x="0" y="{row.bar_y}" width="{row.width}" height="18" '
            'class="chart__bar chart__bar--primary"/>'
            f'<text x="{row.value_x}" y="{row.value_y}" class="chart__value">'
            f"{escape(str(row.value_label))}</text>"
            for row in chart.rows
        )
    )


def svg_regions(chart):
    """The `<path>` of every region of a map, in its colour."""
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<path d="{escape(path)}" fill="{escape(colour)}" class="chart__region"/>'
            for path, colour in chart.shapes
        )
    )
