"""The one rule that turns steps into a phase (`trajectories.route`)."""

from trajectories.models import StepStatus
from trajectories.route import (
    RoutePhase,
    RouteStep,
    current_phase,
    next_step,
    progress,
)

DONE, BUSY, NVT, NOT_YET = (
    StepStatus.DONE,
    StepStatus.IN_PROGRESS,
    StepStatus.NOT_APPLICABLE,
    StepStatus.NOT_STARTED,
)


def route(*step_counts):
    """Phases 1…n with the given number of steps; step ids count up from 1."""
    phases, pk = [], 0
    for number, count in enumerate(step_counts, start=1):
        steps = []
        for _ in range(count):
            pk += 1
            steps.append(
                RouteStep(pk=pk, title=f"s{pk}", description="", phase_id=number)
            )
        phases.append(
            RoutePhase(
                pk=number, name=f"Fase {number}", slug=f"f{number}", steps=tuple(steps)
            )
        )
    return phases


def phase_of(route_, statuses):
    state = current_phase(route_, statuses)
    return (state.phase.pk, state.complete) if state else None


def test_an_empty_route_has_no_phase():
    assert current_phase([], {}) is None
    assert current_phase(route(0, 0), {}) is None


def test_nothing_done_is_the_first_phase():
    assert phase_of(route(2, 2, 1), {}) == (1, False)


def test_a_phase_is_current_until_all_its_steps_are_closed():
    r = route(2, 2, 1)
    assert phase_of(r, {1: DONE}) == (1, False)
    assert phase_of(r, {1: DONE, 2: BUSY}) == (1, False)
    assert phase_of(r, {1: DONE, 2: NOT_YET}) == (1, False)
    assert phase_of(r, {1: DONE, 2: DONE}) == (2, False)


def test_not_applicable_closes_a_step():
    assert phase_of(route(2, 2, 1), {1: NVT, 2: DONE}) == (2, False)


def test_later_steps_done_never_skip_an_open_earlier_phase():
    r = route(2, 2, 1)
    assert phase_of(r, {2: DONE, 3: DONE, 4: DONE, 5: DONE}) == (1, False)


def test_all_closed_is_complete_in_the_last_phase():
    r = route(2, 2, 1)
    statuses = {1: DONE, 2: NVT, 3: DONE, 4: DONE, 5: DONE}
    assert phase_of(r, statuses) == (3, True)


def test_phases_without_steps_are_not_part_of_the_route():
    r = route(1, 0, 1)
    state = current_phase(r, {1: DONE})
    assert state.phase.pk == 3
    assert state.index == 1


def test_next_step_and_progress_follow_the_same_rule():
    r = route(2, 2, 1)
    statuses = {1: DONE, 2: NVT, 4: DONE}
    assert next_step(r, statuses).pk == 3
    assert progress(r, statuses) == (3, 5)
    assert next_step(r, dict.fromkeys(range(1, 6), DONE)) is None


def test_map_classes_end_in_the_darkest_colour_and_zero_stays_white():
    from trajectories.charts import SEQUENTIAL, class_bounds, colour_for, legend_for

    bounds = class_bounds(2)
    assert colour_for(0, bounds) == SEQUENTIAL[0]
    assert colour_for(2, bounds) == SEQUENTIAL[-1]
    assert colour_for(1, bounds) == SEQUENTIAL[-2]
    legend = legend_for(class_bounds(10), lambda number, text: text)
    assert [label for _colour, label in legend] == ["0", "1–3", "4–6", "7–9", "10"]
    assert legend[-1][0] == SEQUENTIAL[-1]
