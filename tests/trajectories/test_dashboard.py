import datetime

from portal.factories import GuidePageFactory
from trajectories.models import StepStatus
from trajectories.services import record_step, trajectory_for


def test_the_dashboard_shows_progress_timeline_and_the_next_step_with_its_guide(
    client, member, leuven, steps, home_page
):
    guide = GuidePageFactory(parent=home_page, slug="werven", title="Werven in de wijk")
    steps[1].guides.add(guide)
    record_step(
        trajectory_for(leuven),
        steps[0],
        status=StepStatus.DONE,
        date=datetime.date(2025, 1, 1),
        note="",
        user=member,
    )
    client.force_login(member)
    html = client.get("/account/").content.decode()
    section = html.split('aria-labelledby="my-trajectory-title"')[1].split(
        "</section>"
    )[0]
    assert "1 van 6 stappen gezet (17%)" in section
    assert 'aria-current="step"' in section
    assert "Verkennen stap 2" in section
    assert f'href="{guide.url}"' in section
    assert 'href="/netwerk/trajecten/leuven/"' in section


def test_the_mentors_dashboard_shows_no_trajectory(client, mechelen, steps):
    from network.factories import MemberFactory

    user = MemberFactory(email="noor@mechelen.example", profile__municipality=mechelen)
    client.force_login(user)
    html = client.get("/account/").content.decode()
    assert "Ons traject" not in html


def test_the_dashboard_builds_the_links_of_the_next_step_only(
    client, member, leuven, steps, home_page, monkeypatch
):
    from trajectories import route

    guide = GuidePageFactory(parent=home_page, slug="werven", title="Werven in de wijk")
    for step in steps:
        step.guides.add(guide)
    built = []

    def route_from(rows, request=None):
        rows = list(rows)
        built.extend(row.pk for row in rows)
        return original(rows, request)

    original = route._route_from
    monkeypatch.setattr(route, "_route_from", route_from)
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert built == [steps[0].pk]
    assert f'href="{guide.url}"' in html
