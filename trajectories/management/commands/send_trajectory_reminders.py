from django.core.management.base import BaseCommand

from trajectories.tasks import enqueue_due_reminders


class Command(BaseCommand):
    help = (
        "Remind members of mentor agreements whose due date has passed. Run it daily "
        "from cron; an agreement is reminded once (again only if its date moves)."
    )

    def handle(self, *args, **options):
        count = enqueue_due_reminders()
        self.stdout.write(f"{count} reminder(s) enqueued.")
