"""Aggregates that Django has for PostgreSQL only, for SQLite as well."""

from django.db import models


class JSONGroupArray(models.Aggregate):
    """The values of a group as one JSON array (of `JSONObject`s, say), so a
    short list of related rows comes with its parent's row instead of a query
    of its own. The array keeps no order: sort it in Python."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def json_rows(model, rows, key):
    """`rows` (from a `JSONGroupArray` of `JSONObject`s, or None) as unsaved
    instances of `model`, sorted by `key`."""
    return sorted((model(**row) for row in rows or []), key=key)
