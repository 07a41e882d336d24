"""The case lifecycle and the Housing First rules (R5, R7, R8, R18, R20)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import move_in, record_living_situation, transfer_case
from cases.models import Case, ReadinessRecord, Stage, StageChange
from hearth import testing as t
from hearth.concurrency import StaleEdit
from housing.situations import Situation
from programs.models import ServiceModel

pytestmark = pytest.mark.django_db
TODAY = date.today()  # the world is made today (noon UTC, conftest._midday)


def ready(**overrides) -> ReadinessRecord:
    fields = {
        "feels_ready": "ready",
        "person_words": "I have my job and my sister again.",
        "income": "stable",
        "social_support": "strong",
        "substances": "managing",
    }
    return ReadinessRecord(**(fields | overrides))


@pytest.fixture
def case(world) -> Case:
    return Case.objects.get(person=world.p_icm)


@pytest.fixture
def old_case(world) -> Case:
    """A case opened 400 days ago: moves and losses happen after it opened."""
    return t.make_case(
        team=world.icm_team,
        by=world.alice,
        primary=world.alice,
        opened_on=TODAY - timedelta(days=400),
    )


def test_opening_records_the_intake_situation_and_a_signed_first_step(case, world):
    assert case.stage == Stage.OPENING
    change = case.stage_changes.get()
    assert (change.to_stage, change.by) == (Stage.OPENING, world.alice)
    assert world.p_icm.living_situations.get().code == Situation.NOT_MEANT_FOR_HABITATION


def test_active_support_starts_at_move_in(case, world):
    move_in(case, by=world.alice, on=TODAY, code=Situation.RENTAL_SUBSIDY)
    case.refresh_from_db()
    assert case.stage == Stage.ACTIVE
    assert case.moved_in_on == TODAY
    assert case.stage_changes.last().to_stage == Stage.ACTIVE


def test_a_move_in_is_into_a_home_of_the_persons_own(case, world):
    with pytest.raises(ValidationError):
        move_in(case, by=world.alice, on=TODAY, code=Situation.EMERGENCY_SHELTER)


def test_losing_the_home_never_closes_or_pauses_the_case_r7(old_case, world):
    case = old_case
    move_in(case, by=world.alice, on=TODAY - timedelta(days=200), code=Situation.RENTAL_SUBSIDY)
    situation = record_living_situation(
        case.person, code=Situation.NOT_MEANT_FOR_HABITATION, on=TODAY, by=world.alice
    )
    case.refresh_from_db()
    assert situation.is_housing_loss
    assert case.stage == Stage.ACTIVE
    assert case.closed_on is None


def test_losing_the_home_through_the_page_keeps_the_case_open_and_says_so(client, case, world):
    move_in(case, by=world.alice, on=TODAY - timedelta(days=200), code=Situation.RENTAL_SUBSIDY)
    client.force_login(world.alice)
    response = client.post(
        reverse("people:living_situation_add", args=[world.p_icm.pk]),
        {"code": Situation.HOSPITAL, "on": TODAY.isoformat(), "lost_home": "on"},
        follow=True,
    )
    assert "support continues" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.ACTIVE


def test_a_case_closes_only_when_the_person_feels_ready_r20(case, world):
    with pytest.raises(ValidationError) as error:
        case.close(
            by=world.alice,
            on=TODAY,
            reason="ready_no_support",
            readiness=ready(feels_ready="not_yet"),
        )
    assert "feels_ready" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        case.close(
            by=world.alice, on=TODAY, reason="ready_no_support", readiness=ready(person_words="  ")
        )
    assert "person_words" in error.value.message_dict
    case.refresh_from_db()
    assert case.stage == Stage.OPENING
    assert not ReadinessRecord.objects.exists()


def test_closing_records_the_readiness_indicators_and_who_closed(case, world):
    case.close(by=world.alice, on=TODAY, reason="ready_mainstream", readiness=ready())
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    record = case.readiness_records.get()
    assert (record.kind, record.income, record.social_support, record.substances) == (
        "closure",
        "stable",
        "strong",
        "managing",
    )
    assert case.stage_changes.last().by == world.alice


def test_a_closed_case_can_be_reopened_with_its_history(old_case, world):
    case = old_case
    move_in(case, by=world.alice, on=TODAY - timedelta(days=300), code=Situation.RENTAL_SUBSIDY)
    case.close(
        by=world.alice, on=TODAY - timedelta(days=30), reason="ready_no_support", readiness=ready()
    )
    case.reopen(by=world.tina, on=TODAY, reason="Asked to come back after losing her partner.")
    case.refresh_from_db()
    assert case.stage == Stage.ACTIVE
    assert case.closed_on is None
    assert [c.to_stage for c in case.stage_changes.all()] == [
        Stage.OPENING,
        Stage.ACTIVE,
        Stage.CLOSED,
        Stage.ACTIVE,
    ]


def test_the_close_form_refuses_without_readiness_and_saves_nothing(client, case, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("cases:close", args=[case.pk]),
        {
            "version": case.version,
            "on": TODAY.isoformat(),
            "reason": "ready_no_support",
            "feels_ready": "unsure",
            "person_words": "",
            "income": "stable",
            "social_support": "some",
            "substances": "managing",
        },
    )
    assert response.status_code == 200
    assert "closes only when the person feels ready" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.OPENING


def test_closing_an_already_changed_case_is_refused(case, world):
    stale_version = case.version
    move_in(case, by=world.alice, on=TODAY, code=Situation.RENTAL_SUBSIDY)
    with pytest.raises(StaleEdit):
        case.close(
            by=world.alice,
            on=TODAY,
            reason="ready_no_support",
            readiness=ready(),
            expected_version=stale_version,
        )
    case.refresh_from_db()
    assert case.stage == Stage.ACTIVE


def test_a_planned_transfer_from_act_to_icm_keeps_the_whole_history_r5(world):
    act_case = Case.objects.get(person=world.p_act)
    move_in(act_case, by=world.bob, on=TODAY - timedelta(days=500), code=Situation.RENTAL_SUBSIDY)
    before = list(act_case.stage_changes.values_list("pk", flat=True))
    transfer_case(
        act_case,
        to_team=world.icm_team,
        by=world.bob,
        on=TODAY,
        person_agreed=True,
        reason="Stable for a year; wants less intensity.",
        expected_version=act_case.version,
        primary=world.alice,
    )
    act_case.refresh_from_db()
    assert act_case.program.model == ServiceModel.ICM
    assert act_case.stage == Stage.ACTIVE
    assert list(act_case.stage_changes.values_list("pk", flat=True)) == before
    assert act_case.transfers.get().from_team == world.act_team


def test_a_transfer_needs_the_persons_agreement(world):
    act_case = Case.objects.get(person=world.p_act)
    with pytest.raises(ValidationError):
        transfer_case(
            act_case,
            to_team=world.icm_team,
            by=world.bob,
            on=TODAY,
            person_agreed=False,
            reason="",
            expected_version=act_case.version,
        )


def test_a_person_has_one_open_case_per_program(world):
    with pytest.raises(ValidationError):
        t.make_case(team=world.icm_team, by=world.alice, person=world.p_icm)


def test_the_api_closes_with_readiness_and_answers_409_on_a_stale_version(client, case, world):
    client.force_login(world.alice)
    url = reverse("case-close", args=[case.pk])
    body = {
        "on": TODAY.isoformat(),
        "reason": "ready_no_support",
        "feels_ready": "ready",
        "person_words": "Je suis prête.",
        "income": "stable",
        "social_support": "some",
        "substances": "not_a_concern",
    }
    assert (
        client.post(
            url, body | {"version": case.version + 5}, content_type="application/json"
        ).status_code
        == 409
    )
    response = client.post(url, body | {"version": case.version}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["stage"] == "closed"


def test_the_api_refuses_closure_without_readiness(client, case, world):
    client.force_login(world.alice)
    response = client.post(
        reverse("case-close", args=[case.pk]),
        {
            "version": case.version,
            "on": TODAY.isoformat(),
            "reason": "ready_no_support",
            "feels_ready": "not_yet",
            "person_words": "",
            "income": "none",
            "social_support": "none",
            "substances": "struggling",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "feels_ready" in response.json()


def test_opening_dates_cannot_be_in_the_future(client, world):
    client.force_login(world.alice)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        reverse("people:open_case", args=[world.p_icm.pk]),
        {
            "c-team": world.icm_team_b.pk,
            "c-opened_on": future,
            "c-target_group": "homeless",
            "c-intake_situation": "116",
            "t-TOTAL_FORMS": "0",
            "t-INITIAL_FORMS": "0",
        },
    )
    assert "This date is in the future." in response.content.decode()


def test_stage_changes_are_signed_for_every_step(case, world):
    move_in(case, by=world.alice, on=TODAY, code=Situation.RENTAL_SUBSIDY)
    assert StageChange.objects.filter(case=case, by__isnull=True).count() == 0


def test_moving_in_starts_a_tenancy_and_losing_the_home_ends_it_not_the_case(old_case, world):
    case = old_case
    move_in(case, by=world.alice, on=TODAY - timedelta(days=200), code=Situation.RENTAL_SUBSIDY)
    tenancy = case.person.tenancies.get()
    assert tenancy.started_on == TODAY - timedelta(days=200) and tenancy.ended_on is None
    record_living_situation(
        case.person,
        code=Situation.NOT_MEANT_FOR_HABITATION,
        on=TODAY,
        by=world.alice,
        lost_home=True,
    )
    tenancy.refresh_from_db()
    case.refresh_from_db()
    assert tenancy.ended_on == TODAY
    assert case.stage == Stage.ACTIVE
