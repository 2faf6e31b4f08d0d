"""`manage.py personal_data_inventory`: docs/personal-data.md from the code."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import personal_data


class Command(BaseCommand):
    help = (
        "Print the personal-data inventory (each app's privacy.py) as Markdown, or "
        "write it with --write docs/personal-data.md. Fails when a field of a "
        "personal kind is not listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--write", metavar="PATH", help="write the Markdown here")

    def handle(self, *args, write, **options):
        problems = personal_data.unlisted() + personal_data.stale()
        if problems:
            raise CommandError(
                "Not in the inventory (add them to the app's privacy.py): "
                + ", ".join(problems)
            )
        text = personal_data.render()
        if write:
            Path(write).write_text(text)
            self.stdout.write(f"Wrote {write}.")
        else:
            self.stdout.write(text, ending="")
