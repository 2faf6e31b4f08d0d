"""Point what refers to the moved models at their new app.

Wagtail's revisions and log entries, the search index, the reference index and
the editors' permissions all refer to a model through its content type. The
content types of the moved models keep their ids and change their app label, so
every such reference (and the Redacteurs group's permissions) follows along.
The log entries' action names follow the new app too.
"""

from django.db import migrations
from django.db.models import Case, Value, When

MODELS = ["experience", "experienceindexpage", "experiencetheme", "reaction", "report"]
ACTIONS = {
    "network.experience.submit": "experiences.submit",
    "network.experience.approve": "experiences.approve",
    "network.experience.reject": "experiences.reject",
    "network.experience.request_changes": "experiences.request_changes",
    "network.experience.withdraw": "experiences.withdraw",
    "network.moderation.hide": "experiences.hide",
    "network.moderation.restore": "experiences.restore",
}


def _move(apps, old_label, new_label, actions):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue
        # One made by post_migrate before this ran refers to nothing yet.
        ContentType.objects.filter(app_label=new_label, model=model).delete()
        old.app_label = new_label
        old.save(update_fields=["app_label"])
    ModelLogEntry.objects.filter(action__in=actions).update(
        action=Case(
            *(When(action=old, then=Value(new)) for old, new in actions.items()),
            default="action",
        )
    )
    # The running process may have cached the content types by their old label.
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    CurrentContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, "network", "experiences", ACTIONS)


def backwards(apps, schema_editor):
    _move(apps, "experiences", "network", {new: old for old, new in ACTIONS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("experiences", "0001_initial"),
        ("network", "0005_experiences_moved_out"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
