"""The housing API: same reach as the pages, audited reads, 409 on a stale update."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case
from housing.models import Answer, HousingSearch
from housing.testing import make_provider, make_search, make_unit

pytestmark = pytest.mark.django_db


def test_only_supply_editors_add_a_provider_through_the_api(client, world):
    org = world.icm_team.program.organisation
    body = {"organisation": org.pk, "name": "Harbour Homes", "kind": "association"}
    client.force_login(world.alice)
    assert client.post(reverse("housing_provider-list"), body).status_code == 400
    client.force_login(world.pam)
    assert client.post(reverse("housing_provider-list"), body).status_code == 201


def test_a_stale_unit_update_answers_409(client, world):
    unit = make_unit(make_provider(world.icm_team.program.organisation))
    client.force_login(world.dora)
    url = reverse("housing_unit-detail", args=[unit.pk])
    ok = client.patch(url, {"version": 0, "rooms": 2}, content_type="application/json")
    assert ok.status_code == 200
    stale = client.patch(url, {"version": 0, "rooms": 4}, content_type="application/json")
    assert stale.status_code == 409
    unit.refresh_from_db()
    assert unit.rooms == 2


def test_the_outsider_sees_no_unit_of_another_organisation(client, world):
    make_unit(make_provider(world.icm_team.program.organisation))
    client.force_login(world.oscar)
    assert client.get(reverse("housing_unit-list")).json()["results"] == []


def test_reading_a_search_through_the_api_is_audited(client, world):
    search = make_search(Case.objects.get(person=world.p_icm))
    client.force_login(world.alice)
    response = client.get(reverse("housing_search-detail", args=[search.pk]))
    assert response.json()["person"] == world.p_icm.pk
    assert AuditEvent.objects.filter(
        object_type="housing.HousingSearch", person_id=world.p_icm.pk, channel="api"
    ).exists()


def test_an_offer_is_made_and_answered_through_the_api(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    response = client.post(
        reverse("housing_search-list"),
        {"case": case.pk, "opened_on": timezone.localdate().isoformat(), "reason": "first_home"},
    )
    assert response.status_code == 201, response.json()
    search = HousingSearch.objects.get(case=case)
    unit = make_unit(make_provider(case.program.organisation))
    response = client.post(
        reverse("housing_offer-list"),
        {"search": search.pk, "unit": unit.pk, "offered_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 201, response.json()
    offer = search.offers.get()
    url = reverse("housing_offer-detail", args=[offer.pk])
    body = {
        "version": offer.version,
        "answer": Answer.REFUSED_BY_PERSON,
        "answered_on": timezone.localdate().isoformat(),
        "reason": "Too far from the clinic I trust",
    }
    assert client.patch(url, body, content_type="application/json").status_code == 200
    assert client.patch(url, body, content_type="application/json").status_code == 409
    offer.refresh_from_db()
    assert offer.answer == Answer.REFUSED_BY_PERSON


def test_an_unknown_field_is_refused_rather_than_dropped(client, world):
    search = make_search(Case.objects.get(person=world.p_icm))
    client.force_login(world.alice)
    response = client.patch(
        reverse("housing_search-detail", args=[search.pk]),
        {"version": 0, "must_stay_sober": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "no condition of sobriety" in response.json()["non_field_errors"][0]
