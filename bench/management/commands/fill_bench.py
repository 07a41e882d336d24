"""Fill a scratch database for the benchmarks (issue 6 §7): ``make bench`` runs this."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from bench.fill import fill
from people.models import Person

SCRATCH_FLAG = "--yes-this-is-a-scratch-database"


def is_bench_database() -> bool:
    """The database's name says it is a benchmark database (bench/results/bench.sqlite3,
    hearth_bench): never the development or production database by accident."""
    return "bench" in str(settings.DATABASES["default"]["NAME"])


class Command(BaseCommand):
    help = (
        "Fill a scratch database with realistic volume: the four demo organisations with many "
        "teams, N persons with Y years of cases, homes, contacts, reports, assessments, crises, "
        "appointments, ACT meetings and rosters. Written with bulk inserts: no record history. "
        "Safety: it refuses unless the database name contains 'bench' (for example "
        "DATABASE_URL=sqlite:///bench/results/bench.sqlite3 or postgres://…/hearth_bench) or "
        f"{SCRATCH_FLAG} is given, and it refuses a database that already holds persons "
        "unless --force is given."
    )

    requires_system_checks = []  # a fill needs the models only, not every app's URLs

    def add_arguments(self, parser) -> None:
        parser.add_argument("--persons", type=int, default=20_000)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=6)
        parser.add_argument(
            "--force", action="store_true", help="Add to a database that already holds persons."
        )
        parser.add_argument(
            SCRATCH_FLAG,
            action="store_true",
            dest="scratch",
            help="The database is a scratch database even though its name lacks 'bench'.",
        )

    def handle(
        self, *args, persons: int, years: int, seed: int, force: bool, scratch: bool, **options
    ) -> None:
        if persons < 4 or years < 1:
            raise CommandError("Give at least 4 persons and 1 year.")
        if not (scratch or is_bench_database()):
            raise CommandError(
                f"Refusing: the database {settings.DATABASES['default']['NAME']!r} does not look "
                f"like a benchmark database (its name lacks 'bench'). Use a scratch database, or "
                f"pass {SCRATCH_FLAG} if it is one."
            )
        if Person.objects.exists() and not force:
            raise CommandError(
                "Refusing: this database already holds persons. Use an empty scratch database, "
                "or --force to add to it."
            )
        start = time.perf_counter()
        counts = fill(
            persons=persons,
            years=years,
            seed=seed,
            today=timezone.localdate(),
            log=lambda line: self.stdout.write(f"  {line}") if options["verbosity"] else None,
        )
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather on a live database: without them
            # the planner scans a million contacts per case.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - start
        self.stdout.write(f"Filled {connection.vendor} in {elapsed:.1f} s:")
        for kind, n in counts.rows.items():
            self.stdout.write(f"  {kind:<20} {n:>10,}")
