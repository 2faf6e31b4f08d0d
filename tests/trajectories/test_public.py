"""What the public sees of a trajectory: the current phase, and nothing else."""

import datetime
import io

import pytest
from django.core.management import call_command

from casestudies.models import CaseStudyPage
from tests.helpers import response_text
from tests.trajectories.conftest import SECRET_LOG, SECRET_NOTE
from trajectories.factories import MentorContactFactory
from trajectories.models import StepStatus, TrajectoryChange, TrajectoryStep
from trajectories.services import record_based_on, record_step

PRIVATE = [SECRET_NOTE, SECRET_LOG, "Zilverpoot", "Kwartelkoning", "Geheimnaam"]


@pytest.fixture
def private_data(demo, member, steps):
    """The demo, plus Leuven's trajectory with a private note and log entry."""
    from trajectories.services import trajectory_for

    trajectory = trajectory_for(member.member_profile.municipality)
    record_step(
        trajectory,
        steps[0],
        status=StepStatus.DONE,
        date=datetime.date(2025, 1, 5),
        note=SECRET_NOTE,
        user=member,
    )
    MentorContactFactory(
        municipality=trajectory.municipality,
        topics=SECRET_LOG,
        agreements=SECRET_LOG,
        due_date=datetime.date(2025, 2, 1),
    )
    record_based_on(
        trajectory,
        CaseStudyPage.objects.get(slug="pleinmakers-in-vier-mechelse-wijken"),
        member,
    )
    call_command("update_index", stdout=io.StringIO())
    return trajectory


@pytest.fixture
def steps(demo):
    from trajectories.models import Step

    return list(Step.objects.in_route_order())


def assert_private_absent(text, where):
    for secret in PRIVATE:
        assert secret not in text, f"{secret!r} in {where}"


def public_urls():
    return [
        "/",
        "/netwerk/",
        "/netwerk/leuven/",
        "/netwerk/cijfers/",
        "/praktijkvoorbeelden/",
        "/praktijkvoorbeelden/pleinmakers-in-vier-mechelse-wijken/",
        "/praktijkvoorbeelden/feed/",
        "/praktijkvoorbeelden/export.csv",
        "/praktijkvoorbeelden/export.json",
        "/ervaringen/",
        "/ervaringen/feed/",
        "/sitemap.xml",
        "/api/v2/pages/?type=casestudies.CaseStudyPage&fields=*",
    ]


def test_notes_log_and_names_never_reach_public_outputs(client, private_data):
    for path in public_urls():
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_private_absent(response_text(response), path)
    # Nor any of the figures' CSV files.
    html = client.get("/netwerk/cijfers/").content.decode()
    slugs = [
        part.split(".csv")[0]
        for part in html.split('href="/netwerk/cijfers/')[1:]
        if ".csv" in part.split('"')[0]
    ]
    assert len(slugs) >= 6
    for slug in slugs:
        response = client.get(f"/netwerk/cijfers/{slug}.csv")
        assert response.status_code == 200
        assert_private_absent(response.content.decode(), slug)


def test_search_and_sitemap_know_nothing_of_a_trajectory(client, private_data):
    for word in ("Zilverpoot", "Kwartelkoning", "Geheimnaam"):
        response = client.get("/zoeken/", {"q": word})
        assert response.context["total"] == 0
        html = response.content.decode()
        assert SECRET_NOTE not in html and SECRET_LOG not in html
        assert "/netwerk/trajecten/" not in html
    assert "/netwerk/trajecten/" not in client.get("/sitemap.xml").content.decode()


def test_a_practice_shows_the_members_who_took_it_over(client, private_data):
    html = client.get(
        "/praktijkvoorbeelden/pleinmakers-in-vier-mechelse-wijken/"
    ).content.decode()
    section = html.split("Overgenomen door")[1].split("</section>")[0]
    assert 'href="/netwerk/leuven/"' in section
    assert TrajectoryChange.objects.filter(summary__startswith="Gebaseerd op").exists()
    html = client.get("/praktijkvoorbeelden/zilveren-buren-bree/").content.decode()
    assert "Overgenomen door" not in html

    # A former member's trajectory no longer counts as a transfer.
    leuven = private_data.municipality
    leuven.membership_status = "voormalig"
    leuven.save()
    html = client.get(
        "/praktijkvoorbeelden/pleinmakers-in-vier-mechelse-wijken/"
    ).content.decode()
    assert (
        'href="/netwerk/leuven/"'
        not in html.split("Overgenomen door")[1].split("</section>")[0]
    )
    assert TrajectoryStep.objects.filter(trajectory=private_data).exists()
