"""The personal-data inventory: every model field that holds personal data.

Each app lists its own fields in `<app>/privacy.py` with `personal(...)` (what
it is for, the legal basis, who sees it, how long it is kept) and, for fields
that look personal but are not, `not_personal(...)` with the reason. A model
may be registered by a base class (an abstract page, Wagtail's Page), which
then covers every subclass. `docs/personal-data.md` is rendered from it
(`manage.py personal_data_inventory --write docs/personal-data.md`), and a test
fails when a model gains a field of a personal kind (`personal_kind`) that the
inventory does not list.
"""

import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models


@dataclass(frozen=True)
class Entry:
    model: type
    fields: tuple
    purpose: str = ""
    legal_basis: str = ""
    seen_by: str = ""
    retention: str = ""
    reason: str = ""  # for fields reviewed and found not personal

    @property
    def is_personal(self):
        return not self.reason

    @property
    def label(self):
        return self.model if isinstance(self.model, str) else self.model._meta.label

    def model_class(self):
        """The model, or None where this database lacks it (SQLite's full-text
        table exists on SQLite only)."""
        if not isinstance(self.model, str):
            return self.model
        try:
            return apps.get_model(self.model)
        except LookupError:
            return None

    @property
    def names(self):
        """The field names; a trailing '?' marks a field some databases lack."""
        return [name.rstrip("?") for name in self.fields]

    def covers(self, model, field_name):
        registered = self.model_class()
        return (
            registered is not None
            and field_name in self.names
            and issubclass(model, registered)
        )


_entries = []
_loaded = False


def personal(model, fields, *, purpose, legal_basis, seen_by, retention):
    _entries.append(
        Entry(model, tuple(fields), purpose, legal_basis, seen_by, retention)
    )


def not_personal(model, fields, *, reason):
    _entries.append(Entry(model, tuple(fields), reason=reason))


def inventory():
    """Every entry, from every app's privacy.py in INSTALLED_APPS order."""
    global _loaded
    if not _loaded:
        for app_config in apps.get_app_configs():
            if not Path(app_config.path).is_relative_to(settings.BASE_DIR):
                continue
            name = f"{app_config.name}.privacy"
            if importlib.util.find_spec(name):
                importlib.import_module(name)
        _loaded = True
    return list(_entries)


# What counts as personal, by the field's type and name ----------------------------

_NAME_PARTS = ("name",)
_PHONE_PARTS = ("phone", "telefoon")
_IP_NAMES = ("ip", "ip_address", "remote_addr")


def personal_kind(model, field):
    """The kind of personal data a field may hold, or None.

    Names, e-mail addresses, phone numbers, IP addresses, images and files, and
    free text outside pages (what people type; page text is the editors'
    publication, whose names and contact fields are caught by their names).
    """
    from wagtail.images import get_image_model
    from wagtail.models import Page

    name = field.name.lower()
    if isinstance(field, models.EmailField) or "email" in name:
        return "e-mail"
    if isinstance(field, models.GenericIPAddressField) or name in _IP_NAMES:
        return "IP"
    if name.endswith("_ip"):
        return "IP"
    if any(part in name for part in _PHONE_PARTS):
        return "phone"
    if isinstance(field, models.FileField):
        return "image/file"
    if (
        isinstance(field, models.ForeignKey)
        and field.related_model is get_image_model()
    ):
        return "image/file"
    if isinstance(field, (models.CharField, models.TextField)) and any(
        part in name for part in _NAME_PARTS
    ):
        return "name"
    if isinstance(field, (models.TextField, models.JSONField)) and not issubclass(
        model, Page
    ):
        return "free text"
    return None


def flagged_fields():
    """(model, field, kind) for every concrete field of a personal kind."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            kind = personal_kind(model, field)
            if kind:
                found.append((model, field, kind))
    return found


def unlisted():
    """Flagged fields the inventory neither lists nor explains."""
    entries = inventory()
    return [
        f"{model._meta.label}.{field.name} ({kind})"
        for model, field, kind in flagged_fields()
        if not any(entry.covers(model, field.name) for entry in entries)
    ]


def stale():
    """Listed fields the model does not have (renamed or removed)."""
    missing = []
    for entry in inventory():
        model = entry.model_class()
        if model is None:
            continue
        names = {field.name for field in model._meta.get_fields()}
        missing += [
            f"{entry.label}.{name}"
            for name in entry.fields
            if not name.endswith("?") and name not in names
        ]
    return missing


def _cell(text):
    return " ".join(str(text).split()).replace("|", "\\|")


def render():
    """docs/personal-data.md."""
    entries = inventory()
    lines = [
        "# Personal data in the portal",
        "",
        "Generated from each app's `privacy.py` by `manage.py "
        "personal_data_inventory --write docs/personal-data.md`; a test fails when "
        "this file is out of date or a model gains a field of a personal kind "
        "(name, e-mail, phone, IP, image or file, free text) that is not listed "
        "below. How the data goes: `portal/erasure.py` (a person, on request or by "
        "an editor) and `portal/retention.py` (by period, daily).",
        "",
        "## Fields that hold personal data",
        "",
        "| model | fields | purpose | legal basis | who sees it | kept |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in entries:
        if entry.is_personal:
            lines.append(
                f"| `{entry.label}` | "
                f"{', '.join(f'`{name}`' for name in entry.names)} | "
                f"{_cell(entry.purpose)} | {_cell(entry.legal_basis)} | "
                f"{_cell(entry.seen_by)} | {_cell(entry.retention)} |"
            )
    lines += [
        "",
        "## Fields that look personal but are not",
        "",
        "| model | fields | why not |",
        "| --- | --- | --- |",
    ]
    for entry in entries:
        if not entry.is_personal:
            lines.append(
                f"| `{entry.label}` | "
                f"{', '.join(f'`{name}`' for name in entry.names)} | "
                f"{_cell(entry.reason)} |"
            )
    return "\n".join(lines) + "\n"
