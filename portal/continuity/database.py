"""The database snapshot: how each engine takes a consistent copy and puts it back.

Never `dumpdata`: it reads table after table while the site keeps writing, and
it leaves out what is not a model (the search index, sequences). SQLite copies
itself with its online backup API; PostgreSQL's `pg_dump` reads one snapshot in
a repeatable-read transaction. The row counts and the migration state in the
manifest come from the very same snapshot.
"""

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from portal.continuity import DATABASE_DIR, ContinuityError

_CHUNK = 1024 * 1024


@dataclass
class Snapshot:
    path: Path
    tables: dict  # table name -> row count
    migrations: dict  # app label -> sorted migration names
    details: dict = field(default_factory=dict)


def for_connection(connection):
    engines = {"sqlite": SQLiteDatabase, "postgresql": PostgreSQLDatabase}
    engine = engines.get(connection.vendor)
    if engine is None:
        raise ContinuityError(
            f"Backups support SQLite and PostgreSQL, not {connection.vendor}."
        )
    return engine(connection)


def _group_migrations(rows):
    migrations = {}
    for app, name in rows:
        migrations.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(migrations.items())}


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def _count_rows(cursor, tables):
    counts = {}
    for table in sorted(tables):
        # Table names come from the database's own catalogue and are quoted.
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


class _Database:
    vendor = ""
    filename = ""
    format = ""

    def __init__(self, connection):
        self.connection = connection

    @property
    def member_name(self):
        return f"{DATABASE_DIR}/{self.filename}"

    def is_empty(self):
        with self.connection.cursor() as cursor:
            return not self.connection.introspection.table_names(cursor)

    def describe(self):
        """Where the target is, for messages: never the password."""
        settings = self.connection.settings_dict
        return f"{self.vendor} database {settings['NAME']}"


class SQLiteDatabase(_Database):
    vendor = "sqlite"
    filename = "db.sqlite3"
    format = "sqlite3"

    def snapshot(self, workdir):
        path = Path(workdir) / self.filename
        self.connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as copy:
            # All pages in one step: one read transaction, so the copy is
            # consistent; in WAL mode the site's writers are not held up.
            self.connection.connection.backup(copy)
            # A self-contained file, without a write-ahead log beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        tables, migrations = self.read_state(path)
        return Snapshot(
            path, tables, migrations, {"server_version": sqlite3.sqlite_version}
        )

    @staticmethod
    def _open_read_only(path):
        return contextlib.closing(
            sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        )

    def read_state(self, path):
        """(row count of every table, applied migrations) of a snapshot file."""
        with self._open_read_only(path) as database:
            cursor = database.cursor()
            tables = [
                name
                for (name,) in cursor.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            ]
            counts = _count_rows(cursor, tables)
            migrations = _group_migrations(
                cursor.execute("SELECT app, name FROM django_migrations")
            )
        return counts, migrations

    def check_snapshot(self, path, manifest):
        try:
            with self._open_read_only(path) as database:
                result = database.execute("PRAGMA quick_check").fetchone()[0]
            tables, migrations = self.read_state(path)
        except sqlite3.DatabaseError as error:
            raise ContinuityError(
                f"The database snapshot cannot be read ({error}). Nothing was changed."
            ) from error
        if result != "ok":
            raise ContinuityError(
                f"The database snapshot is damaged ({result}). Nothing was changed."
            )
        if tables != manifest["tables"]:
            raise ContinuityError(
                "The row counts in the database snapshot differ from the manifest "
                f"({_first_difference(tables, manifest['tables'])}). "
                "Nothing was changed."
            )
        if migrations != manifest["migrations"]:
            raise ContinuityError(
                "The migration state in the database snapshot differs from the "
                "manifest. Nothing was changed."
            )

    def restore(self, path, manifest):
        self.connection.ensure_connection()
        with self._open_read_only(path) as snapshot:
            snapshot.backup(self.connection.connection)
        # Reconnect, so the connection's own settings (WAL, foreign keys) apply
        # to the restored file.
        self.connection.close()


