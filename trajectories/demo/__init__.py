"""Demo: the default route and five example trajectories with a mentor log.

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
from portal.models import GuidePage, Phase, ToolkitDocument, User
from trajectories.factories import StepFactory
from trajectories.models import (
    ContactForm,
    MentorContact,
    Step,
    StepStatus,
    Trajectory,
    TrajectoryChange,
    TrajectoryStep,
)
from trajectories.route import bump_version

# phase slug -> steps (title, description)
DEFAULT_ROUTE = [
    (
        "verkennen",
        "Wijken en partners verkend",
        "Jullie weten in welke sociale woonwijken een pleinmaker het verschil kan "
        "maken, en met wie je daar samenwerkt.",
    ),
    (
        "verkennen",
        "Engagement van het bestuur",
        "Het college of de schepen steunt het plan om met pleinmakers te werken.",
    ),
    (
        "voorbereiden",
        "Samenwerking met de sociale huisvestingsmaatschappij ondertekend",
        "Een schriftelijke afspraak over woningen, huur en opvolging.",
    ),
    (
        "voorbereiden",
        "Woningen aangeduid",
        "De woningen waar pleinmakers kunnen wonen, zijn gekozen.",
    ),
    (
        "selecteren",
        "Profiel en oproep gepubliceerd",
        "Het profiel van de pleinmaker en de oproep om je kandidaat te stellen.",
    ),
    (
        "selecteren",
        "Pleinmaker gekozen",
        "Een kandidaat is gekozen en heeft ja gezegd.",
    ),
    (
        "starten",
        "Eerste pleinmaker woont in de wijk",
        "De eerste pleinmaker is verhuisd en kent de sleutelfiguren van de wijk.",
    ),
    (
        "begeleiden",
        "Eerste buurtactie",
        "De pleinmaker zette een eerste eigen actie op in de wijk.",
    ),
    (
        "evalueren",
        "Jaarlijkse evaluatie",
        "Een eerste evaluatie met de pleinmaker, de huisvester en de coach.",
    ),
]

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


def ensure_default_route():
    """The route the guides follow, when editors have not made one yet."""
    if Step.objects.exists():
        return []
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    made = []
    for order, (slug, title, description) in enumerate(DEFAULT_ROUTE):
        phase = phases.get(slug)
        if phase is None:
            continue
        step = StepFactory(
            phase=phase, title=title, description=description, sort_order=order
        )
        step.guides.set(GuidePage.objects.filter(phase=phase).live())
        step.documents.set(ToolkitDocument.objects.filter(phase=phase)[:2])
        made.append(step)
    return made


def _example(loader, nis_code, member_since, closed, practice_slug, steps, today):
    municipality = Municipality.objects.get(nis_code=nis_code)
    if not municipality.is_member:
        municipality.membership_status = MembershipStatus.MEMBER
        municipality.member_since = member_since
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
    for step in ensure_default_route():
        loader.stdout.write(f"  + stap {step.title}")
    steps = list(Step.objects.in_route_order())
    today = timezone.localdate()
    for nis_code, member_since, closed, practice_slug in EXAMPLES:
        _example(loader, nis_code, member_since, closed, practice_slug, steps, today)
    bump_version()
    bump_data_version()
