"""Retention: personal data goes when its time is up.

Each rule says what it removes and after how long; apps add their own through
the Wagtail hook `portal_retention_rules` (network: rejected applications). The
django-tasks task `apply_retention` and `manage.py apply_retention` (daily from
cron) run every rule; each logs how many rows it removed, never what was in
them. Editors see under *Bewaartermijnen* what goes next.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail import hooks

from portal.mail import send_templated_mail
from portal.models import (
    ContactSubmission,
    ExperienceChoice,
    LoginEvent,
    OutgoingMail,
)
from portal.roles import EDITORS_GROUP

logger = logging.getLogger("portal.retention")
HOOK = "portal_retention_rules"
# How far ahead the editors' screen looks.
PREVIEW_DAYS = 30
PREVIEW_ROWS = 20

CONTACT_MESSAGES_KEPT = timedelta(days=365)
UNDELIVERABLE_MAIL_KEPT = timedelta(days=30)
LOGIN_HISTORY_KEPT = timedelta(days=365)
INACTIVE_AFTER = timedelta(days=730)
WARNING_BEFORE_REMOVAL = timedelta(days=30)


@dataclass
class Rule:
    """One retention period.

    `rows(now)` is a queryset of the rows due at `now`: those whose `moment`
    field lies more than `keep` before it. `describe(row)` is what editors see
    of a row; `remove(rows)` removes them and returns how many (default: delete).
    """

    key: str
    label: str
    period: str
    keep: timedelta
    rows: object
    moment: str
    describe: object
    remove: object = None

    def apply(self, now):
        due = self.rows(now)
        if self.remove is not None:
            return self.remove(due)
        return due.delete()[0]

    def coming(self, now):
        """How many rows are due within PREVIEW_DAYS, and the first of them as
        (description, when it goes)."""
        due = self.rows(now + timedelta(days=PREVIEW_DAYS)).order_by(self.moment)
        return due.count(), [
            (self.describe(row), max(now, getattr(row, self.moment) + self.keep))
            for row in due[:PREVIEW_ROWS]
        ]


def rules():
    found = list(_portal_rules())
    for registered in hooks.get_hooks(HOOK):
        found.extend(registered())
    return found


def apply_all(now=None):
    """Run every rule; returns {rule: count}. Logs counts only."""
    now = now or timezone.now()
    counts = {}
    for rule in rules():
        counts[rule.key] = rule.apply(now)
        logger.info("Retention %s: %s removed.", rule.key, counts[rule.key])
    return counts


@task()
def apply_retention():
    """The daily run, as a django-tasks task (see `manage.py apply_retention`)."""
    return apply_all()


def preview(now=None):
    """What goes within PREVIEW_DAYS, per rule, for the editors' screen."""
    now = now or timezone.now()
    shown = []
    for rule in rules():
        count, rows = rule.coming(now)
        due_now = rule.rows(now).count()
        shown.append(
            {
                "label": rule.label,
                "period": rule.period,
                "due_now": due_now,
                "count": count,
                "rows": rows,
            }
        )
    return shown


# The portal's own rules ---------------------------------------------------------------


def _contact_messages(now):
    return ContactSubmission.objects.filter(
        submit_time__lt=now - CONTACT_MESSAGES_KEPT,
    )


def _undeliverable_mail(now):
    return OutgoingMail.objects.filter(
        state=OutgoingMail.State.FAILED, created_at__lt=now - UNDELIVERABLE_MAIL_KEPT
    )


def _remove_mail(rows):
    """The mail rows, and their delivery tasks in the database queue."""
    ids = set(rows.values_list("pk", flat=True))
    if ids and apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        tasks = [
            result.pk
            for result in DBTaskResult.objects.filter(
                task_path__endswith="deliver_mail"
            ).only("args_kwargs")
            if (result.args_kwargs.get("args") or [None])[0] in ids
        ]
        DBTaskResult.objects.filter(pk__in=tasks).delete()
    return OutgoingMail.objects.filter(pk__in=ids).delete()[0]


def _old_logins(now):
    return LoginEvent.objects.filter(logged_in_at__lt=now - LOGIN_HISTORY_KEPT)


def _members():
    """Accounts retention may remove: not those of editors or administrators,
    whose departure the city handles itself."""
    return (
        get_user_model()
        .objects.filter(is_staff=False, is_superuser=False)
        .exclude(groups__name=EDITORS_GROUP)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
    )


def _inactive_unwarned(now):
    return _members().filter(
        inactivity_warned_at__isnull=True, last_seen__lt=now - INACTIVE_AFTER
    )


def _warn(rows):
    """Mail each inactive account that it goes in 30 days unless they log in."""
    warned = 0
    now = timezone.now()
    for user in rows:
        send_templated_mail(
            "portal/email/inactivity_warning",
            {
                "user": user,
                "removal_date": now + WARNING_BEFORE_REMOVAL,
                "login_url": settings.PORTAL_BASE_URL + reverse("account:login"),
            },
            [user.email],
        )
        type(user).objects.filter(pk=user.pk).update(inactivity_warned_at=now)
        warned += 1
    return warned


def _warned_long_enough(now):
    # A login clears the warning (portal.logins); this also covers a login that
    # raced the warning.
    return _members().filter(
        Q(last_login__isnull=True) | Q(last_login__lt=F("inactivity_warned_at")),
        inactivity_warned_at__lt=now - WARNING_BEFORE_REMOVAL,
    )


def _remove_accounts(rows):
    from portal.erasure import erase_person

    removed = 0
    for user in list(rows):
        # What they published stays, as 'een voormalig lid van <gemeente>'.
        erase_person(user=user, experiences=ExperienceChoice.ANONYMISE)
        removed += 1
    return removed


def _account(user):
    return _("account, laatst aangemeld op %(date)s") % {
        "date": timezone.localtime(user.last_seen).strftime("%d-%m-%Y")
    }


def _portal_rules():
    yield Rule(
        "contact_messages",
        _("Berichten via het contactformulier"),
        _("12 maanden na ontvangst"),
        CONTACT_MESSAGES_KEPT,
        _contact_messages,
        "submit_time",
        lambda row: (
            _("bericht van %(date)s")
            % {"date": timezone.localtime(row.submit_time).strftime("%d-%m-%Y")}
        ),
    )
    yield Rule(
        "undeliverable_mail",
        _("Onbestelbare e-mails"),
        _("30 dagen na het klaarzetten"),
        UNDELIVERABLE_MAIL_KEPT,
        _undeliverable_mail,
        "created_at",
        lambda row: row.subject,
        _remove_mail,
    )
    yield Rule(
        "login_history",
        _("Aanmeldingen (geschiedenis)"),
        _("12 maanden"),
        LOGIN_HISTORY_KEPT,
        _old_logins,
        "logged_in_at",
        lambda row: (
            _("aanmelding van %(date)s")
            % {"date": timezone.localtime(row.logged_in_at).strftime("%d-%m-%Y")}
        ),
    )
    yield Rule(
        "inactive_accounts_warned",
        _("Accounts zonder aanmelding: waarschuwing"),
        _("na 24 maanden zonder aanmelding"),
        INACTIVE_AFTER,
        _inactive_unwarned,
        "last_seen",
        _account,
        _warn,
    )
    yield Rule(
        "inactive_accounts_removed",
        _("Accounts zonder aanmelding: verwijderd"),
        _("30 dagen na de waarschuwing, tenzij ze zich aanmelden"),
        WARNING_BEFORE_REMOVAL,
        _warned_long_enough,
        "inactivity_warned_at",
        _account,
        _remove_accounts,
    )
