"""The economics page and the service-use form: who reaches them (R26, R35), what they save,
what they audit, and the number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from economics.models import CostKind, ServiceUse, UnitCost
from economics.testing import make_before, make_unit_cost
from hearth import testing as t
from housing.models import LivingSituation
from housing.situations import Situation

pytestmark = pytest.mark.django_db


def _url(world) -> str:
    return reverse("economics:program", args=[world.icm_team.program_id])


def _service_use_url(world) -> str:
    return reverse("economics:service_use", args=[world.p_icm.cases.get().pk])


@pytest.mark.parametrize("actor", ["pam", "dora", "tina"])
def test_managers_data_administrators_and_team_leads_open_the_page(client, world, actor):
    client.force_login(getattr(world, actor))
    assert client.get(_url(world)).status_code == 200


@pytest.mark.parametrize("actor", ["oscar", "alice", "bob"])
def test_outsiders_and_workers_get_404(client, world, actor):
    """Another organisation's worker, and workers who do not lead a team of the program."""
    client.force_login(getattr(world, actor))
    assert client.get(_url(world)).status_code == 404


def test_a_program_manager_adds_a_price(client, world):
    client.force_login(world.pam)
    response = client.post(
        _url(world),
        {
            "kind": CostKind.SHELTER_NIGHT,
            "amount": "612.50",
            "year": "2026",
            "source": "Kommunens takst",
            "municipality_share": "50",
            "region_share": "0",
            "state_share": "50",
        },
    )
    assert response.status_code == 302
    cost = UnitCost.objects.get()
    assert cost.organisation == world.icm_team.program.organisation
    assert cost.program is None and cost.recorded_by == world.pam


def test_shares_that_do_not_add_up_to_100_are_refused_and_nothing_is_saved(client, world):
    client.force_login(world.dora)
    response = client.post(
        _url(world),
        {
            "kind": CostKind.PROGRAM,
            "amount": "100",
            "year": "2026",
            "source": "Budget",
            "municipality_share": "60",
            "region_share": "0",
            "state_share": "30",
        },
    )
    assert response.status_code == 200
    assert "add up to 100" in response.content.decode()
    assert not UnitCost.objects.exists()


def test_a_second_price_for_the_same_year_is_refused_beside_the_year(client, world):
    make_unit_cost(world.icm_team.program, by=world.pam, year=2026)
    client.force_login(world.pam)
    response = client.post(
        _url(world),
        {
            "kind": CostKind.PROGRAM,
            "amount": "100",
            "year": "2026",
            "source": "Budget",
            "municipality_share": "100",
            "region_share": "0",
            "state_share": "0",
        },
    )
    assert response.status_code == 200
    assert "edit it instead" in response.content.decode()
    assert UnitCost.objects.count() == 1


def test_a_new_years_price_is_a_new_row_and_the_old_stays(client, world):
    make_unit_cost(world.icm_team.program, by=world.pam, year=2025, amount=90)
    client.force_login(world.pam)
    client.post(
        _url(world),
        {
            "kind": CostKind.PROGRAM,
            "amount": "100",
            "year": "2026",
            "source": "Budget",
            "municipality_share": "100",
            "region_share": "0",
            "state_share": "0",
        },
    )
    assert sorted(UnitCost.objects.values_list("year", "amount")) == [(2025, 90), (2026, 100)]


def test_a_price_year_is_written_as_a_year_not_a_number(client, world):
    make_unit_cost(world.icm_team.program, by=world.pam, year=2025, amount=90)
    client.force_login(world.pam)
    content = client.get(_url(world)).content.decode()
    assert ">2025</td>" in content
    assert "2,025" not in content


