import io

from django.core.management import call_command
from django.utils import timezone

from network.models import MembershipStatus, Municipality
from trajectories.demo.bench import generate_trajectories
from trajectories.models import MentorContact, Trajectory
from trajectories.route import route_outline
from trajectories.services import public_phases


def test_the_demo_has_five_example_trajectories_in_different_phases(client, demo):
    examples = Trajectory.objects.filter(is_example=True)
    assert examples.count() == 5
    phases = public_phases()
    labels = {phases[t.municipality_id].name for t in examples}
    assert len(labels) == 5
    assert all(phases[t.municipality_id].is_example for t in examples)
    today = timezone.localdate()
    assert MentorContact.objects.overdue(today).exists()
    assert MentorContact.objects.upcoming(today).exists()
    # Every example says so, publicly and on its own pages.
    html = client.get("/netwerk/gent/").content.decode()
    assert "– voorbeeld" in html
    from network.models import MemberProfile

    client.force_login(
        MemberProfile.objects.filter(municipality__slug="leuven").first().user
    )
    for path in ("/netwerk/trajecten/leuven/", "/netwerk/trajecten/leuven/mentorlog/"):
        assert "Voorbeeld." in client.get(path).content.decode(), path


def test_loading_the_demo_twice_adds_nothing(demo):
    counts = (Trajectory.objects.count(), MentorContact.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Trajectory.objects.count(), MentorContact.objects.count()) == counts


def test_bench_data_gives_every_municipality_but_the_mentor_a_trajectory(
    phases, steps, mechelen
):
    generate_trajectories(seed=1)
    first = sorted(
        Trajectory.objects.values_list("municipality__nis_code", "steps__status")
    )
    assert Trajectory.objects.count() == 284
    assert not Trajectory.objects.filter(municipality=mechelen).exists()
    assert (
        Municipality.objects.filter(membership_status=MembershipStatus.MEMBER).count()
        == 284
    )
    generate_trajectories(seed=1)
    assert (
        sorted(
            Trajectory.objects.values_list("municipality__nis_code", "steps__status")
        )
        == first
    )
    assert len(route_outline()) == 3


def test_generate_bench_data_adds_trajectories_with_its_option(
    phases, steps, home_page
):
    out = io.StringIO()
    call_command(
        "generate_bench_data", "--trajectories", "285", "--seed", "1", stdout=out
    )
    assert "--trajectories: 285 in" in out.getvalue()
