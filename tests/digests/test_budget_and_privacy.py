"""Private data never reaches a digest; building one costs the same few queries
per member whatever the size of the data."""

import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from digests import sending
from digests.building import PeriodContent
from digests.models import Follow
from experiences import services
from network.factories import MemberFactory
from tests.digests.conftest import week_later
from trajectories.factories import (
    MentorContactFactory,
    StepFactory,
    TrajectoryFactory,
)
from trajectories.models import TrajectoryStep

SECRET_NOTE = "Vertrouwelijk: de schepen twijfelt nog"


@pytest.mark.django_db
def test_trajectory_notes_never_reach_a_digest(member, make_experience, leuven):
    Follow.objects.create(user=member, municipality=leuven)
    Follow.objects.create(user=member, agenda=True)
    trajectory = TrajectoryFactory(municipality=leuven)
    TrajectoryStep.objects.create(
        trajectory=trajectory, step=StepFactory(), status="bezig", note=SECRET_NOTE
    )
    MentorContactFactory(municipality=leuven, agreements=SECRET_NOTE)
    make_experience(author=MemberFactory(profile__municipality=leuven))
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    (message,) = [m for m in mail.outbox if m.to == [member.email]]
    assert SECRET_NOTE not in message.body
    assert SECRET_NOTE not in message.alternatives[0][0]


@pytest.mark.django_db
def test_follows_and_frequency_are_in_download_my_data(client, member, leuven):
    Follow.objects.create(user=member, municipality=leuven)
    client.force_login(member)
    data = json.loads(client.get("/account/mijn-gegevens.json").content)
    assert data["follows"][0]["label"] == "Uit Leuven"
    assert data["digest_frequency"] == "wekelijks"


def build_all(content, users):
    with CaptureQueriesContext(connection) as queries:
        for user in users:
            content.digest_for(user)
    return len(queries.captured_queries)


def add_content(writer, editor, count, colleague):
    from experiences.factories import ExperienceFactory

    for number in range(count):
        experience = ExperienceFactory(
            author=writer,
            title=f"Groen {number}",
            themes=["groen", "senioren"],
            publish=True,
            publish__by=editor,
        )
        services.add_reaction(experience, colleague, "Mooi gedaan.")


@pytest.mark.django_db
def test_queries_per_member_do_not_grow_with_the_data(
    member, colleague, writer, editor, experiences_page, make_practice
):
    groen = Tag.objects.create(name="groen", slug="groen")
    members = [member, colleague]
    for user in members:
        Follow.objects.create(user=user, theme=groen)
        Follow.objects.create(user=user, kind="vraag")
        Follow.objects.create(user=user, agenda=True)
    add_content(writer, editor, 3, colleague)
    moment = week_later()
    period = sending.weekly_period(moment)
    small = build_all(PeriodContent(period.start, period.end, now=moment), members)

    add_content(writer, editor, 30, colleague)
    content = PeriodContent(period.start, period.end, now=moment)
    assert len(content.experiences) == 33
    large = build_all(content, members)

    assert small == large
    # One query per member: their follows.
    assert large <= 1 * len(members)
    # And loading the period is a fixed number of queries.
    with CaptureQueriesContext(connection) as queries:
        PeriodContent(period.start, period.end, now=moment)
    assert len(queries.captured_queries) <= 12


@pytest.mark.django_db
def test_bench_command_reports_time_memory_and_queries(member, make_experience):
    import io

    from django.core.management import call_command

    make_experience(themes=["groen"])
    out = io.StringIO()
    call_command("bench_digests", "--members", "20", stdout=out)
    report = out.getvalue()
    assert "Added 18 bench members." in report  # the member and the writer exist
    assert "20 digests" in report
    assert "peak memory" in report
    per_member = float(report.split(" per member")[0].rsplit(", ", 1)[1])
    assert per_member <= 2
