"""Record a bounce the mail server reported: `manage.py record_bounce ADDRESS`."""

from django.core.management.base import BaseCommand

from digests.models import Bounce


class Command(BaseCommand):
    help = "Record a hard (or with --soft, a soft) bounce for an e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--soft", action="store_true")
        parser.add_argument("--note", default="")

    def handle(self, *args, email, soft=False, note="", **options):
        Bounce.objects.create(email=email, hard=not soft, note=note)
        self.stdout.write(f"Bounce recorded for {email}.")
