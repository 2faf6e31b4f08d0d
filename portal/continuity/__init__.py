"""Continuity: the site outlives its server, its host and its funding.

`backup_site` writes one archive (a consistent database snapshot, every uploaded
file, a manifest with versions, migration state, row counts and SHA-256 hashes,
and the tombstones of erased identities); `restore_site` checks all of it before
it changes anything. `build_static_archive` turns the public site into plain
files. Everything here is site-wide and generic: tables come from the database's
introspection, files from the storage API, pages from the sitemap.

The archive layout (format version 1)::

    manifest.json          what is in the archive, see `manifest.py`
    tombstones.json        erased identities, see `tombstones.py`
    database/<snapshot>    db.sqlite3 (SQLite backup API) or db.pgdump (pg_dump -Fc)
    media/<storage name>   every file in the default storage, under its own name
"""


class ContinuityError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


FORMAT = "pleinmakers-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
TOMBSTONES_NAME = "tombstones.json"
DATABASE_DIR = "database"
MEDIA_DIR = "media"
