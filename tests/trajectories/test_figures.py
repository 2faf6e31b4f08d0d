"""/netwerk/cijfers/: every chart with its table and CSV, cached, bounded."""

import csv
import datetime
import io
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    RegistrationFactory,
)
from network.models import MembershipStatus, Municipality
from tests.helpers import count_queries
from trajectories.demo.bench import generate_trajectories
from trajectories.figures import meeting_counts
from trajectories.models import StepStatus
from trajectories.services import record_step, trajectory_for

URL = "/netwerk/cijfers/"
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def sections(html):
    return re.findall(r'<section class="chart-card.*?</section>', html, re.S)


def table_rows(section):
    body = section.split("<tbody>")[1].split("</tbody>")[0]
    return [
        re.sub(r"<[^>]+>", "|", row).strip("|").split("||")
        for row in re.findall(r"<tr>.*?</tr>", body, re.S)
        if "colspan" not in row
    ]


@pytest.fixture
def network(leuven, kortrijk, mechelen, steps, member):
    mechelen.member_since = datetime.date(2022, 1, 1)
    mechelen.save()
    trajectory = trajectory_for(leuven)
    for step in steps[:2]:
        record_step(
            trajectory,
            step,
            status=StepStatus.DONE,
            date=timezone.localdate() - datetime.timedelta(days=60),
            note="",
            user=member,
        )
    return trajectory


def test_every_chart_has_a_caption_a_table_and_a_csv(client, network):
    html = client.get(URL).content.decode()
    found = sections(html)
    assert len(found) == 6
    for section in found:
        assert section.count('<svg class="chart__svg') == 1
        assert section.count("<figcaption") == 1
        # The table comes right after the figure.
        after_figure = section.split("</figure>")[1]
        assert after_figure.lstrip().startswith('<div class="chart-table"')
        assert "<table" in after_figure and "<caption" in after_figure
        slug = re.search(r'href="/netwerk/cijfers/([a-z-]+)\.csv', section).group(1)
        response = client.get(f"/netwerk/cijfers/{slug}.csv")
        assert response.status_code == 200
        rows = list(
            csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        )
        assert len(rows) == len(table_rows(section)) + 1


def test_the_figures_show_the_network(client, network):
    html = client.get(URL).content.decode()
    by_title = {
        re.search(r"<h2[^>]*>(.*?)</h2>", s).group(1): s for s in sections(html)
    }
    phases = dict(table_rows(by_title["Gemeenten per fase van het traject"]))
    # Leuven closed Verkennen; Kortrijk has not started; the mentor follows none.
    assert phases == {"Verkennen": "1", "Voorbereiden": "1", "Starten": "0"}
    provinces = {row[0]: row[1] for row in table_rows(by_title["Leden per provincie"])}
    assert provinces["Antwerpen"] == "1"  # Mechelen
    assert provinces["Vlaams-Brabant"] == "1"
    assert provinces["Limburg"] == "0"
    median = {row[0]: row for row in table_rows(by_title["Mediane duur per fase"])}
    assert median["Verkennen"][2] == "1"  # one municipality finished it
    assert "gemeenten in het lerend netwerk</dt><dd>3</dd>" in html


def test_a_member_without_a_known_start_counts_in_every_figure(
    client, network, mechelen
):
    """Mechelen's start in the network is not recorded: the key number, the line
    of members and the map must still count the same municipalities."""
    mechelen.member_since = None
    mechelen.save()
    html = client.get(URL).content.decode()
    by_title = {
        re.search(r"<h2[^>]*>(.*?)</h2>", s).group(1): s for s in sections(html)
    }
    over_time = table_rows(by_title["Leden door de tijd"])
    provinces = {row[0]: row[1] for row in table_rows(by_title["Leden per provincie"])}
    assert "gemeenten in het lerend netwerk</dt><dd>3</dd>" in html
    assert over_time[-1][1] == "3"
    assert provinces["Antwerpen"] == "1"


