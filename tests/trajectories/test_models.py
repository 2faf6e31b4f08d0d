import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from trajectories.factories import MentorContactFactory
from trajectories.models import StepStatus, TrajectoryStep


def test_the_database_refuses_a_done_step_without_a_date(trajectory, steps):
    with pytest.raises(IntegrityError), transaction.atomic():
        TrajectoryStep.objects.create(
            trajectory=trajectory, step=steps[0], status=StepStatus.DONE
        )
    assert not TrajectoryStep.objects.exists()


def test_a_done_step_without_a_date_fails_validation_in_dutch(trajectory, steps):
    row = TrajectoryStep(trajectory=trajectory, step=steps[0], status=StepStatus.DONE)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert (
        "Vul de datum in waarop deze stap klaar was."
        in error.value.message_dict["date"]
    )


def test_a_done_step_with_a_date_is_fine(trajectory, steps):
    row = TrajectoryStep.objects.create(
        trajectory=trajectory,
        step=steps[0],
        status=StepStatus.DONE,
        date=datetime.date(2025, 1, 10),
    )
    row.full_clean()


def test_a_due_date_needs_an_agreement(leuven):
    contact = MentorContactFactory.build(
        municipality=leuven, due_date=datetime.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "due_date" in error.value.message_dict
