"""Private data never reaches a digest; building one costs the same few queries
per member whatever the size of the data."""

import json
import re

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


def build_all(content):
    """Queries to build every member's digest, the way the weekly run does."""
    with CaptureQueriesContext(connection) as queries:
        digests = list(sending.build_digests(content))
    return len(queries.captured_queries), digests


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


def add_members(count, theme):
    for _number in range(count):
        user = MemberFactory()
        Follow.objects.create(user=user, theme=theme)
        Follow.objects.create(user=user, kind="vraag")
        Follow.objects.create(user=user, agenda=True)


@pytest.mark.django_db
def test_queries_per_member_do_not_grow_with_the_data(
    member, colleague, writer, editor, experiences_page, make_practice
):
    groen = Tag.objects.create(name="groen", slug="groen")
    for user in (member, colleague):
        Follow.objects.create(user=user, theme=groen)
        Follow.objects.create(user=user, kind="vraag")
        Follow.objects.create(user=user, agenda=True)
    # The writer follows what they write: their own items stay out.
    Follow.objects.create(user=writer, theme=groen)
    add_content(writer, editor, 3, colleague)
    moment = week_later()
    period = sending.weekly_period(moment)
    small, digests = build_all(PeriodContent(period.start, period.end, now=moment))
    assert len(digests) == 3
    assert sum(digest.count() for digest in digests) > 0

    # Ten times the content and five times the members: the same queries.
    add_content(writer, editor, 30, colleague)
    add_members(12, groen)
    content = PeriodContent(period.start, period.end, now=moment)
    assert len(content.experiences) == 33
    assert len(content.reactions) == 33
    large, digests = build_all(content)
    assert len(digests) == 15
    assert all(digest.count() >= 33 for digest in digests if digest.user != writer)

    # The members and their follows: two queries for up to 500 members; the
    # index pages' URLs the items link to: one for the whole run.
    assert small == large == 3
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
    per_member = float(re.search(r"([\d.]+) per member;", report).group(1))
    assert per_member <= 3 / 20