def test_the_page_is_cached_and_refreshed_when_data_changes(client, network, steps):
    def phases():
        html = client.get(URL).content.decode()
        section = [s for s in sections(html) if "Gemeenten per fase" in s][0]
        return dict(table_rows(section))

    assert phases() == {"Verkennen": "1", "Voorbereiden": "1", "Starten": "0"}
    record_step(
        network,
        steps[2],
        status=StepStatus.NOT_APPLICABLE,
        date=None,
        note="",
        user=None,
    )
    record_step(
        network,
        steps[3],
        status=StepStatus.DONE,
        date=datetime.date(2025, 1, 1),
        note="",
        user=None,
    )
    assert phases() == {"Verkennen": "1", "Voorbereiden": "0", "Starten": "1"}


def test_a_date_range_filters_and_bad_input_gets_a_dutch_message(client, network):
    response = client.get(URL, {"van": "2024-01", "tot": "2024-06"})
    section = [s for s in sections(response.content.decode()) if "Leden door" in s][0]
    months = [row[0] for row in table_rows(section)]
    assert months[0] == "januari 2024" and months[-1] == "juni 2024"
    assert len(months) == 6

    response = client.get(URL, {"van": "gisteren", "tot": "2024-06"})
    html = response.content.decode()
    assert "Vul een maand in als jjjj-mm" in html
    assert 'value="gisteren"' in html
    response = client.get(URL, {"van": "2025-06", "tot": "2024-06"})
    assert "Kies een maand na de beginmaand." in response.content.decode()
    response = client.get(URL, {"van": "2000-01", "tot": "2024-06"})
    assert "hoogstens tien jaar" in response.content.decode()


