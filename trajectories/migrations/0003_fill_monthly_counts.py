from django.db import migrations


def fill(apps, schema_editor):
    """Fill the figures page's counts for a database that already has content.

    What counts (published, visible, public) lives on the apps' own managers,
    which historical models lack: this calls the app's refresh. A new, empty
    database has nothing to count and skips it.
    """
    Experience = apps.get_model("experiences", "Experience")
    CaseStudyPage = apps.get_model("casestudies", "CaseStudyPage")
    if not (Experience.objects.exists() or CaseStudyPage.objects.exists()):
        return
    from trajectories.monthly_counts import refresh_monthly_counts

    refresh_monthly_counts()


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0002_monthly_counts"),
        ("casestudies", "0007_facets_index"),
        ("experiences", "0007_municipality_newest_index"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
