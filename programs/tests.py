"""Programs, teams and staff: standards as data (R1, R23, R27)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth import testing as t
from programs.models import Country, CoveragePolicy, MeetingCadence, Membership, ServiceModel
from programs.roles import Role

pytestmark = pytest.mark.django_db


def test_a_canadian_icm_program_starts_from_20_persons_per_worker_and_7_by_12_coverage():
    program = t.make_program(model=ServiceModel.ICM)
    assert program.persons_per_worker == 20
    assert program.coverage_policy == CoveragePolicy.DAYS_7_HOURS_12
    assert program.time_unlimited


def test_a_danish_icm_program_starts_from_at_most_8_persons_per_worker():
    danish = t.make_organisation(country=Country.DENMARK, language="da")
    assert t.make_program(organisation=danish, model=ServiceModel.ICM).persons_per_worker == 8


def test_an_act_program_has_10_per_staff_member_24_7_and_daily_meetings():
    program = t.make_program(model=ServiceModel.ACT)
    assert program.persons_per_worker == 10
    assert program.coverage_policy == CoveragePolicy.ALWAYS
    assert program.meeting_cadence == MeetingCadence.DAILY


def test_a_team_role_needs_a_team():
    org = t.make_organisation()
    membership = Membership(user=t.make_user(), organisation=org, role=Role.NURSE)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "team" in error.value.message_dict


def test_a_membership_takes_its_program_and_organisation_from_its_team():
    team = t.make_team()
    membership = t.add_member(t.make_user(), team=team)
    assert membership.program == team.program
    assert membership.organisation == team.program.organisation


def test_a_program_manager_creates_a_program_with_the_models_defaults(client, world):
    client.force_login(world.dora)
    org = world.icm_team.program.organisation
    response = client.post(
        reverse("programs:program_create", args=[org.pk]),
        {"name": "North CTI", "model": "CTI", "time_unlimited": "", "weekly_visits_months": 3},
    )
    assert response.status_code == 302
    program = org.programs.get(name="North CTI")
    assert program.persons_per_worker == 8
    assert not program.time_unlimited


def test_a_case_manager_cannot_open_the_management_pages(client, world):
    client.force_login(world.alice)
    assert client.get(reverse("programs:manage")).status_code == 403


def test_a_program_manager_cannot_appoint_a_data_administrator(client, world):
    client.force_login(world.pam)
    org = world.icm_team.program.organisation
    response = client.post(
        reverse("programs:staff_create", args=[org.pk]),
        {
            "u-username": "newadmin",
            "u-first_name": "New",
            "u-last_name": "Admin",
            "u-password": "a long enough passphrase",
            "m-role": Role.DATA_ADMINISTRATOR,
            "m-fte": "1",
            "m-start_date": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__username="newadmin").exists()


def test_the_program_page_shows_each_workers_caseload_against_the_standard(client, world):
    client.force_login(world.tina)
    response = client.get(reverse("programs:detail", args=[world.icm_team.program_id]))
    assert response.status_code == 200
    gauges = response.context["worker_gauges"]
    assert gauges[world.alice.pk].count == 1
    assert gauges[world.alice.pk].capacity == 20


def test_a_data_administrator_adds_a_staff_member_with_their_first_role(client, world):
    world.dora.language = "fr"  # and writes a half FTE the French way: 0,5
    world.dora.save()
    client.force_login(world.dora)
    org = world.icm_team.program.organisation
    response = client.post(
        reverse("programs:staff_create", args=[org.pk]),
        {
            "u-username": "newnurse",
            "u-first_name": "Nina",
            "u-last_name": "Nurse",
            "u-password": "a long enough passphrase",
            "u-language": "fr",
            "m-role": Role.NURSE,
            "m-team": world.act_team.pk,
            "m-fte": "0,5",
            "m-start_date": "2026-01-05",
        },
    )
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["forms"]
    ]
    membership = Membership.objects.get(user__username="newnurse")
    assert (membership.team, str(membership.fte), membership.program) == (
        world.act_team,
        "0.50",
        world.act_team.program,
    )


def test_a_weak_first_password_is_refused_and_nobody_is_created(client, world):
    client.force_login(world.dora)
    org = world.icm_team.program.organisation
    response = client.post(
        reverse("programs:staff_create", args=[org.pk]),
        {
            "u-username": "weak",
            "u-first_name": "W",
            "u-last_name": "K",
            "u-password": "123",
            "m-role": Role.NURSE,
            "m-team": world.act_team.pk,
            "m-fte": "1",
            "m-start_date": "2026-01-05",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__username="weak").exists()


def test_ending_a_membership_takes_the_worker_out_of_the_ratio(client, world):
    from cases.caseload import worker_gauges

    membership = Membership.objects.get(user=world.alice)
    client.force_login(world.tina)  # a team lead does not manage staff
    url = reverse("programs:membership_edit", args=[membership.pk])
    assert client.get(url).status_code == 403
    client.force_login(world.pam)
    response = client.post(
        url,
        {
            "role": Role.CASE_MANAGER,
            "team": world.icm_team.pk,
            "fte": "1",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        },
    )
    assert response.status_code == 302
    assert world.alice.pk not in worker_gauges([world.icm_team])


def test_another_organisations_administrator_cannot_manage_these_teams(client, world):
    client.force_login(world.oscar)
    assert client.get(reverse("programs:team_edit", args=[world.icm_team.pk])).status_code == 403