def test_a_stale_price_edit_is_refused(client, world):
    cost = make_unit_cost(world.icm_team.program, by=world.pam, amount=100)
    cost.amount = 120
    cost.version = 1
    cost.save()
    client.force_login(world.pam)
    response = client.post(
        _url(world),
        {
            "cost": cost.pk,
            "version": "0",
            "kind": CostKind.PROGRAM,
            "amount": "150",
            "year": "2026",
            "source": "Budget",
            "municipality_share": "100",
            "region_share": "0",
            "state_share": "0",
        },
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    cost.refresh_from_db()
    assert cost.amount == 120


def test_a_team_lead_reads_but_cannot_change_prices(client, world):
    client.force_login(world.tina)
    response = client.post(
        _url(world),
        {"kind": CostKind.PROGRAM, "amount": "1", "year": "2026", "source": "x"},
    )
    assert response.status_code == 302
    assert not UnitCost.objects.exists()


def test_a_bad_scenario_is_explained_and_the_records_are_shown(client, world):
    client.force_login(world.pam)
    response = client.get(_url(world), {"years": "40", "reduce_shelter_night": "120"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "less than or equal to 10" in body
    assert "A reduction is at most 100 %." in body


def test_the_page_shows_the_method_card_and_the_break_even(client, world):
    program = world.icm_team.program
    make_unit_cost(program, by=world.pam, amount=12_000)
    make_unit_cost(program, by=world.pam, kind=CostKind.SHELTER_NIGHT, amount=100)
    case = world.p_icm.cases.get()
    make_before(case, by=world.alice, shelter_nights=365)
    client.force_login(world.pam)
    # Nothing observed yet: the scenario assumes shelter use falls by 80 %: 29,200 saved a
    # year against 12,000 → 2,433.33 against 1,000 a month: break-even in month 1.
    response = client.get(_url(world), {"reduce_shelter_night": "80"})
    body = response.content.decode()
    assert "SØM" in body and "What is left out" in body
    assert "month 1 after enrolment" in body
    assert "<svg" in body and "<table" in body


def _cohort(world, n: int) -> None:
    program = world.icm_team.program
    start = timezone.localdate() - timedelta(days=400)
    for _ in range(n):
        case = t.make_case(team=world.icm_team, by=world.alice, opened_on=start, intake=101)
        make_before(case, by=world.alice, shelter_nights=200, emergency_visits=None)
        LivingSituation.objects.create(
            person=case.person,
            code=Situation.RENTAL_SUBSIDY,
            started_on=start + timedelta(days=60),
            recorded_by=world.alice,
        )
    make_unit_cost(program, by=world.pam, amount=50_000)
    make_unit_cost(program, by=world.pam, kind=CostKind.SHELTER_NIGHT, amount=400)


@pytest.mark.parametrize("persons", [5, 50])
def test_the_page_makes_the_same_number_of_queries_for_5_and_50_persons(
    client, world, persons, django_assert_num_queries
):
    _cohort(world, persons)
    client.force_login(world.pam)
    with django_assert_num_queries(13):
        response = client.get(_url(world))
    assert response.status_code == 200


def test_the_case_team_records_service_use_before_enrolment(client, world):
    client.force_login(world.alice)
    case = world.p_icm.cases.get()
    response = client.post(
        _service_use_url(world),
        {
            "form": "before",
            "months": "6",
            "shelter_nights": "120",
            "psychiatric_days": "",
            "emergency_visits": "3",
            "answered_by": "person",
            "answered_on": timezone.localdate().isoformat(),
            "version": "0",
        },
    )
    assert response.status_code == 302
    record = ServiceUse.objects.get()
    assert record.period == "before" and record.ends_on == case.opened_on
    assert record.days in (181, 182, 183, 184)
    assert record.psychiatric_days is None  # don't know
    assert AuditEvent.objects.filter(
        action="create", object_type="economics.ServiceUse", person_id=world.p_icm.pk
    ).exists()


def test_more_nights_than_days_are_refused(client, world):
    client.force_login(world.alice)
    response = client.post(
        _service_use_url(world),
        {
            "form": "before",
            "months": "6",
            "shelter_nights": "400",
            "answered_by": "person",
            "answered_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "More nights than the 18" in response.content.decode()  # 181–184 days in 6 months
    assert not ServiceUse.objects.exists()


def test_a_since_record_cannot_start_before_enrolment(client, world):
    client.force_login(world.alice)
    case = world.p_icm.cases.get()
    response = client.post(
        _service_use_url(world),
        {
            "form": "since",
            "starts_on": (case.opened_on - timedelta(days=5)).isoformat(),
            "ends_on": case.opened_on.isoformat(),
            "ambulance_trips": "1",
            "answered_by": "worker",
            "answered_on": timezone.localdate().isoformat(),
        },
    )
    assert "The period starts at enrolment or later." in response.content.decode()
    assert not ServiceUse.objects.exists()


def test_reading_service_use_is_audited(client, world):
    case = world.p_icm.cases.get()
    make_before(case, by=world.alice, shelter_nights=10)
    client.force_login(world.alice)
    assert client.get(_service_use_url(world)).status_code == 200
    assert AuditEvent.objects.filter(
        action="view", object_type="economics.ServiceUse", person_id=world.p_icm.pk
    ).exists()


@pytest.mark.parametrize("actor", ["oscar", "carl_like", "bob"])
def test_service_use_is_for_the_cases_own_team_only(client, world, actor):
    """An outsider, a worker of another team of the program, a worker of another program."""
    user = getattr(world, actor, None)
    if user is None:
        user = t.make_user()
        t.add_member(user, team=world.icm_team_b)
    client.force_login(user)
    assert client.get(_service_use_url(world)).status_code == 404
    assert client.post(_service_use_url(world), {"form": "before"}).status_code == 404


def test_the_program_detail_links_to_the_page(client, world):
    client.force_login(world.pam)
    response = client.get(reverse("programs:detail", args=[world.icm_team.program_id]))
    assert _url(world) in response.content.decode()


def test_unit_costs_round_trip_the_decimal_amount(world):
    cost = make_unit_cost(world.icm_team.program, by=world.pam, amount="1234.56")
    cost.refresh_from_db()
    assert str(cost.amount) == "1234.56"
    assert date.today().year >= 2026


def test_the_person_section_shows_the_own_teams_cases_in_two_queries(
    rf, world, django_assert_num_queries
):
    from cases.models import Case
    from economics.sections import person_section

    case = world.p_icm.cases.get()
    make_before(case, by=world.alice, shelter_nights=5)
    request = rf.get("/")
    request.user = world.alice
    cases = list(Case.objects.filter(person=world.p_icm))
    with django_assert_num_queries(2):
        section = person_section(request, world.p_icm, cases)
    assert section["rows"] == [(case, True)]
    request.user = world.pam  # a program manager is not in the team: no form from here
    assert person_section(request, world.p_icm, cases)["rows"] == []
