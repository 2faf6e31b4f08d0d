import io
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from portal.demo_loader import DemoLoader


class Command(BaseCommand):
    help = "Create demo content and accounts; a second run adds only what is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed for generated extras."
        )

    def handle(self, *args, seed, **options):
        loader = DemoLoader(self.stdout, seed=seed)
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                if Path(app_config.path).parent != Path(settings.BASE_DIR):
                    continue
                if module_has_submodule(app_config.module, "demo"):
                    self.stdout.write(f"{app_config.label}:")
                    import_module(f"{app_config.name}.demo").load(loader)
        call_command("update_index", verbosity=0)
        call_command("optimize_database", stdout=io.StringIO())
        loader.print_logins(settings.PORTAL_BASE_URL)
