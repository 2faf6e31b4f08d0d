"""PostgreSQL: each practice's search document on its own row (issue #17).

A search of the practices list read every practice's search index entry (one
wide row each, with its text) to concatenate and match its vectors: 30-40 ms
when a word is in all 5,000 practices, and a query of its own before the facet
counts. Now the practice's row holds a copy of that entry's document
(`title || body`, what Wagtail's PostgreSQL search matches), under a GIN index,
and the list's queries match it themselves (`CaseStudyFilter._text_q`).

The column is not a model field: only the trigger below writes it, on every
write to the practice's index entry (publishing, `update_index`), so no page
save, revision or copy can leave an older document behind. SQLite keeps
searching through Wagtail.
"""

from django.db import migrations

FORWARDS = """
ALTER TABLE casestudies_casestudypage ADD COLUMN search_document tsvector;
CREATE INDEX casestudies_search_document_idx
    ON casestudies_casestudypage USING gin (search_document);

CREATE FUNCTION casestudies_copy_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    practice_type integer := (
        SELECT id FROM django_content_type
        WHERE app_label = 'casestudies' AND model = 'casestudypage'
    );
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.content_type_id = practice_type THEN
            UPDATE casestudies_casestudypage SET search_document = NULL
            WHERE page_ptr_id = OLD.object_id::integer;
        END IF;
    ELSIF NEW.content_type_id = practice_type THEN
        UPDATE casestudies_casestudypage SET search_document = NEW.title || NEW.body
        WHERE page_ptr_id = NEW.object_id::integer;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER casestudies_search_document_insert
    AFTER INSERT ON wagtailsearch_indexentry
    FOR EACH ROW EXECUTE FUNCTION casestudies_copy_search_document();
-- Not on the title norms Wagtail refreshes for every entry after each write.
CREATE TRIGGER casestudies_search_document_update
    AFTER UPDATE OF title, body ON wagtailsearch_indexentry
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION casestudies_copy_search_document();
CREATE TRIGGER casestudies_search_document_delete
    AFTER DELETE ON wagtailsearch_indexentry
    FOR EACH ROW EXECUTE FUNCTION casestudies_copy_search_document();

UPDATE casestudies_casestudypage practice
SET search_document = entry.title || entry.body
FROM wagtailsearch_indexentry entry
INNER JOIN django_content_type type ON type.id = entry.content_type_id
WHERE type.app_label = 'casestudies' AND type.model = 'casestudypage'
    AND entry.object_id = practice.page_ptr_id::varchar(50);
ANALYZE casestudies_casestudypage;
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS casestudies_search_document_insert ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS casestudies_search_document_update ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS casestudies_search_document_delete ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS casestudies_copy_search_document();
ALTER TABLE casestudies_casestudypage DROP COLUMN IF EXISTS search_document;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0008_listing_facet_counts"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
