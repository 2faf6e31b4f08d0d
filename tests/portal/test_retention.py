"""Retention: what is past its period goes, a step at a time, logged by count."""

import io
import logging
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from network.factories import MemberFactory, MembershipApplicationFactory
from network.models import ApplicationStatus, MembershipApplication
from portal import retention
from portal.factories import ContactPageFactory
from portal.models import ContactSubmission, LoginEvent, OutgoingMail

DAY = timedelta(days=1)


def ago(days):
    return timezone.now() - days * DAY


@pytest.fixture
def contact(home_page):
    return ContactPageFactory(parent=home_page)


def rejected_application(municipality, days_ago, email):
    application = MembershipApplicationFactory(municipality=municipality, email=email)
    MembershipApplication.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.REJECTED, decided_at=ago(days_ago)
    )
    return application


def test_each_period_removes_only_what_is_past_it(leuven, contact, caplog):
    old_rejection = rejected_application(leuven, 91, "oud@gemeente.example")
    recent_rejection = rejected_application(leuven, 89, "recent@gemeente.example")
    open_application = MembershipApplicationFactory(municipality=leuven)
    MembershipApplication.objects.filter(pk=open_application.pk).update(
        created_at=ago(400)
    )
    old_message = ContactSubmission.objects.create(
        page=contact, form_data={"e_mailadres": "afzender@gemeente.example"}
    )
    recent_message = ContactSubmission.objects.create(page=contact, form_data={})
    ContactSubmission.objects.filter(pk=old_message.pk).update(submit_time=ago(366))
    ContactSubmission.objects.filter(pk=recent_message.pk).update(submit_time=ago(300))
    failed_old = OutgoingMail.objects.create(
        subject="Welkom", recipients="weg@gemeente.example", state="failed"
    )
    failed_recent = OutgoingMail.objects.create(
        subject="Welkom", recipients="nog@gemeente.example", state="failed"
    )
    sent_old = OutgoingMail.objects.create(
        subject="Welkom", recipients="ok@gemeente.example", state="sent"
    )
    OutgoingMail.objects.filter(pk__in=[failed_old.pk, sent_old.pk]).update(
        created_at=ago(31)
    )
    OutgoingMail.objects.filter(pk=failed_recent.pk).update(created_at=ago(29))

    with caplog.at_level(logging.INFO, logger="portal.retention"):
        counts = retention.apply_all()

    assert counts["rejected_applications"] == 1
    assert counts["contact_messages"] == 1
    assert counts["undeliverable_mail"] == 1
    remaining = set(MembershipApplication.objects.values_list("pk", flat=True))
    assert remaining == {recent_rejection.pk, open_application.pk}
    assert old_rejection.pk not in remaining
    assert list(ContactSubmission.objects.values_list("pk", flat=True)) == [
        recent_message.pk
    ]
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {
        failed_recent.pk,
        sent_old.pk,
    }
    # The log says how many, never whom.
    log = caplog.text
    assert "Retention rejected_applications: 1 removed." in log
    assert "@" not in log


def test_an_inactive_account_is_warned_then_removed_unless_they_log_in(
    client, mechelen, editor
):
    sleeper = MemberFactory(
        email="slaper@gemeente.example", profile__municipality=mechelen
    )
    returning = MemberFactory(
        email="terug@gemeente.example",
        password="een-lang-testwachtwoord",
        profile__municipality=mechelen,
    )
    active = MemberFactory(email="actief@gemeente.example")
    get_user_model().objects.filter(
        pk__in=[sleeper.pk, returning.pk, editor.pk]
    ).update(last_login=ago(731), date_joined=ago(900))
    get_user_model().objects.filter(pk=active.pk).update(last_login=ago(10))

    counts = retention.apply_all()
    assert counts["inactive_accounts_warned"] == 2
    assert counts["inactive_accounts_removed"] == 0
    warned_to = sorted(message.to[0] for message in mail.outbox)
    assert warned_to == ["slaper@gemeente.example", "terug@gemeente.example"]
    assert "Meld je dan voor die datum aan" in mail.outbox[0].body
    # A second run warns nobody twice.
    assert retention.apply_all()["inactive_accounts_warned"] == 0

    assert client.login(
        email="terug@gemeente.example", password="een-lang-testwachtwoord"
    )
    client.get("/account/")
    get_user_model().objects.filter(inactivity_warned_at__isnull=False).update(
        inactivity_warned_at=ago(31)
    )
    counts = retention.apply_all(timezone.now())
    assert counts["inactive_accounts_removed"] == 1
    emails = set(get_user_model().objects.values_list("email", flat=True))
    assert "slaper@gemeente.example" not in emails
    assert {"terug@gemeente.example", "actief@gemeente.example"} <= emails
    assert editor.email in emails  # the city handles its editors itself


def test_login_history_is_kept_twelve_months(member):
    old = LoginEvent.objects.create(user=member)
    LoginEvent.objects.filter(pk=old.pk).update(logged_in_at=ago(366))
    recent = LoginEvent.objects.create(user=member)
    assert retention.apply_all()["login_history"] == 1
    assert list(LoginEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_task_and_the_command_run_the_same_rules(leuven):
    rejected_application(leuven, 100, "taak@gemeente.example")
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Afgewezen aanvragen: 1 due now." in out.getvalue()
    assert MembershipApplication.objects.count() == 1
    result = retention.apply_retention.enqueue()
    assert result.return_value["rejected_applications"] == 1
    assert not MembershipApplication.objects.exists()


def test_editors_see_what_goes_next_and_members_do_not(client, editor, leuven, member):
    rejected_application(leuven, 80, "binnenkort@gemeente.example")
    client.force_login(editor)
    page = client.get("/admin/bewaartermijnen/").content.decode()
    assert "Afgewezen aanvragen" in page
    assert "aanvraag voor Leuven" in page
    assert "1 binnen 30 dagen, waarvan 0 nu al." in page
    client.force_login(member)
    response = client.get("/admin/bewaartermijnen/")
    assert response.status_code in (302, 403)
