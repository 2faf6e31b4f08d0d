"""Refresh the query planner's statistics (`ANALYZE`).

SQLite keeps no statistics by itself; without them it may join the full-text
index the slow way round (a second per search at 20,000 experiences instead of
milliseconds). Run it after bulk loads and nightly, next to `update_index`.
On PostgreSQL autovacuum does this too; running it there is harmless.
"""

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Update the database's query-planner statistics (ANALYZE)."

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Statistics updated ({connection.vendor}).")
