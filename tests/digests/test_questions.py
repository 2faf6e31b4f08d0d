"""Questions to the network: open or answered, the answer first, waiting ones listed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from taggit.models import Tag

from digests import sending
from digests.models import DigestPreference, Follow, Frequency
from experiences import services
from experiences.models import Experience
from tests.digests.conftest import week_later


@pytest.fixture
def question(make_experience):
    return make_experience(
        title="Hoe vinden jullie pleinmakers?", kind="vraag", themes=["groen"]
    )


def answer_url(reaction):
    return f"/ervaringen/reacties/{reaction.pk}/antwoord/"


@pytest.mark.django_db
def test_the_author_marks_the_answer_and_it_shows_first(
    client, question, writer, member, colleague
):
    first = services.add_reaction(question, member, "Via de huisvestingsmaatschappij.")
    second = services.add_reaction(question, colleague, "Met een oproep in de wijk.")
    client.force_login(writer)
    page = client.get(question.get_absolute_url()).content.decode()
    assert '· <span class="question-state">open</span>' in page
    assert page.index(first.body) < page.index(second.body)

    response = client.post(answer_url(second))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == second and question.answered_at
    page = client.get(question.get_absolute_url()).content.decode()
    assert "beantwoord" in page
    assert "Antwoord op de vraag" in page
    assert page.index(second.body) < page.index(first.body)


@pytest.mark.django_db
def test_an_editor_may_mark_others_may_not(client, question, member, colleague, editor):
    reaction = services.add_reaction(question, colleague, "Een antwoord.")
    client.force_login(member)
    assert (
        "Markeer als antwoord"
        not in client.get(question.get_absolute_url()).content.decode()
    )
    assert client.post(answer_url(reaction)).status_code == 404
    assert Experience.objects.get(pk=question.pk).answer is None
    client.force_login(editor)
    client.post(answer_url(reaction))
    assert Experience.objects.get(pk=question.pk).answer == reaction


@pytest.mark.django_db
def test_only_questions_get_an_answer(client, make_experience, writer, member):
    experience = make_experience(kind="ervaring")
    reaction = services.add_reaction(experience, member, "Mooi.")
    client.force_login(writer)
    assert client.post(answer_url(reaction)).status_code == 404
    assert Experience.objects.get(pk=experience.pk).answer is None


@pytest.mark.django_db
def test_an_answered_question_goes_in_the_digest(question, member, colleague):
    Follow.objects.create(user=member, kind="vraag")
    Experience.objects.filter(pk=question.pk).update(
        first_published_at=timezone.now() - timedelta(days=30)
    )
    reaction = services.add_reaction(question, colleague, "Zo deden wij het.")
    services.mark_answer(question, reaction)
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    (message,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "Beantwoord: Hoe vinden jullie pleinmakers?" in message.body


@pytest.mark.django_db
def test_waiting_questions_on_dashboards(client, question, member, editor, colleague):
    Experience.objects.filter(pk=question.pk).update(
        first_published_at=timezone.now() - timedelta(days=6)
    )
    Follow.objects.create(user=member, theme=Tag.objects.get(slug="groen"))
    client.force_login(member)
    assert question.title in client.get("/account/").content.decode()
    client.force_login(editor)
    admin = client.get("/admin/").content.decode()
    assert "Vragen zonder reactie na vijf dagen" in admin
    assert question.title in admin
    # Not for a member who follows other themes, and gone after a reaction.
    client.force_login(colleague)
    assert question.title not in client.get("/account/").content.decode()
    services.add_reaction(question, colleague, "Een eerste idee.")
    client.force_login(member)
    assert question.title not in client.get("/account/").content.decode()


@pytest.mark.django_db
def test_a_question_younger_than_five_days_is_not_waiting(client, question, member):
    Follow.objects.create(user=member, theme=Tag.objects.get(slug="groen"))
    client.force_login(member)
    assert question.title not in client.get("/account/").content.decode()


def digest_mails(user):
    return [
        message
        for message in mail.outbox
        if message.to == [user.email] and "List-Unsubscribe" in message.extra_headers
    ]


@pytest.mark.django_db
def test_marking_the_answer_mails_immediate_followers_once(
    question, member, colleague, writer, django_capture_on_commit_callbacks
):
    Follow.objects.create(user=member, experience=question)
    Follow.objects.create(user=colleague, kind="vraag")
    Follow.objects.create(user=writer, theme=Tag.objects.get(slug="groen"))
    for user in (member, colleague, writer):
        DigestPreference.objects.create(user=user, frequency=Frequency.IMMEDIATELY)
    reaction = services.add_reaction(question, colleague, "Met een oproep.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_answer(question, reaction)
    for user in (member, colleague):
        (message,) = digest_mails(user)
        assert message.subject.startswith("Beantwoord: Hoe vinden jullie pleinmakers?")
        assert question.get_absolute_url() in message.body
    assert digest_mails(writer) == []  # their own question

    # Unmarked and marked again, then the hourly catch-up: still once.
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_answer(question, reaction)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_answer(question, reaction)
    sending.send_digests(now=timezone.now() + timedelta(minutes=5))
    for user in (member, colleague):
        answered = [
            message
            for message in digest_mails(user)
            if message.subject.startswith("Beantwoord:")
        ]
        assert len(answered) == 1


@pytest.mark.django_db
def test_the_dashboard_s_waiting_questions_are_those_of_the_queryset(
    make_experience, member
):
    """The dashboard's kept query (one SQL per number of themes) chooses what
    `waiting_questions` does: the ten oldest on the member's themes, without a
    visible reaction, five days old."""
    from digests.questions import SHOWN, oldest_waiting_questions, waiting_questions

    old = timezone.now() - timedelta(days=6)
    questions = [
        make_experience(
            title=f"Vraag {number}",
            kind="vraag",
            themes=[["groen", "wonen", "zorg"][number % 3]],
        )
        for number in range(14)
    ]
    for number, question in enumerate(questions):
        # Two share a moment, so the id decides between them.
        Experience.objects.filter(pk=question.pk).update(
            first_published_at=old + timedelta(hours=number // 2)
        )
    Experience.objects.filter(pk=questions[0].pk).update(
        first_published_at=timezone.now()
    )
    services.add_reaction(questions[1], member, "Al beantwoord.")
    hidden = services.add_reaction(questions[2], member, "Verborgen.")
    hidden.hidden_at = timezone.now()
    hidden.save()
    themes = {tag.slug: tag.pk for tag in Tag.objects.all()}
    for slugs in (["groen"], ["groen", "wonen"], ["zorg", "wonen", "groen"]):
        theme_ids = {themes[slug] for slug in slugs}
        expected = list(waiting_questions(theme_ids)[:SHOWN])
        shown = oldest_waiting_questions(theme_ids)
        assert [question.pk for question in shown] == [q.pk for q in expected]
        assert [question.municipality.name for question in shown] == [
            q.municipality.name for q in expected
        ]
        assert questions[0].pk not in {question.pk for question in shown}
        assert questions[1].pk not in {question.pk for question in shown}
    assert questions[2].pk in {question.pk for question in shown}
    assert len(shown) == SHOWN
