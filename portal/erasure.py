"""Erasing a person from everywhere the portal keeps them.

`erase_person(email=..., user=...)` runs when a member deletes their account, when
an editor erases someone (admin: *Persoon wissen*), when retention removes an
inactive account and when a restore re-applies an erasure. Every app that keeps
something about people registers a function with the Wagtail hook
`portal_erase_person`; it receives the `Person` and returns
{what: how many} for the log (counts only, never the data). The hooks run in
reverse app order (the apps that build on others first), then the portal erases
what is its own: contact messages, mail and its delivery tasks, sessions, the
admin history, login history and, last, the account itself. A tombstone (a hash
of the address) is kept so a restored backup can be erased again.
"""

import json
import logging
import re
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail import hooks

from portal.models import (
    ContactSubmission,
    ErasedIdentity,
    ExperienceChoice,
    LoginEvent,
    OutgoingMail,
    identity_of,
    normalize_email,
)

HOOK = "portal_erase_person"
logger = logging.getLogger("portal.erasure")


@dataclass
class Person:
    """Who is erased: their address, their account if they have one, and what
    becomes of their published experiences."""

    email: str
    user: object = None
    experiences: str = ExperienceChoice.REMOVE
    names: list = field(default_factory=list)
    # Titles of what the person wrote that was removed: mail about it goes too.
    removed_titles: list = field(default_factory=list)

    @property
    def removes_experiences(self):
        return self.experiences == ExperienceChoice.REMOVE

    def mentioned_in(self, text):
        """True if `text` names the person (address or full name)."""
        lowered = (text or "").casefold()
        return any(needle.casefold() in lowered for needle in self.needles())

    def needles(self):
        return [value for value in [self.email, *self.names] if len(value) >= 3]

    def scrub(self, text):
        """`text` with every mention of the person replaced."""
        for needle in self.needles():
            text = re.sub(re.escape(needle), _("[gewist]"), text, flags=re.IGNORECASE)
        return text


def erase_person(*, email=None, user=None, experiences=ExperienceChoice.REMOVE):
    """Erase one person; returns {what: count}. Safe to run twice."""
    if user is not None and not email:
        email = user.email
    email = normalize_email(email)
    if not email:
        raise ValueError("Erasure needs an e-mail address.")
    if user is None:
        user = get_user_model().objects.filter(email=email).first()
    names = []
    if user is not None and user.get_full_name().strip():
        names.append(user.get_full_name().strip())
    person = Person(email=email, user=user, experiences=experiences, names=names)
    counts = {}
    with transaction.atomic():
        for erase in reversed(hooks.get_hooks(HOOK)):
            counts.update(erase(person) or {})
        counts.update(_erase_portal(person))
        ErasedIdentity.objects.update_or_create(
            identity=identity_of(email),
            defaults={"erased_at": timezone.now(), "experiences": experiences},
        )
    logger.info(
        "Erased a person: %s",
        ", ".join(f"{name} {count}" for name, count in sorted(counts.items()) if count),
    )
    write_tombstone_file()
    return counts


def _erase_portal(person):
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.models import ModelLogEntry, PageLogEntry, Revision

    user = person.user
    counts = {
        "contact_messages": sum(
            _delete_matching(model, "form_data", person)
            for model in (ContactSubmission, FormSubmission)
        ),
        "mail": _erase_mail(person),
        "tasks": _erase_task_results(person),
    }
    if user is None:
        return counts
    counts["sessions"] = _erase_sessions(user)
    counts["logins"] = LoginEvent.objects.filter(user=user).delete()[0]
    # The admin history keeps what happened, not who: the person's name goes.
    counts["revisions"] = Revision.objects.filter(user=user).update(user=None)
    for log_model in (PageLogEntry, ModelLogEntry):
        counts["log_entries"] = counts.get("log_entries", 0) + (
            log_model.objects.filter(user_id=user.pk).update(user=None)
        )
        candidates = _mentioning(log_model.objects.all(), "data", person.needles())
        for entry in candidates.iterator():
            if person.mentioned_in(json.dumps(entry.data, ensure_ascii=False)):
                entry.data = {}
                entry.save(update_fields=["data"])
    _erase_avatar(user)
    user.delete()
    counts["accounts"] = 1
    return counts


def _erase_mail(person):
    """Mail to the person, or about what they wrote and was removed."""
    condition = Q(recipients__icontains=person.email)
    for title in person.removed_titles:
        condition |= Q(subject__icontains=title)
    theirs = [
        mail.pk
        for mail in OutgoingMail.objects.filter(condition).only("recipients", "subject")
        if person.email in normalize_email(mail.recipients)
        or _names_removed_work(person, mail.subject)
    ]
    return OutgoingMail.objects.filter(pk__in=theirs).delete()[0]


