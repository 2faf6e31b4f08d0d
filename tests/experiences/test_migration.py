"""Moving the experiences out of `network` loses nothing.

The database is taken back to the layout before the move (experiences in
`network`), filled the way the site filled it there, and migrated forward again.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from experiences.models import Experience as CurrentExperience
from portal.roles import EDITORS_GROUP

BEFORE_THE_MOVE = [("network", "0004_experiences"), ("experiences", None)]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get_or_create(
        content_type=_content_type(apps, app_label, model),
        codename=codename,
        defaults={"name": codename},
    )[0]


def fill_before_the_move(apps):
    """An experience with a photo, a theme, revisions, a log entry, a reaction
    and reports, and an editor whose group may moderate: as on the old layout."""
    User = apps.get_model("portal", "User")
    Municipality = apps.get_model("network", "Municipality")
    Collection = apps.get_model("wagtailcore", "Collection")
    Image = apps.get_model("wagtailimages", "Image")
    Tag = apps.get_model("taggit", "Tag")
    Experience = apps.get_model("network", "Experience")
    ExperienceTheme = apps.get_model("network", "ExperienceTheme")
    Reaction = apps.get_model("network", "Reaction")
    Report = apps.get_model("network", "Report")
    Revision = apps.get_model("wagtailcore", "Revision")
    LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    GroupModel = apps.get_model("auth", "Group")

    municipality = Municipality.objects.create(
        nis_code="99001",
        name="Proefgemeente",
        slug="proefgemeente",
        province="antwerpen",
        arrondissement="Mechelen",
        inhabitants=1000,
        inhabitants_year=2020,
        latitude="51.0",
        longitude="4.5",
        membership_status="lid",
    )
    author = User.objects.create(email="auteur@proef.example", first_name="Ann")
    reader = User.objects.create(email="lezer@proef.example", first_name="Lou")
    editor = User.objects.create(email="redacteur@proef.example", password="!")
    editors, _created = GroupModel.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(
        _permission(apps, "wagtailadmin", "admin", "access_admin"),
        _permission(apps, "network", "experience", "view_experience"),
        _permission(apps, "network", "experience", "change_experience"),
        _permission(apps, "network", "experience", "publish_experience"),
    )
    editor.groups.add(editors)

    collection = Collection.objects.filter(
        depth=1
    ).first() or Collection.objects.create(
        name="Root", path="0001", depth=1, numchild=0
    )
    photo = Image.objects.create(
        title="Lange tafel",
        file="original_images/lange-tafel.jpg",
        width=640,
        height=360,
        collection=collection,
    )
    now = timezone.now()
    experience = Experience.objects.create(
        title="Soep op het plein",
        slug="soep-op-het-plein",
        summary="Hoe een pot soep de buren samenbracht.",
        body="Het begon met **één pot** soep.",
        body_html="<p>Het begon met <strong>één pot</strong> soep.</p>",
        kind="tip",
        photo=photo,
        photo_alt="Buren aan een lange tafel",
        author=author,
        municipality=municipality,
        status="gepubliceerd",
        live=True,
        first_published_at=now,
        last_published_at=now,
        submitted_at=now,
        moderated_at=now,
        moderated_by=editor,
    )
    ExperienceTheme.objects.create(
        content_object=experience,
        tag=Tag.objects.create(name="burendag", slug="burendag"),
    )
    experience_type = _content_type(apps, "network", "experience")
    # What Wagtail stores in a revision: the model's serialisable data. The
    # model's fields did not change in the move, so today's class writes it.
    content = CurrentExperience(
        **{
            field.attname: getattr(experience, field.attname)
            for field in Experience._meta.concrete_fields
        }
    ).serializable_data()
    revisions = [
        Revision.objects.create(
            content_type=experience_type,
            base_content_type=experience_type,
            object_id=str(experience.pk),
            content={**content, "title": title},
            object_str=title,
            user=author,
            created_at=now,
        )
        for title in ("Soep op het plein", "Soep op het plein, deel twee")
    ]
    Experience.objects.filter(pk=experience.pk).update(
        live_revision=revisions[0],
        latest_revision=revisions[1],
        has_unpublished_changes=True,
        status="wacht",
    )
    LogEntry.objects.create(
        content_type=experience_type,
        label=experience.title,
        action="network.experience.approve",
        object_id=str(experience.pk),
        user=editor,
        timestamp=now,
        data={"reason": ""},
    )
    reaction = Reaction.objects.create(
        experience=experience, author=reader, municipality=municipality, body="Mooi!"
    )
    Report.objects.create(experience=experience, reporter=reader, reason="Reclame?")
    Report.objects.create(reaction=reaction, reporter=author, reason="Niet vriendelijk")
    return experience.pk, editor.pk


# Serialized rollback: the test must run outside a transaction (it migrates), and
# the database is emptied after it without losing what the migrations loaded.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_keeps_experiences_revisions_and_permissions(client):
    executor = migrate(BEFORE_THE_MOVE)
    try:
        # Rolling network back leaves `portal` at its newest migration, so the
        # state the rows are written with holds portal's newest fields too.
        portal_now = [
            node for node in executor.loader.graph.leaf_nodes() if node[0] == "portal"
        ]
        experience_pk, editor_pk = fill_before_the_move(
            executor.loader.project_state([BEFORE_THE_MOVE[0], *portal_now]).apps
        )
    finally:
        migrate()

    experience = CurrentExperience.objects.get(pk=experience_pk)
    assert experience.title == "Soep op het plein"
    assert experience.municipality.name == "Proefgemeente"
    assert experience.photo.title == "Lange tafel"
    assert [tag.name for tag in experience.themes.all()] == ["burendag"]
    assert experience.reactions.get().body == "Mooi!"
    assert experience.reports.count() == 1
    assert experience.reactions.get().reports.count() == 1

    # Revisions follow the content type, which kept its id.
    assert experience.revisions.count() == 2
    waiting = experience.get_latest_revision_as_object()
    assert waiting.title == "Soep op het plein, deel twee"
    assert waiting.author_id == experience.author_id
    assert [
        entry.action for entry in ModelLogEntry.objects.for_instance(experience)
    ] == ["experiences.approve"]

    editors = Group.objects.get(name=EDITORS_GROUP)
    assert editors.permissions.filter(
        content_type__app_label="experiences", codename="publish_experience"
    ).exists()
    editor = editors.user_set.get(pk=editor_pk)
    assert editor.has_perm("experiences.publish_experience")

    # The moderation screens work on the migrated rows.
    client.force_login(editor)
    inspect = client.get(
        reverse("wagtailsnippets_experiences_experience:inspect", args=[experience_pk])
    )
    assert inspect.status_code == 200
    assert "Soep op het plein, deel twee" in inspect.content.decode()
    queue = client.get(reverse("wagtailsnippets_experiences_experience:list"))
    assert "Soep op het plein" in queue.content.decode()
