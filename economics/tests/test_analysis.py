"""The socio-economic analysis (R26): a worked example checked by hand, the split by payer,
don't-know answers, prices by year, and the scenario inputs."""

from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from economics.analysis import (
    Before,
    Month,
    Price,
    add_months,
    analyse,
    before_rates,
    current_prices,
    full_months,
    money,
    program_analysis,
)
from economics.forms import ScenarioForm
from economics.models import CostKind, Payer
from economics.testing import make_before, make_since, make_unit_cost
from hearth import testing as t
from housing.models import LivingSituation
from housing.situations import Situation
from visits.models import Crisis

pytestmark = pytest.mark.django_db

OPENED = date(2026, 1, 1)
TODAY = date(2026, 10, 1)  # nine whole months after enrolment


def _worked_example(world):
    """Ten persons of one program, all enrolled on 1 January 2026, followed to 1 October 2026.

    Prices (DKK, 2026): program 144,000 a person-year (municipality 100 %); a shelter night 500
    (municipality 50 %, state 50 %); a psychiatric bed-day 5,000 (region 100 %); an emergency
    visit 2,000 (region 100 %).

    Before (the 12 months to enrolment, 365 days): each person 292 shelter nights and 8
    psychiatric bed-days; persons 1–5 had 4 emergency visits, persons 6–10 don't know.
    → before a person-year: shelter 292, psychiatric 8, emergency 20·365/(5·365) = 4.

    Since, from the records: everyone in a shelter (intake) until moving home on 1 April:
    31 + 28 + 31 nights in months 1–3 = 900 nights; three critical crises in February (month 2,
    one emergency visit each; a crisis rated only "high" does not count); by hand, person 1 had
    12 psychiatric bed-days in March (month 3). 9 whole months × 10 persons = 90 person-months.
    → since a person-year: shelter 900·12/90 = 120, psychiatric 12·12/90 = 1.6,
      emergency 3·12/90 = 0.4.

    Per person-year: before 292·500 + 8·5,000 + 4·2,000 = 146,000 + 40,000 + 8,000 = 194,000;
    since 120·500 + 1.6·5,000 + 0.4·2,000 = 60,000 + 8,000 + 800 = 68,800;
    savings 125,200; program 144,000; net cost 144,000 − 125,200 = 18,800.

    By payer: savings on shelter (292−120)·500 = 86,000 → municipality 43,000, state 43,000;
    psychiatric (8−1.6)·5,000 = 32,000 and emergency (4−0.4)·2,000 = 7,200 → region 39,200.
    Net: municipality 144,000 − 43,000 = 101,000; region −39,200; state −43,000;
    sum 101,000 − 39,200 − 43,000 = 18,800.

    Month by month, per person: the program costs 12,000 a month. Before, a month costs
    shelter 292/12·500 = 12,166.67, psychiatric 3,333.33, emergency 666.67 = 16,166.67.
    Savings: m1 16,166.67 − 31·500 = 666.67; m2 16,166.67 − 28·500 − 0.3·2,000 = 1,566.67;
    m3 16,166.67 − 15,500 − 1.2·5,000 = −5,333.33; m4–m9 16,166.67 each.
    Cumulative savings: 666.67, 2,233.33, −3,100, 13,066.67, 29,233.33, 45,400, 61,566.67,
    77,733.33, 93,900 against 12,000·m (108,000 at m9). Beyond, the last six observed months
    (4–9, no use) go on: +16,166.67 a month: m10 110,066.67 < 120,000; m11 126,233.33 <
    132,000; m12 142,400 < 144,000; m13 158,566.67 ≥ 156,000 → break-even in month 13, the
    second year (seed 003: ICM breaks even in its second year).
    """
    program = world.icm_team.program
    by = world.pam
    make_unit_cost(program, by=by, kind=CostKind.PROGRAM, amount=144_000)
    make_unit_cost(program, by=by, kind=CostKind.SHELTER_NIGHT, amount=500, shares=(50, 0, 50))
    make_unit_cost(program, by=by, kind=CostKind.PSYCHIATRIC_DAY, amount=5000, shares=(0, 100, 0))
    make_unit_cost(program, by=by, kind=CostKind.EMERGENCY_VISIT, amount=2000, shares=(0, 100, 0))
    cases = []
    for n in range(10):
        case = t.make_case(
            team=world.icm_team,
            by=world.alice,
            opened_on=OPENED,
            intake=Situation.EMERGENCY_SHELTER,
        )
        LivingSituation.objects.create(
            person=case.person,
            code=Situation.RENTAL_SUBSIDY,
            started_on=date(2026, 4, 1),
            recorded_by=world.alice,
        )
        make_before(
            case,
            by=world.alice,
            shelter_nights=292,
            psychiatric_days=8,
            emergency_visits=4 if n < 5 else None,
        )
        cases.append(case)
    for case in cases[:3]:
        Crisis.objects.create(
            case=case,
            what="Overdose",
            severity="critical",
            occurred_at=datetime(2026, 2, 15, 12, tzinfo=UTC),
            recorded_by=world.alice,
        )
    Crisis.objects.create(
        case=cases[4],
        what="Argument",
        severity="high",
        occurred_at=datetime(2026, 2, 15, 12, tzinfo=UTC),
        recorded_by=world.alice,
    )
    make_since(
        cases[0],
        by=world.alice,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 13),
        psychiatric_days=12,
    )
    # The world's two ICM cases (teams A and B) have no before record: left out, and said so.
    return program


