"""Caseload ratios, live against the program's standard (R4, R23)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cases.caseload import team_gauges, worker_gauges
from cases.lifecycle import OverStandard
from cases.models import CaseloadOverride
from hearth import testing as t
from people.models import Person
from programs.models import Country, ServiceModel
from programs.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def danish_team():
    org = t.make_organisation(country=Country.DENMARK, language="da")
    team = t.make_team(program=t.make_program(organisation=org, model=ServiceModel.ICM))
    worker = t.make_user(username="mette")
    t.add_member(worker, team=team)
    for _ in range(8):
        t.make_case(team=team, by=worker, primary=worker)
    return team, worker


def test_a_danish_worker_with_eight_persons_is_at_the_standard(danish_team):
    team, worker = danish_team
    gauge = worker_gauges([team])[worker.pk]
    assert (gauge.count, gauge.capacity, gauge.state, gauge.free) == (8, 8, "near", 0)


def test_a_ninth_person_needs_an_explicit_confirmation(danish_team):
    team, worker = danish_team
    with pytest.raises(OverStandard) as error:
        t.make_case(team=team, by=worker, primary=worker)
    assert error.value.gauge.count == 9
    assert Person.objects.filter(organisation=team.program.organisation).count() == 8 + 1
    # The person row of the refused attempt exists only because the factory made it first;
    # the case itself was not opened.
    assert worker.primary_cases.count() == 8


def test_a_confirmed_assignment_above_the_standard_is_recorded(danish_team):
    team, worker = danish_team
    case = t.make_case(team=team, by=worker, primary=worker, confirm=True)
    override = CaseloadOverride.objects.get()
    assert (override.case, override.worker, override.caseload_after) == (case, worker, 9)
    assert worker_gauges([team])[worker.pk].state == "over"


def test_a_half_time_worker_has_half_the_capacity():
    team = t.make_team(program=t.make_program(model=ServiceModel.ICM))
    worker = t.make_user()
    t.add_member(worker, team=team, fte=0.5)
    assert worker_gauges([team])[worker.pk].capacity == Decimal("10.0")


def test_an_act_team_ratio_counts_every_member_but_the_psychiatrist(world):
    gauge = team_gauges([world.act_team])[world.act_team.pk]
    # bob (nurse, 1 FTE) counts; the psychiatrist (0.5 FTE) does not: 1 × 10 persons.
    assert gauge.capacity == 10
    assert gauge.count == 1


def test_a_departed_worker_no_longer_counts(world):
    from datetime import timedelta

    from django.utils import timezone

    leaver = t.make_user()
    t.add_member(
        leaver,
        role=Role.PEER_WORKER,
        team=world.act_team,
        end_date=timezone.localdate() - timedelta(days=1),
    )
    assert team_gauges([world.act_team])[world.act_team.pk].capacity == 10


def test_the_open_case_page_warns_and_needs_confirmation_above_the_standard(client, danish_team):
    team, worker = danish_team
    client.force_login(worker)
    data = {
        "p-given_name": "Niende",
        "p-family_name": "Borger",
        "c-team": team.pk,
        "c-opened_on": "2026-11-01",
        "c-target_group": "homeless",
        "c-intake_situation": "101",
        "c-primary_worker": worker.pk,
        "t-TOTAL_FORMS": "0",
        "t-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("cases:open"), data)
    assert response.status_code == 200
    assert "Above the standard" in response.content.decode()
    assert not Person.objects.filter(given_name="Niende").exists()

    response = client.post(
        reverse("cases:open"),
        data | {"c-confirm_over_standard": "on", "c-override_reason": "Colleague on leave"},
    )
    assert response.status_code == 302
    assert CaseloadOverride.objects.get().reason == "Colleague on leave"


def test_the_api_refuses_above_the_standard_without_confirmation(client, danish_team):
    team, worker = danish_team
    client.force_login(worker)
    body = {
        "given_name": "Api",
        "family_name": "Borger",
        "team": team.pk,
        "target_group": "homeless",
        "intake_situation": 116,
        "primary_worker": worker.pk,
    }
    response = client.post(reverse("person-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert "confirm_over_standard" in response.json()
    assert not Person.objects.filter(given_name="Api").exists()


def test_the_team_caseload_shows_the_ratio_gauge(client, world):
    client.force_login(world.bob)
    response = client.get(reverse("cases:team_caseload", args=[world.act_team.pk]))
    assert response.context["gauge"].capacity == 10
    assert "Acacia" in response.content.decode()


def test_the_worker_is_warned_when_a_new_case_brings_them_near_the_standard(client, world):
    team = world.icm_team
    team.program.persons_per_worker = 3
    team.program.save()
    t.make_case(team=team, by=world.alice, primary=world.alice)  # alice: 2 of 3
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:open"),
        {
            "p-given_name": "Third",
            "p-family_name": "Person",
            "c-team": team.pk,
            "c-opened_on": "2026-11-01",
            "c-target_group": "homeless",
            "c-intake_situation": "116",
            "c-primary_worker": world.alice.pk,
            "t-TOTAL_FORMS": "0",
            "t-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert "now holds 3 persons for a capacity of 3" in response.content.decode()


def _reader(user, language):
    user.language = language
    user.save(update_fields=["language"])


@pytest.mark.parametrize(
    ("language", "names", "expected"),
    [
        ("fr", ["Bouchard", "Zola", "Bélanger"], ["Bélanger", "Bouchard", "Zola"]),
        ("da", ["Østergaard", "Aagaard", "Zahle"], ["Zahle", "Østergaard", "Aagaard"]),
    ],
)
def test_the_caseload_lists_names_in_the_readers_alphabetical_order(
    client, world, language, names, expected
):
    for name in names:
        t.make_case(team=world.icm_team, by=world.alice, primary=world.alice, family_name=name)
    _reader(world.alice, language)
    client.force_login(world.alice)
    body = client.get(reverse("cases:my_caseload")).content.decode()
    assert sorted(expected, key=body.index) == expected
