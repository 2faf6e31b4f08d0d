"""Queue tomorrow's reminders; run it daily (or hourly) from cron or a timer.

Each person with a place gets one reminder, however often this runs: the
registration records when it was queued (`reminder_sent_at`). See the README.
"""

from django.core.management.base import BaseCommand

from events.services import queue_reminders


class Command(BaseCommand):
    help = "Queue the reminder e-mails for events that start before tomorrow ends."

    def handle(self, *args, **options):
        queued = queue_reminders()
        self.stdout.write(f"{queued} reminder(s) queued.")
