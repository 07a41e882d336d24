"""The housing supply (R24): providers, cooperation agreements and units, seen by the
organisation's staff, edited by its team leads, program managers and data administrators."""

from datetime import date

import pytest
from django.urls import reverse

from housing.models import Unit, UnitStatus, UnitType
from housing.testing import make_provider, make_unit

pytestmark = pytest.mark.django_db


def _unit_post(unit: Unit, **changes) -> dict:
    data = {
        "address": unit.address,
        "area": unit.area,
        "unit_type": unit.unit_type,
        "rooms": unit.rooms,
        "rent": str(unit.rent),
        "accessibility_note": "",
        "status": unit.status,
        "note": "",
        "version": unit.version,
    }
    data.update(changes)
    return data


def test_a_worker_of_another_organisation_gets_a_404_for_the_supply(client, world):
    provider = make_provider(world.icm_team.program.organisation)
    unit = make_unit(provider)
    client.force_login(world.oscar)
    assert client.get(reverse("housing:provider", args=[provider.pk])).status_code == 404
    assert client.get(reverse("housing:unit_edit", args=[unit.pk])).status_code == 404
    assert unit.address not in client.get(reverse("housing:supply")).content.decode()


def test_a_case_manager_reads_the_supply_but_cannot_edit_it(client, world):
    provider = make_provider(world.icm_team.program.organisation)
    unit = make_unit(provider, address="7 Birch Road")
    client.force_login(world.alice)
    assert "7 Birch Road" in client.get(reverse("housing:supply")).content.decode()
    assert client.get(reverse("housing:provider", args=[provider.pk])).status_code == 200
    response = client.post(reverse("housing:unit_edit", args=[unit.pk]), _unit_post(unit))
    assert response.status_code == 403
    assert client.post(reverse("housing:provider_add"), {"name": "X"}).status_code == 403


@pytest.mark.parametrize("editor", ["tina", "pam", "dora"])
def test_team_leads_program_managers_and_data_administrators_edit_the_supply(client, world, editor):
    provider = make_provider(world.icm_team.program.organisation)
    unit = make_unit(provider)
    client.force_login(getattr(world, editor))
    response = client.post(reverse("housing:unit_edit", args=[unit.pk]), _unit_post(unit, rooms=2))
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.rooms == 2


def test_a_stale_edit_of_a_unit_is_refused(client, world):
    unit = make_unit(make_provider(world.icm_team.program.organisation))
    client.force_login(world.tina)
    stale = _unit_post(unit, rooms=3)
    client.post(reverse("housing:unit_edit", args=[unit.pk]), _unit_post(unit, rooms=2))
    response = client.post(reverse("housing:unit_edit", args=[unit.pk]), stale)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    unit.refresh_from_db()
    assert unit.rooms == 2


def test_an_agreement_cannot_end_before_it_starts(client, world):
    provider = make_provider(world.icm_team.program.organisation)
    client.force_login(world.dora)
    response = client.post(
        reverse("housing:agreement_add", args=[provider.pk]),
        {"homes": 10, "starts_on": "2026-01-01", "ends_on": "2025-01-01"},
    )
    assert "“Ends on” cannot be before “Starts on”." in response.content.decode()
    assert not provider.agreements.exists()


def test_a_lead_adds_a_provider_an_agreement_and_a_unit(client, world):
    client.force_login(world.tina)
    client.post(reverse("housing:provider_add"), {"name": "Maple Co-op", "kind": "association"})
    provider = world.icm_team.program.organisation.housing_providers.get()
    client.post(
        reverse("housing:agreement_add", args=[provider.pk]),
        {"homes": 12, "starts_on": date(2025, 1, 1).isoformat()},
    )
    client.post(
        reverse("housing:unit_add", args=[provider.pk]),
        {
            "address": "3 Maple Lane",
            "area": "East End",
            "unit_type": UnitType.SCATTERED,
            "rooms": 1,
            "rent": "875.50",
            "accessibility": ["step_free", "lift"],
            "status": UnitStatus.AVAILABLE,
            "version": 0,
        },
    )
    assert provider.agreements.get().homes == 12
    unit = provider.units.get()
    assert unit.accessibility == ["step_free", "lift"]
    page = client.get(reverse("housing:provider", args=[provider.pk])).content.decode()
    assert "3 Maple Lane" in page and "$875.50" in page


def test_the_supply_list_filters_by_area_type_status_and_rooms(client, world):
    provider = make_provider(world.icm_team.program.organisation)
    # Addresses no CSRF token or page text can contain by chance.
    make_unit(provider, address="11 Alder Lane", area="North", rooms=1)
    make_unit(
        provider, address="22 Birch Road", area="South", rooms=2, unit_type=UnitType.CONGREGATE
    )
    make_unit(provider, address="33 Cedar Court", area="South", rooms=3, status=UnitStatus.OCCUPIED)
    client.force_login(world.alice)
    page = client.get(
        reverse("housing:supply"), {"area": "south", "rooms": 2, "status": "available"}
    ).content.decode()
    assert "22 Birch Road" in page
    assert "11 Alder Lane" not in page and "33 Cedar Court" not in page
    page = client.get(reverse("housing:supply"), {"unit_type": "congregate"}).content.decode()
    assert "22 Birch Road" in page and "11 Alder Lane" not in page


def test_the_supply_list_takes_the_same_queries_for_3_or_30_units(
    client, world, django_assert_num_queries
):
    provider = make_provider(world.icm_team.program.organisation)
    other = make_provider(world.icm_team.program.organisation, name="Second")
    for n in range(3):
        make_unit(provider, address=f"{n} First Street")
    client.force_login(world.alice)
    url = reverse("housing:supply")
    client.get(url)  # session and language warm-up
    with django_assert_num_queries(SUPPLY_QUERIES):
        client.get(url)
    for n in range(27):
        make_unit(other, address=f"{n} Second Street")
    with django_assert_num_queries(SUPPLY_QUERIES):
        assert client.get(url).content.decode().count("Second Street") == 27


SUPPLY_QUERIES = 8
