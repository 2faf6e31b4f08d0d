"""Queue the digest run; schedule it hourly from cron or a systemd timer.

Each member gets one digest per period however often this runs (see
`digests.sending`); the weekly one from Monday 8:00 Brussels time.
"""

from django.core.management.base import BaseCommand

from digests.sending import send_digests
from digests.tasks import send_due_digests


class Command(BaseCommand):
    help = "Queue (or with --now, run) the sending of every due digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Send in this process, not the worker."
        )

    def handle(self, *args, now=False, **options):
        if not now:
            send_due_digests.enqueue()
            self.stdout.write("Digest run queued.")
            return
        run = send_digests()
        if run is None:
            self.stdout.write("Digests are paused; nothing sent.")
            return
        counts = run.counts()
        self.stdout.write(
            "{sent} sent, {skipped_empty} empty, {bounced} bounced.".format(**counts)
        )
