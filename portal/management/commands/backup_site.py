"""`manage.py backup_site DEST`: the whole site in one archive, while it serves."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from portal.continuity import ContinuityError, tombstones
from portal.continuity.backup import create_backup


class Command(BaseCommand):
    help = (
        "Write a backup archive (.tar.zst, or .tar.gz without zstd): a consistent "
        "database snapshot, every uploaded file and a manifest with hashes. DEST is "
        "the archive's name or an existing folder (then it is named by date). An "
        "existing archive is never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", help="archive file (.tar.zst or .tar.gz) or folder")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="the database alias to back up (default: %(default)s)",
        )

    def handle(self, *args, dest, database, **options):
        try:
            result = create_backup(dest, using=database)
        except ContinuityError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            # A full disk, a missing permission: say what, without a traceback.
            raise CommandError(f"The backup failed: {error}") from error
        document = result.manifest
        self.stdout.write(
            f"Backup written to {result.path} "
            f"({result.size / 1_000_000:.1f} MB in {result.seconds:.1f} s): "
            f"{len(document['tables'])} tables with "
            f"{sum(document['tables'].values()):,} rows, "
            f"{document['media']['files']} media files "
            f"({document['media']['bytes'] / 1_000_000:.1f} MB), "
            f"{document['tombstones']['count']} tombstones."
        )
        for name in result.vanished:
            self.stdout.write(f"{name} was deleted while the backup ran; left out.")
        # Next to the archives: the live list, which restore_site re-applies.
        beside = tombstones.beside(result.path)
        tombstones.write_file(beside, tombstones.collect())
        self.stdout.write(f"Erased identities written to {beside}.")
