"""An index on the pages' `url_path`, which Wagtail leaves without one.

Routing finds a request's page and its ancestors by `url_path IN (...)` in one
query (`BasePage.route` in `portal.models.pages`): without an index the
database reads every page for it, on every request (22 ms at 20,000 practices
on PostgreSQL, 0.1 ms with it).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0014_search_indexes"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_url_path_idx "
            "ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS portal_page_url_path_idx",
        )
    ]
