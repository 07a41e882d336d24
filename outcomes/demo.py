"""Demo benchmarks (R25, R36): every program is held to its own country's evidence by default
(outcomes.models.DEFAULTS); São Paulo, with no national standard yet, sets the team's own
target. A row with no target says the program is not held to that measure."""

import random
from datetime import date
from decimal import Decimal

from outcomes.models import Benchmark, MeasureCode
from programs.models import Country, ServiceModel

# (country, model) → [(measure, target or None, label by language)]
OWN = {
    (Country.BRAZIL, ServiceModel.ICM): [
        (
            MeasureCode.DAYS_HOUSED,
            Decimal("0.85"),
            {"pt-br": "Meta da equipe: 85% dos dias em moradia"},
        ),
    ],
}


def load_program(program, *, language: str, today: date, rnd: random.Random, by) -> None:
    for code, target, labels in OWN.get((program.organisation.country, program.model), []):
        label = labels.get(language.lower()) or next(iter(labels.values()), "")
        Benchmark.objects.get_or_create(
            program=program, code=code, defaults={"target": target, "label": label, "version": 1}
        )
