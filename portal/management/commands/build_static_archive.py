"""`manage.py build_static_archive DEST`: the public site as plain files."""

from django.core.management.base import BaseCommand, CommandError

from portal.continuity import ContinuityError
from portal.continuity.static_site import StaticArchive


class Command(BaseCommand):
    help = (
        "Write every public page, with its images, documents, styles and feeds, "
        "into DEST (a new or empty folder) for any static web server. Links are "
        "relative; feeds, the sitemap and canonical links use --base-url."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", help="a new or empty folder")
        parser.add_argument(
            "--base-url",
            help="where the archive will be served (default: PORTAL_BASE_URL)",
        )

    def handle(self, *args, dest, base_url, **options):
        try:
            result = StaticArchive(dest, base_url).build()
        except ContinuityError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Static archive written to {result.path}: {result.pages} pages, "
            f"{result.files} files."
        )
        if result.dropped_links:
            self.stdout.write(
                f"{len(result.dropped_links)} links led nowhere and were removed:"
            )
            for page, link in result.dropped_links[:20]:
                self.stdout.write(f"  {link} (on {page})")
