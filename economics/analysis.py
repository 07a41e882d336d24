"""The socio-economic analysis (R26), SØM-style: the program's cost per person-year against what
the cohort's use of shelters, hospitals, emergency services and custody cost before enrolment and
since, split by who pays, and the month the cumulative savings catch up with the cumulative cost.

Pure functions on plain numbers (exact fractions, so a worked example can be checked by hand),
and one entry point, ``program_analysis``, that reads the records in a constant number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import timezone

from cases.models import Case
from economics.models import COUNT_FIELD, SERVICE_KINDS, CostKind, Payer, ServiceUse, UnitCost
from housing.models import LivingSituation
from visits.models import Crisis

DAYS_A_YEAR = 365
# Beyond the months observed, the cohort is taken to go on as in its last observed months.
STEADY_MONTHS = 6
# Nights in these living situations (housing/situations.py codes) are counted as service use.
SITUATION_KIND = {
    101: CostKind.SHELTER_NIGHT,
    204: CostKind.PSYCHIATRIC_DAY,
    206: CostKind.HOSPITAL_DAY,
    207: CostKind.CUSTODY_NIGHT,
}
# A crisis recorded as critical (life or safety at risk) is counted as one emergency visit.
CRISIS_SEVERITY_COUNTED = "critical"

Rates = dict[str, Fraction | None]


@dataclass(frozen=True)
class Price:
    amount: Fraction
    shares: dict[str, Fraction]  # payer → part of 1
    year: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Before:
    """One person's answers about the period before enrolment: None = don't know."""

    days: int
    counts: dict[str, int | None]


@dataclass
class Month:
    """The cohort in one month after enrolment: how many persons were followed through the whole
    month, and the services they used in it (fractions: a manual record is spread over days)."""

    persons: int = 0
    use: dict[str, Fraction] = field(default_factory=lambda: defaultdict(Fraction))


@dataclass(frozen=True)
class KindRow:
    kind: str
    price: Price | None
    before: Fraction | None  # units a person-year
    after: Fraction | None
    assumed: bool  # the after rate is a scenario's reduction, not the records

    @property
    def counted(self) -> bool:
        return self.price is not None and self.before is not None and self.after is not None

    @property
    def before_cost(self) -> Fraction:
        return self.price.amount * self.before if self.counted else Fraction(0)

    @property
    def after_cost(self) -> Fraction:
        return self.price.amount * self.after if self.counted else Fraction(0)

    @property
    def saving(self) -> Fraction:
        return self.before_cost - self.after_cost


@dataclass(frozen=True)
class CurvePoint:
    month: int  # 1 = the first month after enrolment
    cost: Fraction  # cumulative program cost per person
    savings: Fraction  # cumulative savings per person
    observed: bool  # False: projected from the last observed months or a scenario


@dataclass(frozen=True)
class Analysis:
    program_price: Price | None
    rows: list[KindRow]
    curve: list[CurvePoint]
    persons: int  # in the cohort (with a before-enrolment record)
    without_before: int  # cases left out: nobody asked about before
    person_years_after: Fraction

    @property
    def complete(self) -> bool:
        return self.program_price is not None and any(row.counted for row in self.rows)

    @property
    def program_cost(self) -> Fraction:
        return self.program_price.amount if self.program_price else Fraction(0)

    @property
    def before_cost(self) -> Fraction:
        return sum((row.before_cost for row in self.rows), Fraction(0))

    @property
    def after_cost(self) -> Fraction:
        return sum((row.after_cost for row in self.rows), Fraction(0))

    @property
    def savings(self) -> Fraction:
        return self.before_cost - self.after_cost

    @property
    def net_cost(self) -> Fraction:
        """Program cost less savings, per person-year: below zero, the program pays for itself."""
        return self.program_cost - self.savings

    def by_payer(self) -> dict[str, dict[str, Fraction]]:
        """Program cost, savings and net cost per person-year for each payer; they add up to the
        totals because every price's shares add up to one."""
        split: dict[str, dict[str, Fraction]] = {}
        for payer in Payer.values:
            program = (
                self.program_cost * self.program_price.shares[payer]
                if self.program_price
                else Fraction(0)
            )
            savings = sum(
                (row.saving * row.price.shares[payer] for row in self.rows if row.counted),
                Fraction(0),
            )
            split[payer] = {"program": program, "savings": savings, "net": program - savings}
        return split

    @property
    def break_even_month(self) -> int | None:
        """The first month from enrolment in which cumulative savings reach cumulative cost."""
        for point in self.curve:
            if point.savings >= point.cost:
                return point.month
        return None


