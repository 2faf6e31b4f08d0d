"""Editors moderate in the Wagtail admin; authors hear the outcome."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from experiences import services
from experiences.factories import ExperienceFactory
from experiences.models import Experience, ModerationStatus
from tests.experiences.test_experiences import NEW, form_data
from tests.helpers import work_line


def moderate_url(experience):
    return reverse(
        "wagtailsnippets_experiences_experience:moderate", args=[experience.pk]
    )


def inspect_url(experience):
    return reverse(
        "wagtailsnippets_experiences_experience:inspect", args=[experience.pk]
    )


@pytest.fixture
def submitted(experiences_page, member):
    experience = ExperienceFactory(author=member, title="Soep op het plein")
    services.save_experience(experience, member, submit=True)
    mail.outbox.clear()
    return experience


def test_the_whole_journey_from_posting_to_the_home_page(
    client, network_page, experiences_page, member, editor
):
    client.force_login(member)
    client.post(NEW, form_data(title="Een lange tafel op het plein"))
    experience = Experience.objects.get()
    assert [m.to for m in mail.outbox] == [[editor.email]]
    mail.outbox.clear()
    client.logout()

    client.force_login(editor)
    queue = client.get(reverse("wagtailsnippets_experiences_experience:list"))
    assert "Een lange tafel op het plein" in queue.content.decode()
    inspect = client.get(inspect_url(experience)).content.decode()
    assert "Bijdrage die wacht op je beslissing" in inspect
    assert "Veertig buren aan één lange tafel." in inspect
    response = client.post(moderate_url(experience), {"decision": "approve"})
    assert response.status_code == 302
    client.logout()

    experience.refresh_from_db()
    assert experience.live
    assert experience.status == ModerationStatus.PUBLISHED
    assert experience.moderated_by == editor
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Gepubliceerd" in mail.outbox[0].subject
    assert experience.get_absolute_url() in mail.outbox[0].body
    for url in (
        "/ervaringen/",
        "/zoeken/?q=tafel",
        "/ervaringen/feed/",
        "/netwerk/mechelen/",
        "/",
    ):
        assert "Een lange tafel op het plein" in client.get(url).content.decode(), url


@pytest.mark.parametrize(
    ("decision", "status", "subject"),
    [
        ("reject", ModerationStatus.REJECTED, "Niet gepubliceerd"),
        ("changes", ModerationStatus.CHANGES_REQUESTED, "Een vraag van de redactie"),
    ],
)
def test_rejection_and_change_requests_tell_the_author_why(
    client, submitted, member, editor, decision, status, subject
):
    client.force_login(editor)
    client.post(
        moderate_url(submitted),
        {"decision": decision, "reason": "Vertel meer over de wijk."},
    )
    submitted.refresh_from_db()
    assert submitted.status == status
    assert not submitted.live
    assert submitted.moderation_note == "Vertel meer over de wijk."
    assert subject in mail.outbox[0].subject
    assert "Vertel meer over de wijk." in mail.outbox[0].body
    client.force_login(member)
    assert "Vertel meer over de wijk." in client.get("/account/").content.decode()


def test_the_author_answers_a_change_request_and_resubmits(
    client, submitted, member, editor
):
    services.decide(submitted, editor, services.Decision.REQUEST_CHANGES, "Meer.")
    client.force_login(member)
    client.post(f"/ervaringen/{submitted.pk}/bewerken/", form_data(body="Nu met meer."))
    submitted.refresh_from_db()
    assert submitted.status == ModerationStatus.PENDING
    assert submitted.moderation_note == ""
    assert submitted.get_latest_revision_as_object().body == "Nu met meer."


def test_a_reason_is_required_to_reject(client, submitted, editor):
    client.force_login(editor)
    response = client.post(moderate_url(submitted), {"decision": "reject"}, follow=True)
    assert "Schrijf de auteur kort waarom" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ModerationStatus.PENDING
    assert mail.outbox == []


def test_a_second_decision_changes_nothing(client, submitted, editor):
    client.force_login(editor)
    client.post(moderate_url(submitted), {"decision": "approve"})
    response = client.post(
        moderate_url(submitted),
        {"decision": "reject", "reason": "Toch niet."},
        follow=True,
    )
    assert "Hierover was al beslist" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ModerationStatus.PUBLISHED
    assert len(mail.outbox) == 1


def test_members_cannot_moderate(client, submitted, member, colleague):
    client.force_login(colleague)
    response = client.post(moderate_url(submitted), {"decision": "approve"})
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith(inspect_url(submitted))
    submitted.refresh_from_db()
    assert submitted.status == ModerationStatus.PENDING
    assert not submitted.live


def test_the_queue_puts_the_longest_waiting_first_and_says_how_long(
    client, experiences_page, member, editor
):
    published = ExperienceFactory(author=member, title="Al online", publish=True)
    older = ExperienceFactory(author=member, title="Wacht het langst")
    services.save_experience(older, member, submit=True)
    Experience.objects.filter(pk=older.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=3)
    )
    newer = ExperienceFactory(author=member, title="Net ingediend")
    services.save_experience(newer, member, submit=True)
    client.force_login(editor)
    page = client.get(
        reverse("wagtailsnippets_experiences_experience:list")
    ).content.decode()
    assert page.index("Wacht het langst") < page.index("Net ingediend")
    assert page.index("Net ingediend") < page.index(published.title)
    assert "3\xa0dagen" in page

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert work_line(dashboard, "ervaringen wachten op moderatie")[0] == 2
    assert "oudste wacht 3 dagen" in dashboard


def test_editors_do_not_rewrite_or_create_members_words(client, submitted, editor):
    client.force_login(editor)
    edit = reverse("wagtailsnippets_experiences_experience:edit", args=[submitted.pk])
    assert client.get(edit)["Location"] == inspect_url(submitted)
    add = reverse("wagtailsnippets_experiences_experience:add")
    assert client.get(add)["Location"] == reverse(
        "wagtailsnippets_experiences_experience:list"
    )


def test_editors_hide_and_restore_with_the_author_told(
    client, experiences_page, member, editor
):
    experience = ExperienceFactory(author=member, title="Soepavond", publish=True)
    mail.outbox.clear()
    client.force_login(editor)
    client.post(
        reverse("wagtailsnippets_experiences_experience:hide", args=[experience.pk])
    )
    experience.refresh_from_db()
    assert experience.hidden_at is not None
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "verborgen" in mail.outbox[0].subject
    client.logout()
    assert client.get(experience.get_absolute_url()).status_code == 404
    assert "Soepavond" not in client.get("/").content.decode()

    client.force_login(editor)
    client.post(
        reverse("wagtailsnippets_experiences_experience:restore", args=[experience.pk])
    )
    client.logout()
    assert client.get(experience.get_absolute_url()).status_code == 200
    assert "Soepavond" in client.get("/").content.decode()
