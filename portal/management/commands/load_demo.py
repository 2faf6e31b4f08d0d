import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo.loader import (
    DemoLoader,
    demo_modules,
    refresh_derived_data,
    search_index_deferred,
)
from portal.management.commands.load_content import load_content


class Command(BaseCommand):
    help = (
        "Create the true content, then example content and demo accounts "
        "(`remove_demo` takes them out again); a second run adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed for generated extras."
        )

    def handle(self, *args, seed, **options):
        loader = DemoLoader(self.stdout, seed=seed)
        with search_index_deferred(), transaction.atomic():
            load_content(loader)
            for label, demo in demo_modules():
                if hasattr(demo, "load"):
                    self.stdout.write(f"{label} (voorbeelden):")
                    demo.load(loader)
            refresh_derived_data()
        call_command("update_index", verbosity=0)
        call_command("optimize_database", stdout=io.StringIO())
        loader.print_logins(settings.PORTAL_BASE_URL)
