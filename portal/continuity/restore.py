"""Put an archive back onto an empty database and an empty media storage.

Everything is checked before anything changes: the target is empty, every file
in the archive matches its hash, the database snapshot reads and holds the row
counts of the manifest, and the code knows every migration of the backup. A
damaged archive is refused with the reason, and the target stays as it was.
"""

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections

from portal.continuity import (
    DATABASE_DIR,
    MANIFEST_NAME,
    MEDIA_DIR,
    TOMBSTONES_NAME,
    ContinuityError,
    archive,
    database,
    manifest,
    media,
    tombstones,
)

_MAX_MANIFEST_BYTES = 256 * 1024 * 1024


@dataclass
class RestoreResult:
    manifest: dict
    seconds: float
    pending_migrations: list = field(default_factory=list)
    tombstones: list = field(default_factory=list)


def restore_backup(path, *, using="default", storage=None):
    started = time.monotonic()
    storage = storage or default_storage
    engine = database.for_connection(connections[using])
    try:
        empty = engine.is_empty()
    except DatabaseError as error:
        message = f"Cannot open the {engine.describe()}: {error}"
        raise ContinuityError(message) from error
    if not empty:
        raise ContinuityError(
            f"The {engine.describe()} is not empty. restore_site only restores onto "
            "an empty database: create a new one (and do not run migrate on it). "
            "Nothing was changed."
        )
    if media.has_files(storage):
        raise ContinuityError(
            "The media storage already holds files. restore_site only restores onto "
            "an empty media folder or bucket. Nothing was changed."
        )
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as workdir:
        staged = Path(workdir)
        document = _stage(path, staged)
        if document["database"].get("vendor") != engine.vendor:
            raise ContinuityError(
                f"The archive holds a {document['database'].get('vendor')} database; "
                f"the target is {engine.vendor}. Restore onto the same kind of "
                "database. Nothing was changed."
            )
        pending = manifest.check_migrations(document)
        snapshot = staged / document["database"]["file"]
        engine.check_snapshot(snapshot, document)
        erased = tombstones.load((staged / TOMBSTONES_NAME).read_bytes())

        # Everything checked: from here on the target changes.
        written = []
        try:
            for member in document["files"]:
                if member.startswith(f"{MEDIA_DIR}/"):
                    name = member.removeprefix(f"{MEDIA_DIR}/")
                    media.put(storage, name, staged / member)
                    written.append(name)
            engine.restore(snapshot, document)
        except BaseException:
            media.remove(storage, written)
            raise
    # Cached fragments and page URLs belong to whatever was there before.
    cache.clear()
    return RestoreResult(document, time.monotonic() - started, pending, erased)


def _stage(path, staged):
    """Unpack the archive into `staged`, hashing as it goes; check the manifest."""
    found = {}
    document = None
    with archive.reader(path) as tar:
        for member in tar:
            name = _safe_name(member)
            if name in found or (name == MANIFEST_NAME and document is not None):
                raise ContinuityError(
                    f"The archive is damaged: {name} occurs twice. Nothing was changed."
                )
            source = tar.extractfile(member)
            if name == MANIFEST_NAME:
                if member.size > _MAX_MANIFEST_BYTES:
                    raise ContinuityError("The manifest is implausibly large.")
                document = manifest.loads(source.read())
                continue
            target = staged / name
            target.parent.mkdir(parents=True, exist_ok=True)
            hashing = archive.HashingReader(source)
            with open(target, "wb") as file:
                while chunk := hashing.read(1024 * 1024):
                    file.write(chunk)
            found[name] = (hashing.digest.hexdigest(), hashing.size)
    if document is None:
        raise ContinuityError(
            f"The archive has no {MANIFEST_NAME}: it is incomplete or not a backup "
            "of this portal. Nothing was changed."
        )
    manifest.check_files(document, found)
    if document["database"].get("file") not in found:
        raise ContinuityError("The archive holds no database snapshot.")
    if TOMBSTONES_NAME not in found:
        raise ContinuityError(f"The archive has no {TOMBSTONES_NAME}.")
    return document


def _safe_name(member):
    """A regular file inside the archive's own folders, never outside the staging
    folder (no absolute paths, no '..', no links)."""
    name = member.name
    parts = PurePosixPath(name).parts
    allowed = (
        member.isfile()
        and not name.startswith("/")
        and ".." not in parts
        and (
            name in (MANIFEST_NAME, TOMBSTONES_NAME)
            or (len(parts) == 2 and parts[0] == DATABASE_DIR)
            or (len(parts) >= 2 and parts[0] == MEDIA_DIR)
        )
    )
    if not allowed:
        raise ContinuityError(
            f"The archive holds an unexpected entry ({name!r}); it is not a backup "
            "of this portal. Nothing was changed."
        )
    return name
