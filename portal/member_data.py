""" "Download my data": the portal's own sections, and the ZIP and HTML forms.

Every app adds its sections with the `register_member_data` hook (a function of
the user returning {section: data}) and its files with `register_member_files`
(returning [(name in the ZIP, file)]). The network app offers the downloads.
"""

import io
import json
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.models import LoginEvent, normalize_email

# Headings of the HTML page; a section without one shows its key.
TITLES = {
    "exported_at": _("Gemaakt op"),
    "account": _("Account"),
    "profile": _("Profiel"),
    "consents": _("Toestemmingen"),
    "applications": _("Aanvragen tot aansluiting"),
    "experiences": _("Ervaringen (met alle versies)"),
    "reactions": _("Reacties"),
    "reports_made": _("Meldingen die je deed"),
    "event_registrations": _("Inschrijvingen voor bijeenkomsten"),
    "login_history": _("Aanmeldingen"),
    "contact_messages": _("Berichten via het contactformulier"),
}


def _contact_messages(user):
    """Messages sent through the contact form with the member's address."""
    from portal.models import ContactSubmission

    email = normalize_email(user.email)
    return [
        {"sent_at": submission.submit_time.isoformat(), **submission.form_data}
        for submission in ContactSubmission.objects.order_by("submit_time").iterator()
        if email
        in {
            normalize_email(value)
            for value in submission.form_data.values()
            if isinstance(value, str)
        }
    ]


def member_data(user):
    return {
        "login_history": [
            {
                "logged_in_at": event.logged_in_at.isoformat(),
                "ip_address": event.ip_address,
                "browser": event.user_agent,
            }
            for event in LoginEvent.objects.filter(user=user)
        ],
        "contact_messages": _contact_messages(user),
    }


def export(user):
    """Everything the portal holds about `user`, and nothing about anyone else."""
    data = {"exported_at": timezone.now().isoformat()}
    for sections in hooks.get_hooks("register_member_data"):
        data.update(sections(user))
    return data


def files(user):
    return [
        item
        for listing in hooks.get_hooks("register_member_files")
        for item in listing(user)
    ]


def as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


def as_html(data, request=None):
    return render_to_string(
        "portal/member_data.html", {"sections": _sections(data)}, request=request
    )


def _sections(data):
    """The export as (title, kind, content) for the HTML page: a table for a
    list of records, a definition list for one record, text otherwise."""
    shown = []
    for key, value in data.items():
        records = isinstance(value, list) and value
        if records and all(isinstance(row, dict) for row in value):
            columns = list(dict.fromkeys(name for row in value for name in row))
            rows = [[_text(row.get(name)) for name in columns] for row in value]
            content = {"columns": columns, "rows": rows}
            shown.append((TITLES.get(key, key), "table", content))
        elif isinstance(value, dict):
            content = [(name, _text(item)) for name, item in value.items()]
            shown.append((TITLES.get(key, key), "record", content))
        else:
            text = "" if value in ([], {}, None) else _text(value)
            shown.append((TITLES.get(key, key), "text", text))
    return shown


def _text(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def as_zip(user, request=None):
    """mijn-gegevens.json, mijn-gegevens.html and every original photo."""
    data = export(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mijn-gegevens.json", as_json(data))
        archive.writestr("mijn-gegevens.html", as_html(data, request))
        for name, file in files(user):
            with file.open("rb") as source:
                archive.writestr(name, source.read())
    return buffer.getvalue()