def test_the_worked_example_gives_the_net_cost_per_person_year_checked_by_hand(world):
    """R26: see _worked_example for the arithmetic."""
    program = _worked_example(world)
    analysis = program_analysis(program, today=TODAY)
    assert analysis.persons == 10
    assert analysis.without_before == 2
    assert analysis.person_years_after == Fraction(90, 12)
    rates = {row.kind: (row.before, row.after) for row in analysis.rows}
    assert rates[CostKind.SHELTER_NIGHT] == (292, 120)
    assert rates[CostKind.PSYCHIATRIC_DAY] == (8, Fraction(8, 5))
    assert rates[CostKind.EMERGENCY_VISIT] == (4, Fraction(2, 5))
    assert money(analysis.before_cost) == Decimal("194000.00")
    assert money(analysis.after_cost) == Decimal("68800.00")
    assert money(analysis.savings) == Decimal("125200.00")
    assert money(analysis.net_cost) == Decimal("18800.00")


def test_the_worked_example_breaks_even_in_month_13_the_second_year(world):
    """R26, seed 003: ICM breaks even in its second year."""
    program = _worked_example(world)
    analysis = program_analysis(program, today=TODAY, horizon_years=2)
    savings = [money(p.savings) for p in analysis.curve]
    assert savings[:4] == [
        Decimal("666.67"),
        Decimal("2233.33"),
        Decimal("-3100.00"),
        Decimal("13066.67"),
    ]
    assert savings[8] == Decimal("93900.00")
    assert money(analysis.curve[11].savings) == Decimal("142400.00")
    assert money(analysis.curve[12].savings) == Decimal("158566.67")
    assert analysis.curve[12].cost == 156_000
    assert [p.observed for p in analysis.curve[8:10]] == [True, False]
    assert analysis.break_even_month == 13


def test_the_split_by_payer_adds_up_to_the_total(world):
    """R26: municipality, region and state as in the Danish SØM model."""
    program = _worked_example(world)
    analysis = program_analysis(program, today=TODAY)
    split = analysis.by_payer()
    assert {payer: money(parts["net"]) for payer, parts in split.items()} == {
        Payer.MUNICIPALITY: Decimal("101000.00"),
        Payer.REGION: Decimal("-39200.00"),
        Payer.STATE: Decimal("-43000.00"),
    }
    assert sum(parts["net"] for parts in split.values()) == analysis.net_cost
    assert sum(parts["savings"] for parts in split.values()) == analysis.savings
    assert sum(parts["program"] for parts in split.values()) == analysis.program_cost


def test_a_shorter_horizon_does_not_reach_break_even(world):
    program = _worked_example(world)
    analysis = program_analysis(program, today=TODAY, horizon_years=1)
    assert len(analysis.curve) == 12
    assert analysis.break_even_month is None


def test_a_scenario_reduction_replaces_the_records_of_that_kind(world):
    """With shelter use assumed 50 % lower, shelter since = 146 nights a person-year."""
    program = _worked_example(world)
    analysis = program_analysis(
        program, today=TODAY, reductions={CostKind.SHELTER_NIGHT: Fraction(1, 2)}
    )
    row = next(r for r in analysis.rows if r.kind == CostKind.SHELTER_NIGHT)
    assert row.assumed and row.after == 146
    # since: 146·500 + 8,000 + 800 = 81,800; savings 194,000 − 81,800 = 112,200.
    assert money(analysis.net_cost) == Decimal("31800.00")


