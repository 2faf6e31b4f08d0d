"""The personal-data inventory covers every field of a personal kind."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import models

from experiences.models import Reaction
from portal import personal_data
from portal.models import ContentPage, OutgoingMail


def test_every_field_of_a_personal_kind_is_in_the_inventory():
    assert personal_data.unlisted() == []
    assert personal_data.stale() == []


def test_docs_personal_data_md_is_generated_from_the_inventory():
    written = (Path(settings.BASE_DIR) / "docs" / "personal-data.md").read_text()
    assert written == personal_data.render(), (
        "Run manage.py personal_data_inventory --write docs/personal-data.md"
    )


@pytest.mark.parametrize(
    ("field", "model", "kind"),
    [
        (models.CharField(max_length=80), Reaction, "name"),  # e.g. nickname
        (models.EmailField(), Reaction, "e-mail"),
        (models.CharField(max_length=20), Reaction, "phone"),
        (models.GenericIPAddressField(), Reaction, "IP"),
        (models.ImageField(), Reaction, "image/file"),
        (models.TextField(), Reaction, "free text"),
        (models.JSONField(), OutgoingMail, "free text"),
        (models.TextField(), ContentPage, None),  # the editors' page text
        (models.EmailField(), ContentPage, "e-mail"),
        (models.DateTimeField(), Reaction, None),
    ],
)
def test_a_new_field_of_a_personal_kind_is_recognised(field, model, kind):
    name = {
        "name": "nickname",
        "phone": "mobile_phone",
        "IP": "origin",
        "e-mail": "backup_address",
    }.get(kind, "added")
    field.set_attributes_from_name(name)
    assert personal_data.personal_kind(model, field) == kind


def test_a_field_left_out_of_the_inventory_fails_the_check(monkeypatch):
    entries = [
        entry
        for entry in personal_data.inventory()
        if entry.label != "experiences.Reaction"
    ]
    monkeypatch.setattr(personal_data, "_entries", entries)
    assert personal_data.unlisted() == ["experiences.Reaction.body (free text)"]
