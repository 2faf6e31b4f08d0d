"""Demo: five example trajectories with a mentor log (the route is true content).

Every trajectory made here is flagged `is_example`: its pages say it is an
example, and its public phase label says *voorbeeld*. The places are real
Flemish municipalities; what happens in their trajectories is invented.
Dates are counted back from today, so the mentor log always has agreements
that are overdue and agreements still to come.
"""

import datetime

from django.utils import timezone

from casestudies.models import CaseStudyPage
from network.models import MembershipStatus, Municipality, bump_data_version
from portal.models import User
from trajectories.models import (
    ContactForm,
    MentorContact,
    Step,
    StepStatus,
    Trajectory,
    TrajectoryChange,
    TrajectoryStep,
)
from trajectories.monthly_counts import refresh_monthly_counts
from trajectories.route import bump_version

# nis code, member since (None: keep), steps closed, based on (practice slug)
EXAMPLES = [
    ("44021", datetime.date(2023, 5, 1), 8, "pleinmakers-in-vier-mechelse-wijken"),
    ("34022", None, 7, "pleinmakers-in-vier-mechelse-wijken"),
    ("24062", None, 4, ""),
    ("13040", datetime.date(2025, 9, 1), 2, ""),
    ("41002", None, 0, ""),
]

NOTES = {
    2: "Voorbeeld: de ontwerptekst ging langs de juridische dienst.",
    4: "Voorbeeld: we hergebruikten het profiel uit de toolkit.",
    6: "Voorbeeld: de verhuis liep een maand vertraging op.",
}

# (days ago, form, topics, agreements, next step, due in days, done)
CONTACTS = [
    (
        75,
        ContactForm.VISIT,
        "Kennismaking, de wijken die in aanmerking komen.",
        "De gemeente bezorgt een lijst van mogelijke wijken.",
        "Lijst van wijken bespreken",
        -45,
        True,
    ),
    (
        30,
        ContactForm.CALL,
        "Stand van de samenwerking met de huisvester.",
        "De gemeente plant een overleg met de huisvestingsmaatschappij.",
        "Verslag van het overleg delen",
        -10,
        False,
    ),
    (
        5,
        ContactForm.INTERVISION,
        "Intervisie met andere leden over de selectie.",
        "Mechelen stuurt de vragen die het bij gesprekken gebruikt.",
        "Oproep nalezen",
        21,
        False,
    ),
]


def _example(loader, nis_code, member_since, closed, practice_slug, steps, today):
    municipality = Municipality.objects.get(nis_code=nis_code)
    if not municipality.is_member:
        municipality.membership_status = MembershipStatus.MEMBER
        municipality.member_since = member_since
        municipality.is_example = True
        municipality.save()
        loader.stdout.write(f"  ~ {municipality.name} is lid (voorbeeld)")
    if Trajectory.objects.filter(municipality=municipality).exists():
        return None
    trajectory = Trajectory.objects.create(
        municipality=municipality,
        is_example=True,
        based_on=CaseStudyPage.objects.filter(slug=practice_slug).first()
        if practice_slug
        else None,
    )
    member = User.objects.filter(member_profile__municipality=municipality).first()
    started = municipality.member_since or today - datetime.timedelta(days=365)
    span = max(1, (today - started).days - 20)
    for number, step in enumerate(steps[: closed + 1]):
        day = started + datetime.timedelta(days=span * (number + 1) // (closed + 2))
        status = StepStatus.DONE if number < closed else StepStatus.IN_PROGRESS
        note = NOTES.get(number, "")
        changed_at = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(14))
        )
        record = TrajectoryStep.objects.create(
            trajectory=trajectory,
            step=step,
            status=status,
            date=day,
            note=note,
            updated_by=member,
        )
        # As if the member had made the change that day (auto_now says today).
        TrajectoryStep.objects.filter(pk=record.pk).update(updated_at=changed_at)
        TrajectoryChange.objects.create(
            trajectory=trajectory,
            step=step,
            step_title=step.title,
            status=status,
            date=day,
            note=note,
            changed_by=member,
            changed_at=changed_at,
        )
    for days_ago, form, topics, agreements, next_step, due, done in CONTACTS:
        MentorContact.objects.create(
            municipality=municipality,
            date=today - datetime.timedelta(days=days_ago),
            form=form,
            topics=f"Voorbeeld: {topics}",
            agreements=agreements,
            next_step=next_step,
            due_date=today + datetime.timedelta(days=due),
            agreement_done=done,
            # The demo sends no mail: these count as mailed already.
            agreement_mailed_at=timezone.now(),
        )
    loader.stdout.write(f"  + voorbeeldtraject {municipality.name}")
    return trajectory


def load(loader):
    steps = list(Step.objects.in_route_order())
    today = timezone.localdate()
    for nis_code, member_since, closed, practice_slug in EXAMPLES:
        _example(loader, nis_code, member_since, closed, practice_slug, steps, today)
    bump_version()
    bump_data_version()


def remove(stdout):
    count, _by_model = Trajectory.objects.filter(is_example=True).delete()
    stdout.write(f"  - {count} example trajectories and their history")
    count, _by_model = MentorContact.objects.filter(
        municipality__is_example=True
    ).delete()
    stdout.write(f"  - {count} example mentor log entries")
    bump_version()


def refresh():
    """The figures' counts per month, after experiences, reactions or practices
    were written in bulk."""
    refresh_monthly_counts()
