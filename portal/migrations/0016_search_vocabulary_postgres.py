"""The search index's words on PostgreSQL, for "did you mean" (issue #17).

The fuzzy search compared the query with every entry's whole text
(`word_similarity`), which no index serves: 4.5 s at bench size M. Now, as on
SQLite (0010), the index's words are a table of their own, with a trigram
index, so the closest words to a typo are found through that index and the
normal search runs for them.

Triggers keep the table up to date with every write to the search index
(publishing, `update_index`): the words of an entry's title and text as
PostgreSQL's parser splits them (the 'simple' configuration: lower case, not
stemmed), letters only. Words whose entries are gone stay; a suggestion of one
finds nothing and is not shown.

The trigram indexes on the entries' text (0010) served only the fuzzy search;
they are dropped, as they made every write to the index slower.
"""

from django.db import migrations

INDEX_TABLE = "wagtailsearch_indexentry"
VOCABULARY_TABLE = "portal_search_vocabulary"
ENTRY_TRIGRAM_INDEXES = {
    "modelsearch_title_text_trgm": "title_text",
    "modelsearch_body_text_trgm": "body_text",
}

FORWARDS = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE {VOCABULARY_TABLE} (term text PRIMARY KEY);
CREATE INDEX portal_search_vocabulary_trgm
    ON {VOCABULARY_TABLE} USING gin (term gin_trgm_ops);

CREATE FUNCTION portal_search_words(text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT word FROM unnest(tsvector_to_array(to_tsvector('simple', $1))) AS word
    WHERE length(word) BETWEEN 2 AND 40 AND word !~ '[^[:alpha:]]'
$$;

CREATE FUNCTION portal_search_vocabulary_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- In sorted order, so that two writers adding the same new words take
    -- their locks in the same order (no deadlock).
    INSERT INTO {VOCABULARY_TABLE} (term)
    SELECT DISTINCT portal_search_words(NEW.title_text || ' ' || NEW.body_text)
    ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER portal_search_vocabulary_insert
    AFTER INSERT ON {INDEX_TABLE}
    FOR EACH ROW EXECUTE FUNCTION portal_search_vocabulary_add();
CREATE TRIGGER portal_search_vocabulary_update
    AFTER UPDATE OF title_text, body_text ON {INDEX_TABLE}
    FOR EACH ROW
    WHEN (OLD.title_text IS DISTINCT FROM NEW.title_text
          OR OLD.body_text IS DISTINCT FROM NEW.body_text)
    EXECUTE FUNCTION portal_search_vocabulary_add();

INSERT INTO {VOCABULARY_TABLE} (term)
SELECT DISTINCT portal_search_words(title_text || ' ' || body_text)
FROM {INDEX_TABLE}
ON CONFLICT DO NOTHING;
ANALYZE {VOCABULARY_TABLE};
"""

BACKWARDS = f"""
DROP TRIGGER IF EXISTS portal_search_vocabulary_insert ON {INDEX_TABLE};
DROP TRIGGER IF EXISTS portal_search_vocabulary_update ON {INDEX_TABLE};
DROP FUNCTION IF EXISTS portal_search_vocabulary_add();
DROP FUNCTION IF EXISTS portal_search_words(text);
DROP TABLE IF EXISTS {VOCABULARY_TABLE};
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)
        for name in ENTRY_TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)
        for name, column in ENTRY_TRIGRAM_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {INDEX_TABLE} "
                f"USING gin ({column} gin_trgm_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0015_page_url_path_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
