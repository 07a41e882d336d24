"""Time the busiest pages on a filled database and write the figures (issue 6 §7)."""

import json
import os
import platform
import sys
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from bench import measure
from people.models import Person
from visits.models import Contact

RESULTS = Path(settings.BASE_DIR) / "bench" / "results"


def database_version() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return connection.vendor


class Command(BaseCommand):
    help = (
        "Request the caseload, the person page, the ACT meeting board and the program "
        "dashboard as the users who open them (warm-up, then --repeat timed requests): median "
        "and p95 time, query count, and the time of a hand-written SQL query for the same "
        "data. Prints a table and writes JSON to bench/results/. Run fill_bench first."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument(
            "--budget",
            type=int,
            default=60,
            help="Seconds one request may take: a page whose first request takes over a quarter "
            "of this is reported once, not repeated; a request is stopped at the budget.",
        )
        parser.add_argument("--output", help="JSON file (default: bench/results/<db>-<time>.json)")

    def handle(
        self, *args, warmup: int, repeat: int, budget: int, output: str | None, **options
    ) -> None:
        if repeat < 1:
            raise CommandError("--repeat is at least 1.")
        if not Person.objects.exists():
            raise CommandError("The database holds no persons: run fill_bench first.")
        rows = measure.run(
            warmup=warmup,
            repeat=repeat,
            budget=budget,
            log=lambda line: self.stdout.write(f"  {line}") if options["verbosity"] else None,
        )
        meta = {
            "at": timezone.now().isoformat(timespec="seconds"),
            "database": database_version(),
            "persons": Person.objects.count(),
            "contacts": Contact.objects.count(),
            "python": platform.python_version(),
            "django": django.get_version(),
            "cpus": os.cpu_count(),
            "warmup": warmup,
            "repeat": repeat,
            "budget_seconds": budget,
        }
        self.stdout.write(
            f"{meta['database']}, {meta['persons']:,} persons, {meta['contacts']:,} contacts; "
            f"{repeat} requests per page after {warmup} warm-up"
        )
        self.stdout.write(measure.table(rows))
        path = (
            Path(output)
            if output
            else RESULTS / (f"{connection.vendor}-{timezone.now():%Y%m%dT%H%M%S}.json")
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps({"meta": meta, "pages": measure.as_json(rows)}, indent=2) + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"Written to {path}", ending="\n")
        sys.stdout.flush()
