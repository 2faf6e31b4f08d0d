import time

from django.core.management.base import BaseCommand, CommandError

from casestudies.bench import generate_case_studies
from casestudies.extensions import generate_more_bench_data
from casestudies.factories import CaseStudyIndexPageFactory
from casestudies.models import CaseStudyIndexPage
from network.bench import generate_experiences
from portal.demo_loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Build a large, reproducible data set for benchmarks. Earlier bench data is "
        "replaced; demo content is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--case-studies", type=int, default=0, help="How many practices to build."
        )
        parser.add_argument(
            "--experiences",
            type=int,
            default=0,
            help="How many published experiences (three reactions each) to build.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")

    def handle(self, *args, case_studies, experiences, seed, **options):
        if case_studies < 0 or experiences < 0:
            raise CommandError("--case-studies and --experiences must be zero or more.")
        index = CaseStudyIndexPage.objects.first()
        if index is None:
            loader = DemoLoader(self.stdout, seed=seed)
            index = loader.page(
                CaseStudyIndexPageFactory, loader.home, "praktijkvoorbeelden"
            )
        started = time.monotonic()
        made = generate_case_studies(index, case_studies, seed=seed)
        self.stdout.write(
            f"{made} case studies in {time.monotonic() - started:.1f} s (seed {seed})."
        )
        started = time.monotonic()
        made = generate_experiences(experiences, seed=seed)
        self.stdout.write(
            f"{made} experiences in {time.monotonic() - started:.1f} s (seed {seed})."
        )
        # Apps above this one (trajectories, …) add theirs through a hook.
        generate_more_bench_data(seed, self.stdout)
        self.stdout.write(
            "Run `manage.py update_index` and `manage.py optimize_database` next."
        )