class PostgreSQLDatabase(_Database):
    vendor = "postgresql"
    filename = "db.pgdump"
    format = "pg_dump custom format"

    # Keys of Django's OPTIONS that are not libpq connection parameters (the
    # last two are psycopg's, for its connections only).
    _DJANGO_OPTIONS = {
        "isolation_level",
        "assume_role",
        "pool",
        "server_side_binding",
        "prepare_threshold",
    }

    def _conninfo(self):
        from psycopg.conninfo import make_conninfo

        settings = self.connection.settings_dict
        params = {
            key: value
            for key, value in settings.get("OPTIONS", {}).items()
            if key not in self._DJANGO_OPTIONS and isinstance(value, str | int)
        }
        params.update(
            {
                "dbname": settings["NAME"],
                "user": settings.get("USER") or None,
                "host": settings.get("HOST") or None,
                "port": settings.get("PORT") or None,
            }
        )
        return make_conninfo(**{k: v for k, v in params.items() if v is not None})

    def _env(self):
        env = dict(os.environ)
        if self.connection.settings_dict.get("PASSWORD"):
            # Through the environment, so the password never shows in `ps`.
            env["PGPASSWORD"] = self.connection.settings_dict["PASSWORD"]
        return env

    @staticmethod
    def _tool(name):
        path = shutil.which(name)
        if not path:
            raise ContinuityError(
                f"{name} is not installed; it comes with the PostgreSQL client "
                "(apt-get install postgresql-client)."
            )
        return path

    def _run(self, command, what):
        # The command is an absolute tool path and arguments we build; no shell.
        result = subprocess.run(  # noqa: S603
            command, env=self._env(), capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise ContinuityError(f"{what} failed: {result.stderr.strip()}")
        return result.stdout

    def snapshot(self, workdir):
        if self.connection.in_atomic_block:
            raise ContinuityError(
                "A backup takes its own snapshot; run it outside a transaction."
            )
        path = Path(workdir) / self.filename
        pg_dump = self._tool("pg_dump")
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                )
                # pg_dump reads exactly what this transaction sees, so the dump,
                # the row counts and the migration state agree.
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
                self._run(
                    [
                        pg_dump,
                        "--format=custom",
                        "--compress=0",  # the archive compresses everything
                        f"--snapshot={snapshot_id}",
                        f"--file={path}",
                        f"--dbname={self._conninfo()}",
                    ],
                    "pg_dump",
                )
                tables = _count_rows(
                    cursor, self.connection.introspection.table_names(cursor)
                )
                cursor.execute("SELECT app, name FROM django_migrations")
                migrations = _group_migrations(cursor.fetchall())
        details = {
            "server_version": self.connection.pg_version,
            "tool": self._run([pg_dump, "--version"], "pg_dump --version").strip(),
        }
        return Snapshot(path, tables, migrations, details)

    def check_snapshot(self, path, manifest):
        # The table of contents must read; the data itself is covered by its hash.
        self._run([self._tool("pg_restore"), "--list", str(path)], "pg_restore --list")

    def restore(self, path, manifest):
        """Replay the dump and check every table's row count in one transaction:
        if anything fails, psql rolls it all back and the database stays empty."""
        pg_restore = self._tool("pg_restore")
        psql = self._tool("psql")
        with (
            tempfile.TemporaryFile() as restore_errors,
            tempfile.TemporaryFile() as errors,
        ):
            producer = subprocess.Popen(  # noqa: S603 (see _run)
                [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(path)],
                stdout=subprocess.PIPE,
                stderr=restore_errors,
                env=self._env(),
            )
            consumer = subprocess.Popen(  # noqa: S603 (see _run)
                [
                    psql,
                    "--no-psqlrc",
                    "--quiet",
                    "--single-transaction",
                    "--set=ON_ERROR_STOP=1",
                    f"--dbname={self._conninfo()}",
                    "--file=-",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=self._env(),
            )
            try:
                with contextlib.suppress(BrokenPipeError):
                    while chunk := producer.stdout.read(_CHUNK):
                        consumer.stdin.write(chunk)
                    consumer.stdin.write(_row_count_check(manifest["tables"]).encode())
            finally:
                # Closing both ends stops whichever side is still waiting.
                producer.stdout.close()
                with contextlib.suppress(BrokenPipeError):
                    consumer.stdin.close()
                producer.wait()
                consumer.wait()
            if producer.returncode or consumer.returncode:
                restore_errors.seek(0)
                errors.seek(0)
                message = (restore_errors.read() + errors.read()).decode(
                    errors="replace"
                )
                raise ContinuityError(
                    f"Restoring the database failed; it was left empty.\n{message}"
                )
        self.connection.close()


def _row_count_check(tables):
    """SQL run at the end of the restore transaction: a wrong count aborts it."""
    lines = ["RESET search_path;", "DO $check$", "DECLARE found bigint;", "BEGIN"]
    for table, expected in sorted(tables.items()):
        literal = table.replace("'", "''")
        # Names from the manifest, quoted as identifier and as literal.
        check = (
            f"  SELECT count(*) INTO found FROM {_quote(table)};"  # noqa: S608
            f" IF found <> {int(expected)} THEN RAISE EXCEPTION"
            f" 'table % has % rows, the manifest says %', '{literal}', found,"
            f" {int(expected)}; END IF;"
        )
        lines.append(check)
    lines += ["END", "$check$;", ""]
    return "\n".join(lines)


def _first_difference(found, expected):
    for table in sorted(set(found) | set(expected)):
        if found.get(table) != expected.get(table):
            return (
                f"table {table} has {found.get(table, 'no')} rows, "
                f"the manifest says {expected.get(table, 'missing')}"
            )
    return "no difference"
