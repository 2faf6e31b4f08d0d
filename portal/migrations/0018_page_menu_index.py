"""An index on the pages' `(depth, show_in_menus)`, which Wagtail leaves without one.

Every request's routing query also brings the frame pages (`routed_pages` and
`_frame_q` in `portal.models.pages`): the pages on the path (by `url_path`),
the service and index pages (by `content_type_id`) and the menu (the site
root's children marked 'show in menus'). The first two have an index; with
this one the menu has too, so PostgreSQL ORs three index lookups instead of
reading every page (a sequential scan that grows with the practices).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0017_search_entry_object_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_menu_idx "
            "ON wagtailcore_page (depth, show_in_menus)",
            "DROP INDEX IF EXISTS portal_page_menu_idx",
        )
    ]
