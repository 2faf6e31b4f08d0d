"""Who may see and change a trajectory, and what a change leaves behind."""

import datetime

import pytest

from tests.trajectories.conftest import SECRET_NOTE
from trajectories.models import StepStatus, TrajectoryChange, TrajectoryStep
from trajectories.services import record_step


def url(municipality, suffix=""):
    return f"/netwerk/trajecten/{municipality.slug}/{suffix}"


def step_url(municipality, step):
    return url(municipality, f"stappen/{step.pk}/")


@pytest.fixture
def noted(trajectory, steps, member):
    TrajectoryStep.objects.create(
        trajectory=trajectory,
        step=steps[0],
        status=StepStatus.DONE,
        date=datetime.date(2025, 2, 1),
        note=SECRET_NOTE,
        updated_by=member,
    )
    return trajectory


def test_a_member_sees_and_updates_their_own_trajectory(client, member, noted, steps):
    client.force_login(member)
    page = client.get(url(noted.municipality))
    assert page.status_code == 200
    html = page.content.decode()
    assert SECRET_NOTE in html
    assert "Huidige fase: Verkennen." in html

    response = client.post(
        step_url(noted.municipality, steps[1]),
        {"status": "klaar", "date": "2025-03-04", "note": "Ondertekend."},
    )
    assert response.status_code == 302
    row = TrajectoryStep.objects.get(trajectory=noted, step=steps[1])
    assert (row.status, row.date, row.updated_by) == (
        "klaar",
        datetime.date(2025, 3, 4),
        member,
    )
    change = TrajectoryChange.objects.get(step=steps[1])
    assert change.changed_by == member
    assert change.changed_at is not None
    html = client.get(url(noted.municipality)).content.decode()
    assert "Huidige fase: Voorbereiden." in html
    assert "Bijgewerkt door Zorro Geheimnaam" in html
    history = client.get(url(noted.municipality, "geschiedenis/")).content.decode()
    assert "Zorro Geheimnaam" in history and "Ondertekend." in history


def test_nothing_changed_leaves_no_history(client, member, trajectory, steps):
    client.force_login(member)
    data = {"status": "bezig", "date": "", "note": ""}
    client.post(step_url(trajectory.municipality, steps[0]), data)
    client.post(step_url(trajectory.municipality, steps[0]), data)
    assert TrajectoryChange.objects.count() == 1


