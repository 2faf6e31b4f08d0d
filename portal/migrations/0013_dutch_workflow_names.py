"""Wagtail's default workflow and task are called "Moderators approval": the page
editor then offers "Stuur door naar Moderators approval". Give them a Dutch name."""

from django.db import migrations

ENGLISH = "Moderators approval"
DUTCH = "Nalezen en goedkeuren"


def rename(apps, old, new):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_contact_submission_status"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, ENGLISH, DUTCH),
            lambda apps, schema_editor: rename(apps, DUTCH, ENGLISH),
        )
    ]
