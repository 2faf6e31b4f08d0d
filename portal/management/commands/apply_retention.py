"""`manage.py apply_retention`: remove what is past its retention period."""

from django.core.management.base import BaseCommand

from portal import retention


class Command(BaseCommand):
    help = (
        "Apply the retention periods (see docs/personal-data.md): rejected "
        "applications, contact messages, undeliverable mail, login history and "
        "inactive accounts (warned first). Run daily from cron; logs counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only say how many rows each rule would remove now",
        )

    def handle(self, *args, dry_run, **options):
        if dry_run:
            for rule in retention.preview():
                self.stdout.write(f"{rule['label']}: {rule['due_now']} due now.")
            return
        for key, count in retention.apply_all().items():
            self.stdout.write(f"{key}: {count}")
