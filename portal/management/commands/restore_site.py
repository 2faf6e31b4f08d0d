"""`manage.py restore_site ARCHIVE`: a backup back onto an empty site."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from portal.continuity import ContinuityError
from portal.continuity.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive onto an empty database and an empty media "
        "storage. The archive is checked first (hashes, row counts, migrations); a "
        "damaged archive is refused and nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.zst or .tar.gz from backup_site")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="the database alias to restore into (default: %(default)s)",
        )

    def handle(self, *args, archive, database, **options):
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
