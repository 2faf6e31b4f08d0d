"""`manage.py reapply_erasures FILE`: erase again who a tombstone list names."""

from django.core.management.base import BaseCommand, CommandError

from portal.continuity import ContinuityError
from portal.continuity.tombstones import read_file
from portal.erasure import reapply


class Command(BaseCommand):
    help = (
        "Erase again everyone a tombstone file (tombstones.json from the live site, "
        "from next to the backups or from a newer backup) lists, when they appear "
        "in this database: after restoring an older backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a tombstones.json")
        parser.add_argument(
            "--since",
            help="only erasures after this moment (ISO 8601), e.g. the backup's date",
        )

    def handle(self, *args, file, since, **options):
        try:
            entries = read_file(file)
        except ContinuityError as error:
            raise CommandError(str(error)) from error
        found = reapply(entries, since=since)
        self.stdout.write(
            f"{len(entries)} erased identities read; {found} people found in this "
            "database and erased again."
        )
