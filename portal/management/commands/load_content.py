import io

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo.loader import DemoLoader, demo_modules, search_index_deferred


def load_content(loader):
    """Every app's true content, in INSTALLED_APPS order; only what is missing."""
    for label, content in demo_modules("content"):
        loader.stdout.write(f"{label}:")
        content.load(loader)


class Command(BaseCommand):
    help = (
        "Create the portal's true content (Mechelen's pages, guides, FAQ, toolkit); "
        "a second run adds only what is missing. No example content, no accounts."
    )

    def handle(self, *args, **options):
        with search_index_deferred(), transaction.atomic():
            load_content(DemoLoader(self.stdout))
        call_command("update_index", verbosity=0)
        call_command("optimize_database", stdout=io.StringIO())