def test_csv_cells_cannot_run_as_formulas(client, home_page, leuven):
    index = CaseStudyIndexPageFactory(parent=home_page, slug="praktijkvoorbeelden")
    CaseStudyPageFactory(
        parent=index, municipality=leuven, themes=['=HYPERLINK("http://x")']
    )
    response = client.get("/netwerk/cijfers/praktijken-per-thema.csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][0].startswith("'=")


def test_an_unknown_figure_is_404(client, db):
    assert client.get("/netwerk/cijfers/geheim.csv").status_code == 404


def test_meetings_and_attendance_show_only_when_the_period_had_meetings(
    client, network, home_page
):
    assert meeting_counts(datetime.date(2024, 1, 1), datetime.date(2024, 12, 1)) is None
    assert "bijeenkomsten en aanwezigen" not in client.get(URL).content.decode().lower()

    agenda = EventIndexPageFactory(parent=home_page)
    start = timezone.make_aware(datetime.datetime(2024, 3, 12, 10))
    event = EventPageFactory(parent=agenda, start=start)
    RegistrationFactory.create_batch(3, event=event, attended=True)
    RegistrationFactory(event=event, attended=False)
    cancelled = EventPageFactory(parent=agenda, start=start)
    cancelled.is_cancelled = True
    cancelled.save()

    counts = meeting_counts(datetime.date(2024, 1, 1), datetime.date(2024, 12, 1))
    assert counts[datetime.date(2024, 3, 1)] == (1, 3)
    html = client.get(URL, {"van": "2024-01", "tot": "2024-12"}).content.decode()
    section = [s for s in sections(html) if "Bijeenkomsten en aanwezigen" in s][0]
    assert ["maart 2024", "1", "3"] in table_rows(section)


def test_nothing_comes_from_another_host(client, network):
    html = client.get(URL).content.decode()
    assert "<script" not in html
    assert not re.search(
        r'(src|href)="(https?:)?//', html.replace('href="http://testserver', "")
    )


def test_the_figures_page_query_budget_stays_the_same_with_285_members(client, network):
    small = count_queries(client, URL)
    with override_settings(CACHES=DUMMY_CACHE):
        small_uncached = count_queries(client, URL)
    generate_trajectories(seed=1)
    assert (
        Municipality.objects.filter(membership_status=MembershipStatus.MEMBER).count()
        == 284
    )
    large = count_queries(client, URL)
    with override_settings(CACHES=DUMMY_CACHE):
        large_uncached = count_queries(client, URL)
    assert small == large <= 15
    assert small_uncached == large_uncached <= 15


def test_chart_shapes_are_written_escaped_as_the_template_wrote_them():
    from trajectories import charts

    chart = charts.column_chart(
        ["jan '25", "feb '25"], [("ervaringen", [1, 3]), ("<reacties>", [2, 0])]
    )
    bars = charts.svg_bars(chart, "ervaringen-en-reacties")
    assert bars.count("<rect ") == 4
    assert bars.count('fill="url(#ervaringen-en-reacties-hatch)"') == 2
    assert "<title>jan &#x27;25: 2 &lt;reacties&gt;</title>" in bars
    # Unlocalised numbers, as `localize off` writes them: 12.5, never 12,5.
    first = chart.bars[0]
    assert (
        f'<rect x="{first.x}" y="{first.y}" width="{first.width}" '
        f'height="{first.height}" class="chart__bar chart__bar--primary">'
    ) in bars
    regions = charts.svg_regions(charts.Chart(kind="map", shapes=[('M0,0"', "#fff")]))
    assert regions == '<path d="M0,0&quot;" fill="#fff" class="chart__region"/>'


def test_table_rows_are_what_the_template_loop_wrote():
    """The rows are written in Python: localized, escaped, None as nothing in a
    cell, as `{{ value }}` and `{{ value|default_if_none:"" }}` gave them."""
    from django.template import Context, Template

    from trajectories import charts
    from trajectories.figures import Figure

    rows = [
        ["<b>Leuven & co</b>", 1.5, None, 12345],
        ["december 2025", 0, 2.25, -3],
    ]
    figure = Figure(
        slug="proef",
        title="Proef",
        caption="",
        columns=["a", "b", "c", "d"],
        rows=rows,
        chart=charts.Chart(kind="bars"),
    )
    loop = Template(
        "{% for row in rows %}<tr>{% for value in row %}{% if forloop.first %}"
        '<th scope="row">{{ value }}</th>{% else %}'
        '<td>{{ value|default_if_none:"" }}</td>{% endif %}{% endfor %}</tr>\n'
        "                        {% endfor %}"
    ).render(Context({"rows": rows}))
    assert figure.table_rows == loop
    assert "&lt;b&gt;Leuven &amp; co&lt;/b&gt;" in loop
    assert "<td>1,5</td><td></td>" in loop


def test_chart_parts_are_what_the_template_loops_wrote():
    """Grid, x labels and bar rows are written in Python, as the template's
    loops wrote them with `localize off`."""
    from django.template import Context, Template

    from trajectories import charts

    columns = charts.column_chart(
        ["jan '25", "<feb>"], [("ervaringen", [3, 1200]), ("reacties", [0, 7])]
    )
    bars = charts.bar_chart([("Groen & <b>", 12, "12"), ("Spel", 0, "0")])
    loops = Template(
        "{% load l10n %}{% localize off %}"
        '{% for tick in chart.ticks %}<line x1="{{ chart.plot_left }}" '
        'x2="{{ chart.plot_right }}" y1="{{ tick.y }}" y2="{{ tick.y }}" '
        'class="chart__grid"/><text x="{{ chart.plot_left|add:-6 }}" '
        'y="{{ tick.y }}" dy="0.32em" text-anchor="end" class="chart__tick">'
        "{{ tick.label }}</text>\n{% endfor %}|"
        '{% for label in chart.x_labels %}<text x="{{ label.x }}" '
        'y="{{ chart.baseline|add:22 }}" text-anchor="middle" class="chart__tick">'
        "{{ label.label }}</text>{% endfor %}|"
        '{% for row in bars.rows %}<text x="0" y="{{ row.label_y }}" '
        'class="chart__label">{{ row.label }}</text><rect x="0" '
        'y="{{ row.bar_y }}" width="{{ row.width }}" height="18" '
        'class="chart__bar chart__bar--primary"/><text x="{{ row.value_x }}" '
        'y="{{ row.value_y }}" class="chart__value">{{ row.value_label }}</text>'
        "{% endfor %}{% endlocalize %}"
    ).render(Context({"chart": columns, "bars": bars}))
    written = "|".join(
        [
            charts.svg_grid(columns),
            charts.svg_x_labels(columns),
            charts.svg_bar_rows(bars),
        ]
    )
    assert written == loops
    assert "Groen &amp; &lt;b&gt;" in written
