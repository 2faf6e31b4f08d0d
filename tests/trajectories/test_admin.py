"""Editors keep the route in the admin; the agenda's chart waits for the agenda."""

import datetime

from trajectories.figures import meetings_per_month
from trajectories.models import Step


def test_editors_add_steps_to_the_route_and_link_what_helps(client, editor, phases):
    client.force_login(editor)
    assert client.get("/admin/snippets/trajectories/step/").status_code == 200
    response = client.post(
        "/admin/snippets/trajectories/step/add/",
        {
            "phase": phases[1].pk,
            "title": "Woningen aangeduid",
            "description": "De woningen zijn gekozen.",
        },
    )
    assert response.status_code == 302
    step = Step.objects.get(title="Woningen aangeduid")
    assert step.phase == phases[1]


def test_the_route_follows_the_phases_then_the_editors_order(phases):
    from trajectories.factories import StepFactory

    late = StepFactory(phase=phases[0], title="b", sort_order=5)
    early = StepFactory(phase=phases[0], title="a", sort_order=1)
    other = StepFactory(phase=phases[1], title="c", sort_order=0)
    assert list(Step.objects.in_route_order()) == [early, late, other]


def test_the_meetings_chart_shows_meetings_and_attendance_per_month():
    start = datetime.date(2025, 1, 1)
    figure = meetings_per_month(
        start, datetime.date(2025, 3, 1), {datetime.date(2025, 2, 1): (2, 17)}
    )
    assert figure.rows == [
        ["januari 2025", 0, 0],
        ["februari 2025", 2, 17],
        ["maart 2025", 0, 0],
    ]
    assert len(figure.chart.bars) == 6