def _mentioning(queryset, field_name, needles):
    """The rows whose JSON field may mention one of `needles`, narrowed in the
    database so an erasure does not read every row; callers confirm in Python.
    JSON text may hold non-ASCII characters escaped, so both forms are sought."""
    condition = Q(pk__in=[])
    for needle in needles:
        for form in {needle, json.dumps(needle)[1:-1]}:
            condition |= Q(_erasure_text__icontains=form)
    return queryset.annotate(_erasure_text=Cast(field_name, TextField())).filter(
        condition
    )


def _names_removed_work(person, text):
    return any(title in text for title in person.removed_titles)


def _delete_matching(model, field_name, person):
    """Delete the rows whose JSON field mentions the person's address or the
    title of what they wrote and was removed."""
    matching = []
    candidates = _mentioning(
        model.objects.only("pk", field_name),
        field_name,
        [person.email, *person.removed_titles],
    )
    for row in candidates.iterator():
        text = json.dumps(getattr(row, field_name), ensure_ascii=False)
        if person.email in normalize_email(text) or _names_removed_work(person, text):
            matching.append(row.pk)
    return model.objects.filter(pk__in=matching).delete()[0]


def _erase_task_results(person):
    """Queued, finished or failed tasks (django-tasks-db) carrying the address."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    return _delete_matching(DBTaskResult, "args_kwargs", person)


def _erase_sessions(user):
    """Sessions in the database that belong to the account (other engines expire
    with the account: a session of a deleted user no longer authenticates)."""
    engine = import_module(settings.SESSION_ENGINE)
    if not issubclass(engine.SessionStore, db.SessionStore):
        return 0
    theirs = [
        session.pk
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    return Session.objects.filter(pk__in=theirs).delete()[0]


def _erase_avatar(user):
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=False)


def tombstones():
    """Every erased identity, for backups (the `portal_erasure_tombstones` hook)."""
    return [
        {
            "identity": entry.identity,
            "erased_at": entry.erased_at.isoformat(),
            "experiences": entry.experiences,
        }
        for entry in ErasedIdentity.objects.all()
    ]


def write_tombstone_file():
    """Keep PORTAL_TOMBSTONE_FILE (next to the backups) up to date, so a restore
    of last night's backup knows who was erased today."""
    path = getattr(settings, "PORTAL_TOMBSTONE_FILE", "")
    if not path:
        return
    from portal.continuity import tombstones as tombstone_format

    def write():
        tombstone_format.write_file(path, tombstone_format.validate(tombstones()))

    transaction.on_commit(write)


def reapply(entries, *, since=None):
    """Erase again everyone in `entries` (tombstones) erased after `since` who
    appears in this database. Returns how many people were found and erased."""
    if isinstance(since, str):
        since = parse_datetime(since)
    wanted = {
        entry["identity"]: entry.get("experiences", ExperienceChoice.REMOVE)
        for entry in entries
        if since is None or parse_datetime(entry["erased_at"]) > since
    }
    if not wanted:
        return 0
    for entry in entries:
        if entry["identity"] in wanted:
            ErasedIdentity.objects.update_or_create(
                identity=entry["identity"],
                defaults={
                    "erased_at": entry["erased_at"],
                    "experiences": wanted[entry["identity"]],
                },
            )
    found = 0
    for email in sorted(known_addresses()):
        identity = identity_of(email)
        if identity in wanted:
            erase_person(email=email, experiences=wanted[identity])
            found += 1
    return found


_ADDRESS = re.compile(r"[^\s\"'<>,;:@]+@[^\s\"'<>,;:@]+\.[a-z]{2,}", re.IGNORECASE)


def known_addresses():
    """Every e-mail address the database holds: each app lists its own through
    the `portal_known_addresses` hook."""
    from wagtail.contrib.forms.models import FormSubmission

    addresses = set(get_user_model().objects.values_list("email", flat=True))
    addresses.update(
        address
        for mail in OutgoingMail.objects.values_list("recipients", flat=True)
        for address in _ADDRESS.findall(mail)
    )
    for model in (ContactSubmission, FormSubmission):
        for submission in model.objects.only("form_data").iterator():
            addresses.update(_ADDRESS.findall(json.dumps(submission.form_data)))
    for listing in hooks.get_hooks("portal_known_addresses"):
        addresses.update(listing())
    return {normalize_email(address) for address in addresses if address}
