from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo.loader import demo_modules, refresh_derived_data


class Command(BaseCommand):
    help = (
        "Remove every piece of example content and the demo accounts; the true "
        "content and everything editors and members made stay as they are."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            # Highest app first: what an app's examples hang on is removed last.
            for label, demo in reversed(demo_modules()):
                if hasattr(demo, "remove"):
                    self.stdout.write(f"{label}:")
                    demo.remove(self.stdout)
            refresh_derived_data()
        call_command("update_index", verbosity=0)
        self.stdout.write("Example content removed.")
