"""Onmiddellijk: a mail per new item as soon as it becomes visible, on the task
queue after the commit, at most five a day, never twice, never about one's own."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from taggit.models import Tag

from digests import sending
from digests.models import DigestPreference, DigestSend, Follow, Frequency
from experiences import services
from experiences.factories import ExperienceFactory


def immediately(user):
    DigestPreference.objects.create(user=user, frequency=Frequency.IMMEDIATELY)


def follow_theme(user, slug="groen"):
    theme = Tag.objects.get_or_create(slug=slug, defaults={"name": slug})[0]
    return Follow.objects.create(user=user, theme=theme)


def to(user):
    """The digest mails to `user` (not, say, the editor's decision on their own)."""
    return [
        message
        for message in mail.outbox
        if message.to == [user.email] and "List-Unsubscribe" in message.extra_headers
    ]


def send_new_item_queued(callbacks):
    """Whether the commit callbacks enqueue the immediate-mail task."""
    from digests.tasks import send_new_item

    return any(
        getattr(callback, "func", None) == send_new_item.enqueue
        and callback.args[0] == "ervaring"
        for callback in callbacks
    )


@pytest.fixture
def approve(experiences_page, writer, editor, django_capture_on_commit_callbacks):
    """Submit an experience and let an editor approve it, committing the approval."""

    def approve(author=writer, **fields):
        experience = ExperienceFactory(author=author, publish=False, **fields)
        services.save_experience(experience, author, submit=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.decide(experience, editor, services.Decision.APPROVE)
        return experience

    return approve


@pytest.mark.django_db
def test_an_approved_experience_reaches_immediate_followers_at_once(
    member, colleague, approve
):
    follow_theme(member)
    immediately(member)
    follow_theme(colleague)  # weekly: waits for Monday
    mail.outbox.clear()

    experience = approve(title="Groen op het plein", themes=["groen"])

    (message,) = to(member)
    assert message.subject == f"Groen op het plein ({experience.municipality.name})"
    assert experience.get_absolute_url() in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert to(colleague) == []


@pytest.mark.django_db
def test_the_mail_waits_for_the_commit(
    member, experiences_page, writer, editor, django_capture_on_commit_callbacks
):
    follow_theme(member)
    immediately(member)
    experience = ExperienceFactory(author=writer, publish=False, themes=["groen"])
    services.save_experience(experience, writer, submit=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.decide(experience, editor, services.Decision.APPROVE)
    # Nothing inside the approval itself: only a task queued after the commit.
    assert to(member) == []
    assert callbacks
    assert send_new_item_queued(callbacks)
    for callback in callbacks:
        callback()
    assert len(to(member)) == 1


@pytest.mark.django_db
def test_never_twice_for_the_same_item(member, approve):
    follow_theme(member)
    Follow.objects.create(user=member, kind="ervaring")  # matches it twice over
    immediately(member)
    mail.outbox.clear()
    experience = approve(themes=["groen"])
    sending.send_item_now("ervaring", experience.pk)
    sending.send_digests(now=timezone.now() + timedelta(minutes=5))  # the catch-up
    assert len(to(member)) == 1
    assert DigestSend.objects.filter(
        user=member, period=f"direct:ervaring:{experience.pk}"
    ).exists()


@pytest.mark.django_db
def test_at_most_five_a_day(member, approve):
    follow_theme(member)
    immediately(member)
    mail.outbox.clear()
    for number in range(7):
        approve(title=f"Direct {number}", themes=["groen"])
    mine = to(member)
    assert len(mine) == 5
    assert [m.subject.split(" (")[0] for m in mine] == [
        f"Direct {number}" for number in range(5)
    ]


@pytest.mark.django_db
def test_never_about_ones_own_item(member, approve):
    follow_theme(member)
    immediately(member)
    mail.outbox.clear()
    approve(author=member, themes=["groen"])
    assert to(member) == []


@pytest.mark.django_db
def test_a_reaction_reaches_who_follows_the_experience_but_not_its_writer(
    member, colleague, writer, make_experience, django_capture_on_commit_callbacks
):
    experience = make_experience(title="Wie heeft een tip?")
    for user in (member, colleague):
        Follow.objects.create(user=user, experience=experience)
        immediately(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_reaction(experience, colleague, "Probeer een buurtfeest.")
    (message,) = to(member)
    assert "Probeer een buurtfeest." in message.body
    assert to(colleague) == []  # they wrote it


@pytest.mark.django_db
def test_a_published_practice_and_event_reach_their_followers(
    member, make_practice, make_event, django_capture_on_commit_callbacks
):
    follow_theme(member)
    Follow.objects.create(user=member, agenda=True)
    immediately(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(title="Een groene binnenkoer", themes=["groen"])
    with django_capture_on_commit_callbacks(execute=True):
        make_event(title="Netwerkdag in Leuven")
    subjects = [message.subject for message in to(member)]
    assert subjects[0] == "Een groene binnenkoer"
    assert subjects[1].startswith("Netwerkdag in Leuven (")
    assert len(subjects) == 2


@pytest.mark.django_db
def test_publishing_an_old_item_again_mails_nobody(member, make_practice):
    follow_theme(member)
    immediately(member)
    practice = make_practice(themes=["groen"])
    type(practice).objects.filter(pk=practice.pk).update(
        first_published_at=timezone.now() - timedelta(days=30)
    )
    mail.outbox.clear()
    assert sending.send_item_now("praktijk", practice.pk) == 0
    assert to(member) == []


@pytest.mark.django_db
def test_nothing_hidden_nothing_for_members_who_chose_otherwise(
    member, colleague, make_experience, home_page
):
    from digests.models import DigestSettings

    follow_theme(member)
    immediately(member)
    follow_theme(colleague)
    DigestPreference.objects.create(user=colleague, frequency=Frequency.NEVER)
    experience = make_experience(themes=["groen"])
    mail.outbox.clear()
    services.hide(experience)
    mail.outbox.clear()
    assert sending.send_item_now("ervaring", experience.pk) == 0

    other = make_experience(themes=["groen"])
    paused = DigestSettings.for_site(home_page.get_site())
    paused.paused = True
    paused.save()
    assert sending.send_item_now("ervaring", other.pk) == 0
    paused.paused = False
    paused.save()
    assert sending.send_item_now("ervaring", other.pk) == 1
    assert len(to(member)) == 1
    assert to(colleague) == []


@pytest.mark.django_db
def test_never_to_an_address_that_bounced_hard_three_times(member, approve):
    from digests.models import Bounce

    follow_theme(member)
    immediately(member)
    for _number in range(3):
        Bounce.objects.create(email=member.email)
    mail.outbox.clear()
    experience = approve(themes=["groen"])
    assert to(member) == []
    claim = DigestSend.objects.get(user=member)
    assert (claim.period, claim.outcome) == (
        f"direct:ervaring:{experience.pk}",
        "bounce",
    )


@pytest.mark.django_db
def test_items_over_the_cap_reach_the_member_later_in_one_mail_exactly_once(
    member, approve
):
    follow_theme(member)
    immediately(member)
    mail.outbox.clear()
    experiences = [
        approve(title=f"Direct {number}", themes=["groen"]) for number in range(8)
    ]
    assert len(to(member)) == 5
    services.hide(experiences[7])  # gone from view: never mailed
    # The next day, the hourly run bundles the others, though over a day old.
    later = timezone.now() + timedelta(days=2)
    sending.send_digests(now=later)
    (bundle,) = to(member)[5:]
    assert "Direct 5" in bundle.body and "Direct 6" in bundle.body
    assert "Direct 7" not in bundle.body
    assert bundle.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    sending.send_digests(now=later + timedelta(hours=1))
    sending.send_item_now("ervaring", experiences[5].pk, now=later)
    assert len(to(member)) == 6