def test_a_scenario_price_overrides_the_unit_cost_without_saving_it(world):
    program = _worked_example(world)
    analysis = program_analysis(
        program, today=TODAY, price_overrides={CostKind.PROGRAM: Decimal("100000")}
    )
    assert money(analysis.net_cost) == Decimal("-25200.00")
    assert current_prices(program, year=2026)[CostKind.PROGRAM].amount == 144_000


def test_dont_know_is_left_out_of_the_average_not_counted_as_zero():
    rates = before_rates(
        [
            Before(365, {CostKind.EMERGENCY_VISIT: 6}),
            Before(365, {CostKind.EMERGENCY_VISIT: None}),
        ]
    )
    assert rates[CostKind.EMERGENCY_VISIT] == 6
    assert rates[CostKind.SHELTER_NIGHT] is None


def test_six_months_before_are_annualised_to_a_person_year():
    rates = before_rates([Before(181, {CostKind.SHELTER_NIGHT: 181})])
    assert rates[CostKind.SHELTER_NIGHT] == 365


def test_a_kind_without_a_price_is_not_counted():
    one = Price(Fraction(1200), {Payer.MUNICIPALITY: Fraction(1), Payer.REGION: 0, Payer.STATE: 0})
    analysis = analyse(
        prices={CostKind.PROGRAM: one},
        before=[Before(365, {CostKind.SHELTER_NIGHT: 100})],
        months=[Month(persons=1)],
        horizon_months=12,
    )
    assert not analysis.complete
    assert analysis.savings == 0


def test_nothing_observed_and_nothing_assumed_claims_no_saving():
    one = Price(Fraction(1), {Payer.MUNICIPALITY: Fraction(1), Payer.REGION: 0, Payer.STATE: 0})
    analysis = analyse(
        prices={CostKind.PROGRAM: one, CostKind.SHELTER_NIGHT: one},
        before=[Before(365, {CostKind.SHELTER_NIGHT: 365})],
        months=[],
        horizon_months=3,
    )
    assert [p.savings for p in analysis.curve] == [0, 0, 0]
    assert analysis.break_even_month is None


def test_the_price_of_the_year_is_used_and_older_years_stay(world):
    program = world.icm_team.program
    make_unit_cost(program, by=world.pam, kind=CostKind.SHELTER_NIGHT, amount=400, year=2024)
    make_unit_cost(program, by=world.pam, kind=CostKind.SHELTER_NIGHT, amount=450, year=2025)
    make_unit_cost(program, by=world.pam, kind=CostKind.SHELTER_NIGHT, amount=999, year=2027)
    assert current_prices(program, year=2026)[CostKind.SHELTER_NIGHT].amount == 450
    assert current_prices(program, year=2024)[CostKind.SHELTER_NIGHT].amount == 400


def test_the_programs_own_price_comes_before_the_organisations(world):
    program = world.icm_team.program
    make_unit_cost(program, by=world.pam, amount=100, year=2026)
    make_unit_cost(program, by=world.pam, amount=200, year=2026, organisation_wide=False)
    other = world.act_team.program
    assert current_prices(program, year=2026)[CostKind.PROGRAM].amount == 200
    assert current_prices(other, year=2026)[CostKind.PROGRAM].amount == 100


def test_months_are_counted_whole_from_enrolment():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert full_months(date(2026, 1, 1), date(2026, 10, 1)) == 9
    assert full_months(date(2026, 1, 15), date(2026, 2, 14)) == 0
    assert full_months(date(2026, 1, 15), date(2026, 2, 15)) == 1


def test_the_scenario_accepts_empty_input():
    form = ScenarioForm({})
    assert form.is_valid()
    assert form.horizon_years() == 2 and form.reductions() == {} and form.price_overrides() == {}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"years": "0"}, "years"),
        ({"years": "11"}, "years"),
        ({"years": "two"}, "years"),
        ({"price_program": "-5"}, "price_program"),
        ({"reduce_shelter_night": "150"}, "reduce_shelter_night"),
        ({"reduce_shelter_night": "lots"}, "reduce_shelter_night"),
    ],
)
def test_the_scenario_refuses_bad_input_beside_the_field(data, field):
    form = ScenarioForm(data)
    assert not form.is_valid()
    assert list(form.errors) == [field]