def money(value: Fraction) -> Decimal:
    """A fraction as money, to the cent (half up)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError  # pragma: no cover


def full_months(start: date, end: date) -> int:
    """How many whole months from ``start`` have ended by ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def before_rates(records: list[Before]) -> Rates:
    """Units a person-year before enrolment, per kind: the counts of those who knew, over the
    person-years they were asked about. None where nobody knew."""
    rates: Rates = {}
    for kind in SERVICE_KINDS:
        known = [r for r in records if r.counts.get(kind) is not None and r.days > 0]
        days = sum(r.days for r in known)
        rates[kind] = (
            Fraction(sum(r.counts[kind] for r in known) * DAYS_A_YEAR, days) if days else None
        )
    return rates


def after_rates(months: list[Month]) -> Rates:
    """Units a person-year since enrolment, over the whole months observed."""
    person_months = sum(m.persons for m in months)
    if not person_months:
        return dict.fromkeys(SERVICE_KINDS)
    return {
        kind: sum((m.use[kind] for m in months), Fraction(0)) * 12 / person_months
        for kind in SERVICE_KINDS
    }


def _per_person(months: list[Month]) -> dict[str, Fraction] | None:
    persons = sum(m.persons for m in months)
    if not persons:
        return None
    return {
        kind: sum((m.use[kind] for m in months), Fraction(0)) / persons for kind in SERVICE_KINDS
    }


def analyse(
    *,
    prices: dict[str, Price],
    before: list[Before],
    months: list[Month],
    horizon_months: int,
    reductions: dict[str, Fraction] | None = None,
    without_before: int = 0,
) -> Analysis:
    """The analysis of a cohort. ``months[j]`` is month j+1 after enrolment; ``reductions``
    (a scenario) replaces the records of a kind by its before rate less that part."""
    reductions = reductions or {}
    rates_before = before_rates(before)
    rates_after = after_rates(months)
    rows = []
    for kind in SERVICE_KINDS:
        assumed = kind in reductions and rates_before[kind] is not None
        after = rates_before[kind] * (1 - reductions[kind]) if assumed else rates_after[kind]
        rows.append(KindRow(kind, prices.get(kind), rates_before[kind], after, assumed))
    program_price = prices.get(CostKind.PROGRAM)

    observed = [m for m in months if m.persons]
    steady = _per_person(observed[-STEADY_MONTHS:])
    curve: list[CurvePoint] = []
    cost = savings = Fraction(0)
    for index in range(horizon_months):
        month = months[index] if index < len(months) and months[index].persons else None
        use = _per_person([month]) if month else steady
        cost += program_price.amount / 12 if program_price else Fraction(0)
        for row in rows:
            if not row.counted:
                continue
            if row.assumed:
                after = row.after / 12
            elif use is not None:
                after = use[row.kind]
            else:
                after = row.before / 12  # nothing observed, nothing assumed: no saving claimed
            savings += row.price.amount * (row.before / 12 - after)
        curve.append(CurvePoint(index + 1, cost, savings, month is not None))
    return Analysis(
        program_price=program_price,
        rows=rows,
        curve=curve,
        persons=len(before),
        without_before=without_before,
        person_years_after=Fraction(sum(m.persons for m in months), 12),
    )


def price_of(cost: UnitCost) -> Price:
    return Price(
        amount=Fraction(cost.amount),
        shares={payer: Fraction(share) / 100 for payer, share in cost.shares().items()},
        year=cost.year,
        source=cost.source,
    )


def current_prices(program, *, year: int) -> dict[str, UnitCost]:
    """The price of each kind that holds in ``year``: the latest year not after it, the
    program's own before the organisation's. One query."""
    chosen: dict[str, UnitCost] = {}
    for cost in (
        UnitCost.objects.for_program(program)
        .filter(year__lte=year)
        .exclude(kind=CostKind.OTHER)
        .order_by("kind", "-year", "program_id")
    ):
        held = chosen.get(cost.kind)
        if held is None or (held.year == cost.year and held.program_id is None and cost.program_id):
            chosen[cost.kind] = cost
    return chosen


