"""The economics API (R26): unit costs scoped to the organisation, service use as a person's
audited record, the analysis read-only with the page's access rule."""

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from economics.models import CostKind, ServiceUse, UnitCost
from economics.testing import make_before, make_unit_cost

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_unit_costs_are_listed_for_the_organisations_staff_only(client, world):
    make_unit_cost(world.icm_team.program, by=world.pam)
    client.force_login(world.alice)
    assert len(client.get(f"{API}/economics-unit-costs/").json()["results"]) == 1
    client.force_login(world.oscar)
    assert client.get(f"{API}/economics-unit-costs/").json()["results"] == []


def test_a_case_manager_cannot_set_a_price(client, world):
    client.force_login(world.alice)
    response = client.post(
        f"{API}/economics-unit-costs/",
        {"kind": CostKind.PROGRAM, "amount": "10", "year": 2026, "source": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not UnitCost.objects.exists()


def test_a_program_manager_sets_a_price_and_a_stale_update_gets_409(client, world):
    client.force_login(world.pam)
    created = client.post(
        f"{API}/economics-unit-costs/",
        {
            "program": world.icm_team.program_id,
            "kind": CostKind.SHELTER_NIGHT,
            "amount": "450.00",
            "year": 2026,
            "source": "Takst",
            "municipality_share": "50",
            "region_share": "0",
            "state_share": "50",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    ok = client.patch(
        f"{API}/economics-unit-costs/{pk}/",
        {"amount": "460.00", "version": 0},
        content_type="application/json",
    )
    assert ok.status_code == 200
    stale = client.patch(
        f"{API}/economics-unit-costs/{pk}/",
        {"amount": "470.00", "version": 0},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert UnitCost.objects.get().amount == 460


def test_shares_must_add_up_in_the_api_too(client, world):
    client.force_login(world.pam)
    response = client.post(
        f"{API}/economics-unit-costs/",
        {
            "program": world.icm_team.program_id,
            "kind": CostKind.PROGRAM,
            "amount": "1",
            "year": 2026,
            "source": "x",
            "municipality_share": "50",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "municipality_share" in response.json()


def test_service_use_is_created_by_the_team_and_audited(client, world):
    case = world.p_icm.cases.get()
    client.force_login(world.alice)
    response = client.post(
        f"{API}/service-use/",
        {
            "case": case.pk,
            "period": "before",
            "months": 12,
            "shelter_nights": 100,
            "answered_by": "person",
            "answered_on": timezone.localdate().isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    record = ServiceUse.objects.get()
    assert record.ends_on == case.opened_on and record.days in (365, 366)
    assert AuditEvent.objects.filter(action="create", person_id=world.p_icm.pk).exists()
    client.get(f"{API}/service-use/{record.pk}/")
    assert AuditEvent.objects.filter(
        action="view", object_type="economics.ServiceUse", person_id=world.p_icm.pk
    ).exists()


def test_service_use_out_of_reach_is_404_and_not_listed(client, world):
    record = make_before(world.p_icm.cases.get(), by=world.alice, shelter_nights=3)
    for actor in (world.oscar, world.bob):
        client.force_login(actor)
        assert client.get(f"{API}/service-use/{record.pk}/").status_code == 404
        assert client.get(f"{API}/service-use/").json()["results"] == []


def test_the_analysis_answers_managers_and_404_for_others(client, world):
    program = world.icm_team.program
    make_unit_cost(program, by=world.pam, amount=12_000)
    client.force_login(world.pam)
    response = client.get(f"{API}/economics-analysis/{program.pk}/", {"years": 3})
    assert response.status_code == 200
    assert len(response.json()["months"]) == 36
    assert client.get(f"{API}/economics-analysis/{program.pk}/", {"years": 0}).status_code == 400
    client.force_login(world.oscar)
    assert client.get(f"{API}/economics-analysis/{program.pk}/").status_code == 404


def test_a_second_price_of_a_kind_for_the_same_year_is_refused_in_words(client, world):
    make_unit_cost(world.icm_team.program, by=world.pam)
    client.force_login(world.pam)
    body = {"kind": CostKind.PROGRAM, "amount": "120", "year": 2026, "source": "Again"}
    response = client.post(f"{API}/economics-unit-costs/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"year": [str(UnitCost.ONE_PRICE_A_YEAR)]}
    assert UnitCost.objects.count() == 1


def test_an_update_onto_another_years_price_is_refused_in_words(client, world):
    make_unit_cost(world.icm_team.program, by=world.pam, year=2025)
    cost = make_unit_cost(world.icm_team.program, by=world.pam, year=2026)
    client.force_login(world.pam)
    response = client.patch(
        f"{API}/economics-unit-costs/{cost.pk}/",
        {"year": 2025, "version": cost.version},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"year": [str(UnitCost.ONE_PRICE_A_YEAR)]}
    cost.refresh_from_db()
    assert cost.year == 2026
