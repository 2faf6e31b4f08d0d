"""Trajectories for all 285 municipalities, for `manage.py generate_bench_data`.

Every municipality becomes a member (the mentor stays mentor) with a trajectory
at a random point of the route, a history and a mentor log, written with bulk
inserts. Earlier bench trajectories are replaced; the demo's examples stay.
"""

import datetime
import random

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from network.models import MembershipStatus, Municipality, bump_data_version
from trajectories.models import (
    ContactForm,
    MentorContact,
    StepStatus,
    Trajectory,
    TrajectoryChange,
    TrajectoryStep,
)
from trajectories.route import bump_version, route_outline

START = datetime.date(2022, 1, 1)
BENCH_TOPICS = "[bench] Opvolging van het traject"


def _remove_bench_data():
    Trajectory.objects.filter(is_example=False).delete()
    MentorContact.objects.filter(topics=BENCH_TOPICS).delete()


# (label, path or a function returning one, max queries, kind)
PAGES = [("figures", "/netwerk/cijfers/", 15, "listing")]


def _own_trajectory_url(member):
    trajectory = Trajectory.objects.filter(
        municipality__member_profiles__user=member
    ).first()
    return (
        reverse("trajectories:trajectory", args=[trajectory.municipality.slug])
        if trajectory
        else None
    )


# A logged-in member's pages; a path function gets the member.
MEMBER_PAGES = [("trajectory", _own_trajectory_url, 14, "member")]

OPTION = (
    "--trajectories",
    "How many municipalities (at most 285, in NIS order) become members with a "
    "trajectory.",
)


def generate(count, *, seed, stdout):
    return generate_trajectories(seed=seed, limit=count) if count else 0


def generate_trajectories(seed=1, limit=None):
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    chosen = Municipality.objects.order_by("pk")[:limit].values_list("pk", flat=True)
    steps = [step for phase in route_outline() for step in phase.steps]
    today = timezone.localdate()
    span = (today - START).days
    with transaction.atomic():
        _remove_bench_data()
        chosen = list(chosen)
        Municipality.objects.filter(pk__in=chosen).exclude(
            membership_status__in=(MembershipStatus.MEMBER, MembershipStatus.MENTOR)
        ).update(membership_status=MembershipStatus.MEMBER)
        municipalities = list(Municipality.objects.filter(pk__in=chosen).order_by("pk"))
        for municipality in municipalities:
            # Drawn for every one, used where missing: a second run draws alike.
            joined = START + datetime.timedelta(days=rng.randrange(span))
            if municipality.member_since is None:
                municipality.member_since = joined
        Municipality.objects.bulk_update(municipalities, ["member_since"])
        examples = set(
            Trajectory.objects.filter(is_example=True).values_list(
                "municipality_id", flat=True
            )
        )
        trajectories = Trajectory.objects.bulk_create(
            Trajectory(municipality=municipality)
            for municipality in municipalities
            if municipality.pk not in examples
            and municipality.membership_status == MembershipStatus.MEMBER
        )
        since = {m.pk: m.member_since for m in municipalities}
        records, changes, contacts = [], [], []
        for trajectory in trajectories:
            day = since[trajectory.municipality_id]
            reached = rng.randrange(len(steps) + 1) if steps else 0
            for number, step in enumerate(steps[:reached]):
                day = min(today, day + datetime.timedelta(days=rng.randrange(20, 120)))
                status = (
                    StepStatus.NOT_APPLICABLE
                    if rng.random() < 0.05
                    else StepStatus.DONE
                )
                if number == reached - 1 and rng.random() < 0.5:
                    status = StepStatus.IN_PROGRESS
                records.append(
                    TrajectoryStep(
                        trajectory=trajectory, step_id=step.pk, status=status, date=day
                    )
                )
                changes.append(
                    TrajectoryChange(
                        trajectory=trajectory,
                        step_id=step.pk,
                        step_title=step.title,
                        status=status,
                        date=day,
                        changed_at=timezone.make_aware(
                            datetime.datetime.combine(day, datetime.time(10))
                        ),
                    )
                )
            contacts.append(
                MentorContact(
                    municipality_id=trajectory.municipality_id,
                    date=day,
                    form=rng.choice(ContactForm.values),
                    topics=BENCH_TOPICS,
                    agreements="[bench] Volgende stap voorbereiden.",
                    due_date=day + datetime.timedelta(days=rng.randrange(14, 90)),
                    agreement_mailed_at=timezone.now(),
                )
            )
        TrajectoryStep.objects.bulk_create(records, batch_size=1000)
        TrajectoryChange.objects.bulk_create(changes, batch_size=1000)
        MentorContact.objects.bulk_create(contacts, batch_size=1000)
    bump_version()
    bump_data_version()
    return len(trajectories)
