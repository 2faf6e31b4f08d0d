"""Indexes the search's plans asked for on PostgreSQL (EXPLAIN ANALYZE at bench
size, see `make bench`).

The database backend matches `title || body` (both Dutch tsvectors) against the
query: the GIN indexes on each column alone cannot serve that, so every entry
of a content type was read. It then joins the entries to the pages on the id as
text (`object_id`), which needs an index on that expression to look up a page
per match instead of scanning them all. The apps index their own tables the
same way. SQLite keeps its own full-text table and needs neither.
"""

from django.db import migrations

INDEXES = {
    "portal_search_entry_gin": ("wagtailsearch_indexentry USING gin ((title || body))"),
    "portal_page_id_text_idx": "wagtailcore_page (((id)::varchar(50)))",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
        # Statistics for the new expressions: without them the planner guesses
        # 100 matches for every word and sorts all of a common word's matches
        # instead of walking the newest first (480 ms against 0.4 ms).
        schema_editor.execute("ANALYZE wagtailsearch_indexentry")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0013_dutch_workflow_names"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
