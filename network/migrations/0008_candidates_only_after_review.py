"""Until now, filling in the join form made a municipality a public candidate.
Now an editor's taking up the application does. No application was taken up
before this, so a candidate with an application waiting was made by the form:
it goes back to no membership. A candidate without one was set by an editor
and stays."""

from django.db import migrations


def hide_unreviewed_candidates(apps, schema_editor):
    Municipality = apps.get_model("network", "Municipality")
    MembershipApplication = apps.get_model("network", "MembershipApplication")
    waiting = MembershipApplication.objects.filter(status="ingediend").values(
        "municipality_id"
    )
    Municipality.objects.filter(membership_status="kandidaat", pk__in=waiting).update(
        membership_status="geen"
    )


class Migration(migrations.Migration):
    dependencies = [("network", "0007_example_content")]

    operations = [
        migrations.RunPython(hide_unreviewed_candidates, migrations.RunPython.noop)
    ]
