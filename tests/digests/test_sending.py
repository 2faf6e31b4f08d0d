"""The digest: what goes in, who gets it, and never twice."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from taggit.models import Tag

from digests import sending
from digests.models import (
    Bounce,
    DigestPreference,
    DigestRun,
    DigestSend,
    DigestSettings,
    Follow,
    Frequency,
)
from experiences import services
from experiences.factories import ExperienceFactory
from network.factories import MemberFactory
from tests.digests.conftest import week_later


def theme(slug):
    return Tag.objects.get_or_create(slug=slug, defaults={"name": slug})[0]


def follow_theme(user, slug="groen"):
    return Follow.objects.create(user=user, theme=theme(slug))


def digests_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def html_of(message):
    return next(body for body, kind in message.alternatives if kind == "text/html")


@pytest.mark.django_db
def test_weekly_digest_holds_what_the_member_follows(
    member, make_experience, make_practice, make_event, leuven
):
    follow_theme(member)
    Follow.objects.create(user=member, agenda=True)
    make_experience(title="Groen op het plein", themes=["groen"])
    make_experience(title="Iets over senioren", themes=["senioren"])
    make_practice(title="Een groene binnenkoer", themes=["groen"])
    make_event(title="Netwerkdag in Leuven")
    mail.outbox.clear()

    run = sending.send_digests(now=week_later())

    (message,) = digests_to(member.email)
    text, html = message.body, html_of(message)
    for body in (text, html):
        assert "Groen op het plein" in body
        assert "Een groene binnenkoer" in body
        assert "Netwerkdag in Leuven" in body
        assert "Iets over senioren" not in body
    assert '<html lang="nl">' in html
    assert "<h2" in html and "<h3" in html
    assert html.index("Thema") < html.index("Nieuwe activiteiten in de agenda")
    assert run.counts()["sent"] == 1


@pytest.mark.django_db
def test_never_pending_hidden_rejected_withdrawn_or_own(
    member, writer, editor, experiences_page, make_experience
):
    follow_theme(member)
    pending = ExperienceFactory(author=writer, title="Wacht nog", themes=["groen"])
    services.save_experience(pending, writer, submit=True)
    rejected = ExperienceFactory(author=writer, title="Afgewezen", themes=["groen"])
    services.save_experience(rejected, writer, submit=True)
    services.decide(rejected, editor, services.Decision.REJECT, "Niet gepast.")
    hidden = make_experience(title="Verborgen", themes=["groen"])
    services.hide(hidden, editor)
    withdrawn = make_experience(title="Ingetrokken", themes=["groen"])
    services.withdraw(withdrawn, writer)
    make_experience(author=member, title="Van mezelf", themes=["groen"])
    make_experience(title="Wel zichtbaar", themes=["groen"])
    mail.outbox.clear()

    sending.send_digests(now=week_later())

    (message,) = digests_to(member.email)
    body = message.body + html_of(message)
    assert "Wel zichtbaar" in body
    for title in ("Wacht nog", "Afgewezen", "Verborgen", "Ingetrokken", "Van mezelf"):
        assert title not in body


@pytest.mark.django_db
def test_never_a_draft_unpublished_or_private_practice_or_event(
    member, practices_page, make_practice, make_event
):
    from wagtail.models import PageViewRestriction

    from casestudies.factories import CaseStudyPageFactory

    follow_theme(member)
    Follow.objects.create(user=member, agenda=True)
    draft = CaseStudyPageFactory.build(title="Nog een ontwerp", live=False)
    practices_page.add_child(instance=draft)
    draft.themes.set(["groen"])
    draft.save_revision()
    make_practice(title="Offline gehaald", themes=["groen"]).unpublish()
    private = make_practice(title="Alleen voor leden", themes=["groen"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    make_event(title="Afgelast", is_cancelled=True)
    make_event(title="Teruggetrokken").unpublish()
    make_practice(title="Wel zichtbaar", themes=["groen"])
    mail.outbox.clear()

    sending.send_digests(now=week_later())

    (message,) = digests_to(member.email)
    body = message.body + html_of(message)
    assert "Wel zichtbaar" in body
    for title in (
        "Nog een ontwerp",
        "Offline gehaald",
        "Alleen voor leden",
        "Afgelast",
        "Teruggetrokken",
    ):
        assert title not in body, title


@pytest.mark.django_db
def test_never_an_events_online_link(member, make_event):
    Follow.objects.create(user=member, agenda=True)
    link = "https://vergadering.example/geheim-XYZ"
    make_event(title="Webinar", venue="", address="", online_link=link)
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    (message,) = digests_to(member.email)
    assert "Webinar" in message.body
    assert "geheim-XYZ" not in message.body + html_of(message)


@pytest.mark.django_db
def test_reactions_on_what_the_member_wrote_or_follows(
    member, writer, colleague, make_experience
):
    mine = make_experience(author=member, title="Mijn vraag")
    followed = make_experience(title="Gevolgd")
    Follow.objects.create(user=member, experience=followed)
    services.add_reaction(mine, colleague, "Bij ons werkte een buurtfeest.")
    services.add_reaction(followed, colleague, "Wij deden hetzelfde met soep.")
    services.add_reaction(followed, member, "Mijn eigen reactie.")
    hidden = services.add_reaction(followed, colleague, "Verborgen reactie.")
    services.hide(hidden)
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    (message,) = digests_to(member.email)
    assert "Bij ons werkte een buurtfeest." in message.body
    assert "Wij deden hetzelfde met soep." in message.body
    assert "Mijn eigen reactie." not in message.body
    assert "Verborgen reactie." not in message.body


@pytest.mark.django_db
def test_no_content_no_mail(member, make_experience):
    follow_theme(member)
    make_experience(title="Over iets anders", themes=["senioren"])
    mail.outbox.clear()
    run = sending.send_digests(now=week_later())
    assert digests_to(member.email) == []
    # The member and the writer both had nothing new.
    assert run.counts() == {"sent": 0, "skipped_empty": 2, "bounced": 0}
    assert DigestSend.objects.get(user=member).outcome == DigestSend.Outcome.EMPTY


@pytest.mark.django_db
def test_at_most_ten_per_group_and_a_link_to_the_rest(member, make_experience):
    follow_theme(member)
    for number in range(13):
        make_experience(title=f"Groen nummer {number}", themes=["groen"])
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    (message,) = digests_to(member.email)
    assert message.body.count("Groen nummer") == 10
    assert "en nog 3 ervaringen: http://testserver/ervaringen/?thema=groen" in (
        message.body
    )
    assert 'href="http://testserver/ervaringen/?thema=groen"' in html_of(message)


@pytest.mark.django_db
def test_mail_carries_one_click_unsubscribe(member, make_experience):
    follow_theme(member)
    make_experience(themes=["groen"])
    mail.outbox.clear()
    sending.send_digests(now=week_later())
    (message,) = digests_to(member.email)
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/volgen/afmelden/")
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert unsubscribe.strip("<>") in message.body
    assert "/volgen/instellingen/" in message.body


@pytest.mark.django_db
def test_never_to_nooit_inactive_erased_or_bounced(member, make_experience):
    people = {
        name: MemberFactory(
            email=f"{name}@lid.example",
            profile__municipality=(member.member_profile.municipality),
        )
        for name in ("nooit", "inactief", "bounce", "bijna", "gewist")
    }
    for person in [member, *people.values()]:
        follow_theme(person)
    DigestPreference.objects.create(user=people["nooit"], frequency=Frequency.NEVER)
    people["inactief"].is_active = False
    people["inactief"].save()
    for _n in range(3):
        Bounce.objects.create(email="BOUNCE@lid.example")
    for _n in range(2):
        Bounce.objects.create(email="bijna@lid.example")
    Bounce.objects.create(email="bijna@lid.example", hard=False)
    people["gewist"].delete()
    make_experience(themes=["groen"])
    mail.outbox.clear()

    run = sending.send_digests(now=week_later())

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["bijna@lid.example", member.email]
    # The writer follows nothing: empty.
    assert run.counts() == {"sent": 2, "skipped_empty": 1, "bounced": 1}


@pytest.mark.django_db
def test_running_twice_sends_once(member, make_experience):
    follow_theme(member)
    make_experience(themes=["groen"])
    mail.outbox.clear()
    moment = week_later()
    sending.send_digests(now=moment)
    sending.send_digests(now=moment + timedelta(hours=3))
    assert len(digests_to(member.email)) == 1
    assert DigestSend.objects.filter(user=member).count() == 1


@pytest.mark.django_db
def test_a_run_killed_halfway_resumes_without_duplicates(
    member, make_experience, monkeypatch
):
    people = [member] + [MemberFactory(email=f"lid{n}@lid.example") for n in range(5)]
    for person in people:
        follow_theme(person)
    make_experience(themes=["groen"])
    mail.outbox.clear()
    moment = week_later()

    real_send_to = sending.Sender.send_to
    calls = []

    def dies_at_the_fourth(self, user):
        calls.append(user.pk)
        if len(calls) == 4:
            raise RuntimeError("worker killed")
        return real_send_to(self, user)

    monkeypatch.setattr(sending.Sender, "send_to", dies_at_the_fourth)
    with pytest.raises(RuntimeError):
        sending.send_digests(now=moment)
    # Three members were done (one of them, the writer, had nothing new).
    assert DigestSend.objects.count() == 3
    sent_before = len(mail.outbox)
    assert sent_before == DigestSend.objects.filter(outcome="verstuurd").count()

    monkeypatch.setattr(sending.Sender, "send_to", real_send_to)
    sending.send_digests(now=moment)
    addresses = [message.to[0] for message in mail.outbox]
    assert sorted(addresses) == sorted(person.email for person in people)
    assert DigestSend.objects.count() == len(people) + 1


@pytest.mark.django_db
def test_the_claim_is_unique_per_member_and_period(member):
    from django.db import IntegrityError, transaction

    DigestSend.objects.create(user=member, period="week:2026-11-30", outcome="leeg")
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestSend.objects.create(
            user=member, period="week:2026-11-30", outcome="verstuurd"
        )


@pytest.mark.django_db
def test_daily_members_get_the_day_weekly_ones_wait_for_monday(
    member, colleague, make_experience
):
    follow_theme(member)
    follow_theme(colleague)
    DigestPreference.objects.create(user=member, frequency=Frequency.DAILY)
    make_experience(themes=["groen"])
    mail.outbox.clear()
    sending.send_digests(now=timezone.now() + timedelta(days=1))
    assert len(digests_to(member.email)) == 1
    assert sending.weekly_period(timezone.now()).key.startswith("week:")


def test_weekly_period_is_monday_eight_brussels():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    brussels = ZoneInfo("Europe/Brussels")
    monday_morning = datetime(2026, 11, 30, 8, 30, tzinfo=brussels)
    period = sending.weekly_period(monday_morning)
    assert period.end == datetime(2026, 11, 30, 8, 0, tzinfo=brussels)
    assert period.start == datetime(2026, 11, 23, 8, 0, tzinfo=brussels)
    before_eight = sending.weekly_period(monday_morning.replace(hour=7))
    assert before_eight.end == datetime(2026, 11, 23, 8, 0, tzinfo=brussels)


@pytest.mark.django_db
def test_immediately_is_one_mail_per_item_at_most_five_a_day(member, make_experience):
    # The day's cap reads the sends' recorded dates: the whole test happens
    # tomorrow at noon in Brussels, so both runs fall on one day whenever the
    # suite runs (just before midnight, the second would start a new day).
    noon = timezone.localtime().replace(hour=12, minute=0) + timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=noon):
        follow_theme(member)
        DigestPreference.objects.create(user=member, frequency=Frequency.IMMEDIATELY)
        for number in range(7):
            make_experience(title=f"Direct {number}", themes=["groen"])
        mail.outbox.clear()
        sending.send_digests(now=noon + timedelta(minutes=5))
        sending.send_digests(now=noon + timedelta(minutes=15))
    mine = digests_to(member.email)
    assert len(mine) == 5
    assert all(message.body.count("Direct ") == 1 for message in mine)


@pytest.mark.django_db
def test_paused_sends_nothing(member, make_experience, home_page):
    follow_theme(member)
    make_experience(themes=["groen"])
    settings_row = DigestSettings.for_site(home_page.get_site())
    settings_row.paused = True
    settings_row.save()
    mail.outbox.clear()
    assert sending.send_digests(now=week_later()) is None
    assert mail.outbox == []
    assert not DigestRun.objects.exists()


@pytest.mark.django_db
def test_the_task_and_the_command_send(member, make_experience):
    from django.core.management import call_command

    follow_theme(member)
    make_experience(themes=["groen"])
    mail.outbox.clear()
    call_command("send_digests")  # the immediate backend runs the task at once
    # Published just now: this week's digest comes next Monday, not yet.
    assert digests_to(member.email) == []
    assert DigestRun.objects.count() == 1
