"""`manage.py restore_site ARCHIVE`: a backup back onto an empty site."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from portal.continuity import ContinuityError
from portal.continuity.restore import restore_backup
from portal.continuity.tombstones import beside, read_file
from portal.erasure import reapply


class Command(BaseCommand):
    help = (
        "Restore a backup archive onto an empty database and an empty media "
        "storage. The archive is checked first (hashes, row counts, migrations); a "
        "damaged archive is refused and nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.zst or .tar.gz from backup_site")
        parser.add_argument(
            "--tombstones",
            help=(
                "a tombstone file with the erasures made since the backup (default: "
                "tombstones.json next to the archive, when there is one)"
            ),
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="the database alias to restore into (default: %(default)s)",
        )

    def handle(self, *args, archive, database, tombstones, **options):
        try:
            result = restore_backup(archive, using=database)
        except ContinuityError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            # A full disk, a missing permission: say what, without a traceback.
            raise CommandError(f"The restore failed: {error}") from error
        document = result.manifest
        self.stdout.write(
            f"Restored the backup of {document['created_at']} "
            f"(code {document['versions']['code']}) in {result.seconds:.1f} s: "
            f"{len(document['tables'])} tables with "
            f"{sum(document['tables'].values()):,} rows, "
            f"{document['media']['files']} media files."
        )
        if result.pending_migrations:
            self.stdout.write(
                f"This code has {len(result.pending_migrations)} migrations the "
                "backup lacks: run `manage.py migrate` next."
            )
        if result.tombstones:
            self.stdout.write(
                f"The backup records {len(result.tombstones)} erased identities."
            )
        self.reapply_erasures(result, tombstones or beside(archive))

    def reapply_erasures(self, result, path):
        """Erase again whoever was erased after the backup was made."""
        if not Path(path).exists():
            self.stdout.write(
                f"No tombstone file at {path}: if people were erased after this "
                "backup, run `manage.py reapply_erasures <tombstones.json>`."
            )
            return
        since = result.manifest["created_at"]
        if result.pending_migrations:
            self.stdout.write(
                f"After `migrate`, run `manage.py reapply_erasures {path} "
                f"--since {since}` to erase again who was erased after the backup."
            )
            return
        try:
            entries = read_file(path)
        except ContinuityError as error:
            raise CommandError(str(error)) from error
        found = reapply(entries, since=since)
        self.stdout.write(
            f"Erasures after the backup re-applied from {path}: "
            f"{found} people found and erased again."
        )
