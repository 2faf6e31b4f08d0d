"""The demo content, loaded once per test process and restored for each test.

`load_demo` takes seconds (pages, revisions, documents, the search index) and
about a hundred tests ask for it: loading it for each was a third of CI. The
first test that asks loads it once in a transaction that is rolled back, and
keeps what it changed: the rows of every table it touched, the cache, the
uploaded files and the demo-logins file. Each test then gets those back inside
its own transaction (rolled back as ever) in a fraction of the time.

The rows are only put back over the database as the migrations left it; a test
whose fixtures changed one of those tables before `demo` (a member created
first, say) loads the demo for real, as before, so it sees what it always saw.
"""

import io
import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


def _data_tables():
    """The tables to copy: on SQLite not the full-text index, which its
    triggers fill from `wagtailsearch_indexentry`, nor its shadow tables."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor != "sqlite":
            return tables
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
        virtual = [name for (name,) in cursor.fetchall()]
    return [
        table
        for table in tables
        if not any(table == v or table.startswith(f"{v}_") for v in virtual)
    ]


class _SQLiteRows:
    """A table's rows as Python values, through the raw sqlite3 cursor."""

    @staticmethod
    def columns(cursor, table):
        # Generated (hidden) columns cannot be inserted; SQLite computes them.
        cursor.execute(f'PRAGMA table_xinfo("{table}")')
        return [row[1] for row in cursor.fetchall() if row[6] == 0]

    def dump(self, table):
        cursor = connection.connection.cursor()
        columns = self.columns(cursor, table)
        names = ", ".join(f'"{c}"' for c in columns)
        # Table and column names come from the schema, never from input.
        cursor.execute(f'SELECT {names} FROM "{table}"')  # noqa: S608
        return columns, cursor.fetchall()

    def same(self, dumped, other):
        return sorted(map(repr, dumped[1])) == sorted(map(repr, other[1]))

    def load(self, table, dumped):
        columns, rows = dumped
        if rows:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            connection.connection.cursor().executemany(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks})',  # noqa: S608
                rows,
            )


class _PostgresRows:
    """A table's rows in COPY's text format: exact, and no type adapters."""

    def dump(self, table):
        with connection.cursor() as cursor:
            with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                return b"".join(bytes(block) for block in copy)

    def same(self, dumped, other):
        return sorted(dumped.splitlines()) == sorted(other.splitlines())

    def load(self, table, dumped):
        if dumped:
            with connection.cursor() as cursor:
                with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(dumped)


def _rows():
    return _SQLiteRows() if connection.vendor == "sqlite" else _PostgresRows()


# The cache: LocMemCache on SQLite, Redis on PostgreSQL; any other has nothing
# to keep (DummyCache) or is not used by the tests.


def _cache_entries():
    if hasattr(cache, "_expire_info"):  # LocMemCache
        with cache._lock:
            return ("locmem", dict(cache._cache), dict(cache._expire_info))
    if hasattr(cache, "_cache") and hasattr(cache._cache, "get_client"):  # Redis
        client = cache._cache.get_client(write=False)
        pattern = f"{cache.key_prefix}:*" if cache.key_prefix else "*"
        keys = list(client.scan_iter(match=pattern))
        return ("redis", {key: (client.dump(key), client.pttl(key)) for key in keys})
    return None


def _restore_cache(entries):
    if entries is None:
        return
    if entries[0] == "locmem" and hasattr(cache, "_expire_info"):
        _kind, values, expiry = entries
        with cache._lock:
            cache._cache.update(values)
            cache._expire_info.update(expiry)
    elif entries[0] == "redis" and hasattr(cache, "_cache"):
        if hasattr(cache._cache, "get_client"):
            client = cache._cache.get_client(write=True)
            for key, (data, ttl) in entries[1].items():
                client.restore(key, max(ttl, 0), data, replace=True)


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path.relative_to(root): path.stat().st_mtime_ns
        for path in root.rglob("*")
        if path.is_file()
    }


class DemoSnapshot:
    def __init__(self):
        self.rows = _rows()
        self.pristine = {}
        self.demo = {}
        self.output = ""
        self.cache = None
        self.files = {}
        self.logins = None
        self.restored = self.loaded = 0

    def take(self):
        """Load the demo over the migrated database and keep what changed; the
        transaction is rolled back, so the database is as before."""
        root = Path(settings.MEDIA_ROOT)
        files_before = _media_files()
        cache.clear()
        with transaction.atomic():
            _restore_migrated_data()
            tables = _data_tables()
            pristine = {table: self.rows.dump(table) for table in tables}
            self.output = load_demo()
            for table in tables:
                dumped = self.rows.dump(table)
                if not self.rows.same(dumped, pristine[table]):
                    self.demo[table] = dumped
                    self.pristine[table] = pristine[table]
            self.cache = _cache_entries()
            transaction.set_rollback(True)
        cache.clear()
        self.files = {
            name: (root / name).read_bytes()
            for name, mtime in _media_files().items()
            if files_before.get(name) != mtime
        }
        logins = Path(settings.PORTAL_DEMO_LOGINS_FILE)
        self.logins = logins.read_text() if logins.exists() else None

    def is_pristine(self):
        return all(
            self.rows.same(self.rows.dump(table), pristine)
            for table, pristine in self.pristine.items()
        )

    def restore(self):
        """The demo, as a fresh `load_demo` leaves it; returns its output."""
        if not self.is_pristine():
            self.loaded += 1
            return load_demo()
        self.restored += 1
        with transaction.atomic():
            with connection.cursor() as cursor:
                for table in self.demo:
                    cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
            for table, dumped in self.demo.items():
                self.rows.load(table, dumped)
            self._reset_sequences()
        # What load_demo does last: the planner's statistics for the new rows.
        call_command("optimize_database", stdout=io.StringIO())
        _restore_cache(self.cache)
        self._restore_files()
        return self.output

    def _reset_sequences(self):
        # PostgreSQL's sequences are not rolled back: point them past the rows
        # put back. SQLite's AUTOINCREMENT counter follows inserted ids itself.
        if connection.vendor != "postgresql":
            return
        from django.apps import apps

        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.db_table in self.demo
        ]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                cursor.execute("\n".join(statements))

    def _restore_files(self):
        # The rows point at the uploaded files the one load wrote; a test may
        # have its own MEDIA_ROOT, or one before it deleted a file.
        root = Path(settings.MEDIA_ROOT)
        for name, data in self.files.items():
            path = root / name
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        if self.logins is not None:
            # Another test's load may have generated new demo passwords.
            logins = Path(settings.PORTAL_DEMO_LOGINS_FILE)
            if not logins.exists() or logins.read_text() != self.logins:
                logins.parent.mkdir(parents=True, exist_ok=True)
                logins.write_text(self.logins)
                os.chmod(logins, 0o600)


def _restore_migrated_data():
    """What the migrations loaded, if a transactional test before emptied the
    database (the next test with serialized rollback would bring it back)."""
    from wagtail.models import Site

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents and not Site.objects.exists():
        connection.creation.deserialize_db_from_string(contents)


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
