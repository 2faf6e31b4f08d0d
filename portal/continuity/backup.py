"""Write one archive of the whole site while it keeps serving."""

import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

from portal.continuity import (
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


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    seconds: float
    vanished: list

    @property
    def size(self):
        return self.path.stat().st_size


def destination(dest, now):
    """The archive's path: `dest` itself, or a dated name inside a folder."""
    dest = Path(dest)
    if dest.is_dir():
        stamp = now.strftime("%Y%m%d-%H%M%S")
        dest = dest / f"pleinmakers-{stamp}{archive.default_suffix()}"
    if archive.suffix_of(dest) is None:
        raise ContinuityError(
            f"Name the archive …{archive.ZSTD_SUFFIX} or …{archive.GZIP_SUFFIX}, "
            "or give an existing folder."
        )
    if dest.exists():
        raise ContinuityError(f"{dest} already exists; a backup never overwrites one.")
    if not dest.parent.is_dir():
        raise ContinuityError(f"The folder {dest.parent} does not exist.")
    return dest


def create_backup(dest, *, using="default", storage=None):
    started = time.monotonic()
    storage = storage or default_storage
    created_at = timezone.now()
    dest = destination(dest, created_at)
    engine = database.for_connection(connections[using])
    suffix = archive.suffix_of(dest)
    # Written under a temporary name and linked into place at the end: a reader
    # never sees half an archive, and an archive that appeared meanwhile stays.
    partial = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}{suffix}")
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as workdir:
        # The database first: a file is stored before the row that names it, so
        # every file the snapshot refers to is there when the files are read.
        snapshot = engine.snapshot(workdir)
        entries = tombstones.collect()
        files = {}
        media_bytes = 0
        vanished = []
        try:
            with archive.writer(partial) as tar, open(snapshot.path, "rb") as dump:
                files[engine.member_name] = _entry(
                    archive.add_file(
                        tar, engine.member_name, dump, snapshot.path.stat().st_size
                    )
                )
                for name in media.walk(storage):
                    member = f"{MEDIA_DIR}/{name}"
                    try:
                        file = storage.open(name, "rb")
                    except FileNotFoundError:
                        # Deleted while the backup ran: after the snapshot, which
                        # therefore no longer needs it.
                        vanished.append(name)
                        continue
                    with file:
                        files[member] = _entry(
                            archive.add_file(
                                tar,
                                member,
                                file,
                                storage.size(name),
                                media.modified_time(storage, name),
                            )
                        )
                    media_bytes += files[member]["size"]
                files[TOMBSTONES_NAME] = _entry(
                    archive.add_bytes(tar, TOMBSTONES_NAME, tombstones.dump(entries))
                )
                document = manifest.build(
                    created_at=created_at,
                    database=engine,
                    snapshot=snapshot,
                    files=files,
                    media={"files": len(files) - 2, "bytes": media_bytes},
                    tombstones=len(entries),
                )
                archive.add_bytes(tar, MANIFEST_NAME, manifest.dumps(document))
            _move_into_place(partial, dest)
        finally:
            partial.unlink(missing_ok=True)
    return BackupResult(dest, document, time.monotonic() - started, vanished)


def _move_into_place(partial, dest):
    appeared = ContinuityError(f"{dest} appeared while the backup ran; left alone.")
    try:
        # A hard link fails when the name exists: no archive is ever replaced.
        os.link(partial, dest)
    except FileExistsError as error:
        raise appeared from error
    except OSError:
        # Some network file systems have no hard links.
        if dest.exists():
            raise appeared from None
        os.rename(partial, dest)


def _entry(hashed):
    sha256, size = hashed
    return {"sha256": sha256, "size": size}
