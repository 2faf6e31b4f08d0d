"""Help with typos in the site search.

PostgreSQL: the trigram extension and indexes that Wagtail's fuzzy search
(`modelsearch.query.Fuzzy`) uses; the index names are the ones Wagtail's own
`enable_trigram` command gives, so either can make them. SQLite: a view of the
full-text index's words (fts5vocab), from which `portal.search.suggest` picks
the closest one.
"""

from django.db import migrations

INDEX_TABLE = "wagtailsearch_indexentry"
TRIGRAM_INDEXES = {
    "modelsearch_title_text_trgm": "title_text",
    "modelsearch_body_text_trgm": "body_text",
}


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in TRIGRAM_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {INDEX_TABLE} "
                f"USING gin ({column} gin_trgm_ops)"
            )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS portal_search_vocabulary "
            f"USING fts5vocab({INDEX_TABLE}_fts, row)"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS portal_search_vocabulary")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0009_toolkit_formats_and_file_text"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