def _spread(months: list[Month], opened: date, start: date, end: date, kind: str, units) -> None:
    """Add ``units`` used evenly over the days [start, end) to the months they fall in."""
    days = (end - start).days
    if days <= 0 or not units:
        return
    for index, month in enumerate(months):
        lo, hi = add_months(opened, index), add_months(opened, index + 1)
        overlap = (min(hi, end) - max(lo, start)).days
        if overlap > 0:
            month.use[kind] += Fraction(units * overlap, days)


def cohort_months(cases, *, today: date, situations, since, crises) -> list[Month]:
    """The cohort's months after enrolment from the records: nights in shelter, psychiatric or
    hospital care and custody (living situations), critical crises, and the manual records
    of what the records do not hold. Each case counts in the whole months it was followed."""
    by_person: dict[int, list] = defaultdict(list)
    for person_id, code, started_on in situations:
        by_person[person_id].append((started_on, code))
    since_by_case: dict[int, list] = defaultdict(list)
    for record in since:
        since_by_case[record.case_id].append(record)
    crises_by_case: dict[int, list[date]] = defaultdict(list)
    for case_id, on in crises:
        crises_by_case[case_id].append(on)

    total: list[Month] = []
    for case in cases:
        end = min(case.closed_on or today, today)
        count = full_months(case.opened_on, end)
        while len(total) < count:
            total.append(Month())
        mine = [Month(persons=1) for _ in range(count)]
        horizon_end = add_months(case.opened_on, count)
        periods = sorted(by_person[case.person_id])
        for i, (started, code) in enumerate(periods):
            kind = SITUATION_KIND.get(code)
            if kind is None:
                continue
            stop = periods[i + 1][0] if i + 1 < len(periods) else horizon_end
            start, stop = max(started, case.opened_on), min(stop, horizon_end)
            if stop > start:  # one unit per night: the spread gives whole nights per month
                _spread(mine, case.opened_on, start, stop, kind, (stop - start).days)
        for on in crises_by_case[case.pk]:
            _spread(mine, case.opened_on, on, on + timedelta(days=1), CostKind.EMERGENCY_VISIT, 1)
        for record in since_by_case[case.pk]:
            for kind, units in record.counts().items():
                _spread(mine, case.opened_on, record.starts_on, record.ends_on, kind, units or 0)
        for index, month in enumerate(mine):
            total[index].persons += 1
            for kind, units in month.use.items():
                total[index].use[kind] += units
    return total


def program_analysis(
    program,
    *,
    today: date,
    horizon_years: int = 2,
    price_overrides: dict[str, Decimal] | None = None,
    reductions: dict[str, Fraction] | None = None,
    current: dict[str, UnitCost] | None = None,
) -> Analysis:
    """The analysis of a program's cohort: every case with a before-enrolment record. Six
    queries (five given the ``current`` prices), whatever the number of persons."""

    if current is None:
        current = current_prices(program, year=today.year)
    prices = {kind: price_of(cost) for kind, cost in current.items()}
    for kind, amount in (price_overrides or {}).items():
        held = prices.get(kind)
        shares = (
            held.shares
            if held
            else {Payer.MUNICIPALITY: Fraction(1)}
            | {
                Payer.REGION: Fraction(0),
                Payer.STATE: Fraction(0),
            }
        )
        prices[kind] = Price(Fraction(amount), shares, held.year if held else None)

    records = list(
        ServiceUse.objects.before()
        .filter(case__program=program, case__opened_on__lte=today)
        .select_related("case")
        .only("case__person_id", "case__opened_on", "case__closed_on", *_BEFORE_FIELDS)
    )
    cases = [r.case for r in records]
    case_ids = [c.pk for c in cases]
    without = Case.objects.filter(program=program).exclude(pk__in=case_ids).count()
    situations = LivingSituation.objects.filter(
        person_id__in=[c.person_id for c in cases]
    ).values_list("person_id", "code", "started_on")
    since = ServiceUse.objects.since().filter(case_id__in=case_ids)
    crises = [
        (case_id, timezone.localtime(at).date())
        for case_id, at in Crisis.objects.filter(
            case_id__in=case_ids, severity=CRISIS_SEVERITY_COUNTED
        ).values_list("case_id", "occurred_at")
    ]
    months = cohort_months(cases, today=today, situations=situations, since=since, crises=crises)
    return analyse(
        prices=prices,
        before=[Before(r.days, r.counts()) for r in records],
        months=months,
        horizon_months=horizon_years * 12,
        reductions=reductions,
        without_before=without,
    )


_BEFORE_FIELDS = ("case_id", "period", "starts_on", "ends_on", *COUNT_FIELD.values())