def test_done_without_a_date_is_refused_in_dutch_and_nothing_saved(
    client, member, trajectory, steps
):
    client.force_login(member)
    response = client.post(
        step_url(trajectory.municipality, steps[0]),
        {"status": "klaar", "date": "", "note": "Wat ik typte"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul de datum in waarop deze stap klaar was." in html
    assert "Wat ik typte" in html
    assert not TrajectoryStep.objects.exists()
    assert not TrajectoryChange.objects.exists()


@pytest.mark.parametrize(
    "suffix", ["", "mentorlog/", "gebaseerd-op/", "geschiedenis/", "stappen/1/"]
)
def test_a_member_of_another_municipality_gets_404(client, other_member, noted, suffix):
    client.force_login(other_member)
    response = client.get(url(noted.municipality, suffix))
    assert response.status_code == 404
    assert SECRET_NOTE not in response.content.decode()


def test_a_post_for_another_municipality_is_404_and_changes_nothing(
    client, other_member, noted, steps
):
    client.force_login(other_member)
    before = list(TrajectoryStep.objects.values_list("pk", "status", "date", "note"))
    response = client.post(
        step_url(noted.municipality, steps[0]),
        {"status": "nvt", "date": "", "note": "overschreven"},
    )
    assert response.status_code == 404
    response = client.post(url(noted.municipality, "gebaseerd-op/"), {"based_on": ""})
    assert response.status_code == 404
    assert (
        list(TrajectoryStep.objects.values_list("pk", "status", "date", "note"))
        == before
    )
    assert not TrajectoryChange.objects.exists()


def test_visitors_are_sent_to_log_in(client, noted):
    response = client.get(url(noted.municipality))
    assert response.status_code == 302
    assert "/account/aanmelden/" in response["Location"]


def test_an_account_without_membership_gets_404(client, noted, django_user_model):
    user = django_user_model.objects.create_user(
        email="iemand@voorbeeld.be", password="een-lang-testwachtwoord"
    )
    client.force_login(user)
    assert client.get(url(noted.municipality)).status_code == 404


def test_the_mentor_follows_no_trajectory(client, editor, mechelen, steps):
    client.force_login(editor)
    assert client.get(url(mechelen)).status_code == 404


def test_an_editor_updates_any_members_trajectory(client, editor, noted, steps):
    client.force_login(editor)
    assert client.get(url(noted.municipality)).status_code == 200
    response = client.post(
        step_url(noted.municipality, steps[1]),
        {"status": "bezig", "date": "", "note": ""},
    )
    assert response.status_code == 302
    assert TrajectoryChange.objects.get().changed_by == editor


def test_a_member_never_reaches_the_admin_screens(client, member):
    client.force_login(member)
    for path in (
        "/admin/snippets/trajectories/mentorcontact/",
        "/admin/trajecten/overzicht/",
        "/admin/trajecten/overzicht.xlsx",
    ):
        response = client.get(path)
        assert response.status_code in (302, 403), path


def test_an_unknown_step_is_404(client, member, trajectory):
    client.force_login(member)
    assert (
        client.get(url(trajectory.municipality, "stappen/999999/")).status_code == 404
    )


def test_the_public_label_follows_the_steps_at_once(
    client, network_page, member, trajectory, steps
):
    def label(path):
        html = client.get(path).content.decode()
        return html.split('<span class="phase-badge">')[1].split("</span>")[0]

    assert label("/netwerk/leuven/") == "fase: Verkennen"
    # A later phase's step done does not move the phase: the first stays open.
    record_step(
        trajectory,
        steps[2],
        status="klaar",
        date=datetime.date(2025, 1, 2),
        note="",
        user=member,
    )
    assert label("/netwerk/leuven/") == "fase: Verkennen"
    for step in steps[:2]:
        record_step(trajectory, step, status="nvt", date=None, note="", user=member)
    assert label("/netwerk/leuven/") == "fase: Voorbereiden"
    directory = client.get("/netwerk/").content.decode()
    assert "Leuven: lid van het lerend netwerk, fase: Voorbereiden" in directory
    item = directory.split('href="/netwerk/leuven/">Leuven</a>')[1].split("</li>")[0]
    assert "fase: Voorbereiden" in item


def test_a_municipality_page_and_the_directory_agree_on_the_phase(
    client, network_page, member, trajectory, steps
):
    """The page reads the phase from its own query, the directory from the
    cached list of every member: the same label, also when every step is done
    and for an example trajectory."""
    from trajectories.services import public_phases

    trajectory.is_example = True
    trajectory.save()
    for step in steps:
        record_step(trajectory, step, status="nvt", date=None, note="", user=member)
    html = client.get("/netwerk/leuven/").content.decode()
    label = html.split('<span class="phase-badge">')[1].split("</span>")[0]
    expected = public_phases()[trajectory.municipality_id].label
    assert "alle stappen gezet" in expected and "voorbeeld" in expected
    assert label == f"fase: {expected}"


def test_step_links_name_only_documents_the_viewer_may_open(
    client, member, editor, noted, steps
):
    """A document in a collection only editors may open is not linked for a
    member; the editor sees it."""
    from wagtail.models import Collection, CollectionViewRestriction

    from portal.factories import ToolkitDocumentFactory

    internal = Collection.get_first_root_node().add_child(name="Redactie intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(editor.groups.all())
    steps[0].documents.add(
        ToolkitDocumentFactory(title="Draaiboek voor iedereen"),
        ToolkitDocumentFactory(title="Interne evaluatie", collection=internal),
    )

    client.force_login(member)
    html = client.get(url(noted.municipality)).content.decode()
    assert "Draaiboek voor iedereen" in html
    assert "Interne evaluatie" not in html

    client.force_login(editor)
    html = client.get(url(noted.municipality)).content.decode()
    assert "Interne evaluatie" in html
