"""Demo unit costs per city, in local currency, and service use before enrolment for most demo
cases. The prices are illustrative demo figures, not official rates; in Copenhagen who pays
follows the Danish SØM split between municipality, region and state."""

import random
from datetime import date, timedelta
from decimal import Decimal

from economics.analysis import add_months
from economics.models import Answerer, CostKind, Period, ServiceUse, UnitCost

K = CostKind
# currency → kind → (amount, (municipality %, region %, state %))
PRICES: dict[str, dict[str, tuple[int, tuple[int, int, int]]]] = {
    "CAD": {
        K.PROGRAM: (17_000, (20, 80, 0)),
        K.SHELTER_NIGHT: (115, (60, 40, 0)),
        K.PSYCHIATRIC_DAY: (1_100, (0, 100, 0)),
        K.HOSPITAL_DAY: (1_350, (0, 100, 0)),
        K.EMERGENCY_VISIT: (420, (0, 100, 0)),
        K.AMBULANCE_TRIP: (240, (50, 50, 0)),
        K.CUSTODY_NIGHT: (290, (0, 100, 0)),
    },
    # Danish SØM: § 110 shelter half refunded by the state, hospitals and psychiatry regional
    # with municipal co-financing, custody the state's.
    "DKK": {
        K.PROGRAM: (115_000, (100, 0, 0)),
        K.SHELTER_NIGHT: (1_050, (50, 0, 50)),
        K.PSYCHIATRIC_DAY: (6_200, (10, 90, 0)),
        K.HOSPITAL_DAY: (5_400, (10, 90, 0)),
        K.EMERGENCY_VISIT: (2_600, (10, 90, 0)),
        K.AMBULANCE_TRIP: (3_100, (0, 100, 0)),
        K.CUSTODY_NIGHT: (2_100, (0, 0, 100)),
    },
    "BRL": {
        K.PROGRAM: (19_000, (100, 0, 0)),
        K.SHELTER_NIGHT: (95, (100, 0, 0)),
        K.PSYCHIATRIC_DAY: (420, (0, 50, 50)),
        K.HOSPITAL_DAY: (650, (20, 40, 40)),
        K.EMERGENCY_VISIT: (260, (100, 0, 0)),
        K.AMBULANCE_TRIP: (310, (50, 25, 25)),
        K.CUSTODY_NIGHT: (160, (0, 100, 0)),
    },
    "USD": {
        K.PROGRAM: (18_000, (50, 50, 0)),
        K.SHELTER_NIGHT: (90, (70, 30, 0)),
        K.PSYCHIATRIC_DAY: (1_200, (0, 60, 40)),
        K.HOSPITAL_DAY: (2_600, (0, 50, 50)),
        K.EMERGENCY_VISIT: (1_100, (0, 50, 50)),
        K.AMBULANCE_TRIP: (600, (60, 40, 0)),
        K.CUSTODY_NIGHT: (130, (100, 0, 0)),
    },
}
ACT_PROGRAM_FACTOR = Decimal("1.4")  # an ACT team costs more a person-year than ICM

SOURCE = {
    "en": "Illustrative demo figures, not official rates.",
    "fr": "Chiffres de démonstration à titre indicatif, pas des tarifs officiels.",
    "da": "Illustrative demotal, ikke officielle takster. Betaler fordelt som i SØM.",
    "pt_BR": "Valores ilustrativos de demonstração, não são tarifas oficiais.",
}
NOTE = {
    "en": "Asked at the first meeting; the person was sure about the shelter nights.",
    "fr": "Demandé à la première rencontre; la personne était sûre des nuits en refuge.",
    "da": "Spurgt ved første møde; personen var sikker på nætterne på § 110-boformen.",
    "pt_BR": "Perguntado no primeiro encontro; a pessoa tinha certeza das noites no abrigo.",
}


def load_program(program, *, language: str, today: date, rnd: random.Random, by) -> None:
    """This year's prices and last year's (a little lower: a new year is a new row)."""
    prices = PRICES.get(program.organisation.currency, PRICES["USD"])
    for kind, (amount, (municipality, region, state)) in prices.items():
        amount = Decimal(amount)
        if kind == K.PROGRAM and program.model == "ACT":
            amount *= ACT_PROGRAM_FACTOR
        for year, factor in ((today.year - 1, Decimal("0.97")), (today.year, Decimal(1))):
            UnitCost.objects.get_or_create(
                organisation=program.organisation,
                program=program if kind == K.PROGRAM else None,
                kind=kind,
                label="",
                year=year,
                defaults={
                    "amount": (amount * factor).quantize(Decimal("1")),
                    "source": SOURCE.get(language, SOURCE["en"]),
                    "municipality_share": municipality,
                    "region_share": region,
                    "state_share": state,
                    "recorded_by": by,
                },
            )


def _count(rnd: random.Random, low: int, high: int, *, zero: float = 0.0) -> int | None:
    if rnd.random() < 0.12:
        return None  # don't know
    if rnd.random() < zero:
        return 0
    return rnd.randint(low, high)


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    """Most cases were asked at opening about the 6 or 12 months before; a few have a record
    since enrolment of what the records do not hold (an ambulance, an ER visit)."""
    if case.opened_on > today or rnd.random() > 0.85:
        return
    months = 6 if rnd.random() < 0.3 else 12
    starts_on = add_months(case.opened_on, -months)
    days = (case.opened_on - starts_on).days
    ServiceUse.objects.create(
        case=case,
        period=Period.BEFORE,
        starts_on=starts_on,
        ends_on=case.opened_on,
        shelter_nights=rnd.randint(days // 6, days * 2 // 3),
        psychiatric_days=_count(rnd, 2, days // 30, zero=0.5),
        hospital_days=_count(rnd, 1, days // 60, zero=0.6),
        emergency_visits=_count(rnd, 1, months // 2, zero=0.3),
        ambulance_trips=_count(rnd, 1, months // 3, zero=0.5),
        custody_nights=_count(rnd, 1, days // 40, zero=0.7),
        answered_by=rnd.choice([Answerer.PERSON, Answerer.PERSON, Answerer.BOTH, Answerer.WORKER]),
        answered_on=case.opened_on,
        note=NOTE.get(language, NOTE["en"]) if rnd.random() < 0.3 else "",
        recorded_by=by,
    )
    followed = (today - case.opened_on).days
    if followed > 90 and rnd.random() < 0.25:
        start = case.opened_on + timedelta(days=rnd.randint(30, followed - 40))
        ServiceUse.objects.create(
            case=case,
            period=Period.SINCE,
            starts_on=start,
            ends_on=start + timedelta(days=30),
            ambulance_trips=rnd.randint(0, 1),
            emergency_visits=rnd.randint(1, 2),
            answered_by=Answerer.WORKER,
            answered_on=min(start + timedelta(days=35), today),
            recorded_by=by,
        )
