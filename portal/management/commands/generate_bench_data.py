import time

from django.core.management.base import BaseCommand, CommandError

from portal.demo.loader import demo_modules, refresh_derived_data


def generators():
    """The apps' bench modules that build data, each with its option."""
    return [
        bench
        for _label, bench in demo_modules("demo.bench")
        if hasattr(bench, "OPTION")
    ]


class Command(BaseCommand):
    help = (
        "Build a large, reproducible data set for benchmarks. Earlier bench data is "
        "replaced; demo content is left alone. Each app adds its own option."
    )

    def add_arguments(self, parser):
        for bench in generators():
            flag, text = bench.OPTION
            parser.add_argument(flag, type=int, default=0, help=text)
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")

    def handle(self, *args, seed, **options):
        benches = [
            (bench, options[bench.OPTION[0].lstrip("-").replace("-", "_")])
            for bench in generators()
        ]
        if any(count < 0 for _bench, count in benches):
            raise CommandError("Every count must be zero or more.")
        for bench, count in benches:
            started = time.monotonic()
            made = bench.generate(count, seed=seed, stdout=self.stdout)
            self.stdout.write(
                f"{bench.OPTION[0]}: {made} in {time.monotonic() - started:.1f} s "
                f"(seed {seed})."
            )
        refresh_derived_data()
        self.stdout.write(
            "Run `manage.py update_index` and `manage.py optimize_database` next."
        )
