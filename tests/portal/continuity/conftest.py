"""A second, empty site to restore into: a new database and a new media folder.

On SQLite the new database is a file; on PostgreSQL it is made on the same
server with CREATE DATABASE and dropped afterwards. While the block runs, the
`default` connection is the new database, so the restored site answers the test
client exactly as it would answer visitors.
"""

import contextlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import override_settings

from portal.continuity import archive, media


@contextlib.contextmanager
def fresh_site(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    original = connections[DEFAULT_DB_ALIAS]
    target = original.copy()
    name = None
    if original.vendor == "sqlite":
        target.settings_dict["NAME"] = str(folder / "restored.sqlite3")
    else:
        name = f"{original.settings_dict['NAME']}_restored"
        with original._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        target.settings_dict["NAME"] = name
    connections[DEFAULT_DB_ALIAS] = target
    try:
        with override_settings(MEDIA_ROOT=folder / "media"):
            yield target
    finally:
        target.close()
        connections[DEFAULT_DB_ALIAS] = original
        if name:
            with original._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def table_names():
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def stored_files():
    from django.core.files.storage import default_storage

    return list(media.walk(default_storage))


def read_archive(path):
    """{name: bytes} of every file in an archive."""
    with archive.reader(path) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def write_archive(path, files):
    with archive.writer(path) as tar:
        for name, data in files.items():
            archive.add_bytes(tar, name, data)
    return path


@pytest.fixture(scope="module")
def site_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """A backup of the migrated database (committed at set-up, so pg_dump sees
    it) with two uploaded files. Tests using it ask for `db` as well: that runs
    them before the transactional tests, which empty the database."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "media" / "documents").mkdir(parents=True)
    (folder / "media" / "documents" / "draaiboek.pdf").write_bytes(b"%PDF-1.4 demo")
    (folder / "media" / "original_images").mkdir()
    (folder / "media" / "original_images" / "plein.png").write_bytes(b"\x89PNG demo")
    path = folder / "site.tar.zst"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "media"):
        call_command("backup_site", str(path), stdout=io.StringIO())
    return path
