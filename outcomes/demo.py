"""Demo benchmarks: most programs keep their model's default target; one sets its own, so the
benchmarks page shows both."""

import random
from datetime import date
from decimal import Decimal

from outcomes.models import Benchmark, MeasureCode

# A program's own target, in its own words, beside its model's default (Brazil: no national
# standard yet, so the São Paulo team holds itself to the share of days housed too).
OWN = {
    "pt-br": (MeasureCode.DAYS_HOUSED, Decimal("0.85"), "Meta da equipe: 85% dos dias em moradia"),
}


def load_program(program, *, language: str, today: date, rnd: random.Random, by) -> None:
    own = OWN.get(language.lower())
    if own is None:
        return
    code, target, label = own
    Benchmark.objects.get_or_create(
        program=program, code=code, defaults={"target": target, "label": label, "version": 1}
    )
