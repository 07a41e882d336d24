"""Demo benchmarks: each program is held to its own country's evidence (R25, R36).

The model defaults (outcomes.models.DEFAULTS) are the Danish ICM target and At Home/Chez Soi's
ACT target. The Danish and the Canadian ACT programs keep them; a Canadian ICM program measures
itself against At Home/Chez Soi's ICM trial instead of the Danish target, and São Paulo, with no
national standard yet, against the team's own target. A row with no target says the program is
not held to that measure."""

import random
from datetime import date
from decimal import Decimal

from outcomes.models import Benchmark, MeasureCode
from programs.models import Country, ServiceModel

# (country, model) → [(measure, target or None, label by language)]
OWN = {
    # At Home/Chez Soi, ICM for moderate needs: 62.7–77.2% of days stably housed over two years
    # in the four cities, against 29.7–38.8% with usual care (Stergiopoulos et al. 2015).
    (Country.CANADA, ServiceModel.ICM): [
        (
            MeasureCode.DAYS_HOUSED,
            Decimal("0.63"),
            {
                "en": "At Home/Chez Soi (ICM): at least 63% of days stably housed",
                "fr": "Chez Soi (SIV) : au moins 63 % des jours en logement stable",
            },
        ),
        (MeasureCode.OUT_OF_HOMELESSNESS, None, {}),
    ],
    (Country.BRAZIL, ServiceModel.ICM): [
        (
            MeasureCode.DAYS_HOUSED,
            Decimal("0.85"),
            {"pt-br": "Meta da equipe: 85% dos dias em moradia"},
        ),
        (MeasureCode.OUT_OF_HOMELESSNESS, None, {}),
    ],
}


def load_program(program, *, language: str, today: date, rnd: random.Random, by) -> None:
    for code, target, labels in OWN.get((program.organisation.country, program.model), []):
        label = labels.get(language.lower()) or next(iter(labels.values()), "")
        Benchmark.objects.get_or_create(
            program=program, code=code, defaults={"target": target, "label": label, "version": 1}
        )
