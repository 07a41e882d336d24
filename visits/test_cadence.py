"""Visit cadence (R10, R18): weekly in the first months after move-in, then as agreed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cases.lifecycle import move_in
from cases.models import Case
from hearth import testing as t
from housing.situations import Situation
from visits.cadence import add_months, cadence_of, interval_on
from visits.models import CadenceAgreement, Contact

pytestmark = pytest.mark.django_db
MOVE_IN = date(2026, 6, 1)


def test_visits_are_weekly_in_the_first_three_months_whatever_was_agreed():
    assert (
        interval_on(moved_in_on=MOVE_IN, weekly_months=3, agreed_interval=14, on=date(2026, 8, 31))
        == 7
    )


def test_after_the_first_months_the_agreed_frequency_holds():
    assert (
        interval_on(moved_in_on=MOVE_IN, weekly_months=3, agreed_interval=14, on=date(2026, 9, 1))
        == 14
    )


def test_until_a_frequency_is_agreed_visits_stay_weekly():
    assert (
        interval_on(moved_in_on=MOVE_IN, weekly_months=3, agreed_interval=None, on=date(2027, 1, 1))
        == 7
    )


def test_the_program_sets_how_many_months_are_weekly():
    assert (
        interval_on(moved_in_on=MOVE_IN, weekly_months=6, agreed_interval=21, on=date(2026, 11, 30))
        == 7
    )


def test_adding_months_keeps_the_end_of_the_month():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def _annotated(case):
    return Case.objects.with_cadence().select_related("program").get(pk=case.pk)


def test_a_late_visit_is_overdue_and_nothing_else_happens_to_the_case(world):
    today = date.today()
    case = t.make_case(
        team=world.icm_team,
        by=world.alice,
        primary=world.alice,
        opened_on=today - timedelta(days=200),
    )
    move_in(case, by=world.alice, on=today - timedelta(days=150), code=Situation.RENTAL_SUBSIDY)
    Contact.objects.create(
        case=case,
        on=today - timedelta(days=20),
        kind="home_visit",
        minutes=45,
        place="home",
        recorded_by=world.alice,
    )
    CadenceAgreement.objects.create(
        case=case, interval_days=14, agreed_by=world.alice, agreed_on=today - timedelta(days=60)
    )
    cadence = cadence_of(_annotated(case), today=today)
    assert (cadence.interval, cadence.state, cadence.overdue_days) == (14, "overdue", 6)
    case.refresh_from_db()
    assert case.is_open


def test_a_phone_call_is_not_a_visit(world):
    today = date.today()
    case = Case.objects.get(person=world.p_icm)
    Contact.objects.create(
        case=case,
        on=today,
        kind="phone",
        minutes=10,
        place="remote",
        face_to_face=False,
        recorded_by=world.alice,
    )
    assert cadence_of(_annotated(case), today=today).last_visit is None


def test_the_agreement_is_recorded_with_who_agreed_and_when(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    response = client.post(
        reverse("visits:cadence", args=[case.pk]),
        {"interval_days": "14", "agreed_on": date.today().isoformat(), "note": "Thursdays"},
    )
    assert response.status_code == 302
    agreement = case.cadence_agreements.get()
    assert (agreement.interval_days, agreement.agreed_by) == (14, world.alice)


def test_an_impossible_frequency_is_refused_with_a_message(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    response = client.post(
        reverse("visits:cadence", args=[case.pk]),
        {"interval_days": "400", "agreed_on": date.today().isoformat()},
    )
    assert "At most 90 days between visits." in response.content.decode()
    assert not case.cadence_agreements.exists()


def test_the_caseload_shows_an_overdue_visit(client, world):
    case = Case.objects.get(person=world.p_icm)
    case.opened_on = date.today() - timedelta(days=30)
    case.save()
    client.force_login(world.alice)
    body = client.get(reverse("cases:my_caseload")).content.decode()
    assert "days late: reach out" in body


def test_the_due_list_shows_my_overdue_visits_and_my_lead_sees_them_too(client, world):
    case = Case.objects.get(person=world.p_icm)
    case.opened_on = date.today() - timedelta(days=30)
    case.save()
    for user in (world.alice, world.tina):
        client.force_login(user)
        due = client.get(reverse("visits:due")).context["due"]
        assert [c.pk for c, _cadence in due.visits] == [case.pk]
    client.force_login(world.bob)
    assert not client.get(reverse("visits:due")).context["due"].visits


def test_visits_due_the_same_day_are_listed_in_the_readers_alphabetical_order(client, world):
    opened = date.today() - timedelta(days=30)
    for name in ["Bouchard", "Zola", "Bélanger"]:
        t.make_case(
            team=world.icm_team,
            by=world.alice,
            primary=world.alice,
            family_name=name,
            opened_on=opened,
        )
    Case.objects.filter(person=world.p_icm).update(opened_on=opened)
    world.alice.language = "fr"
    world.alice.save(update_fields=["language"])
    client.force_login(world.alice)
    due = client.get(reverse("visits:due")).context["due"]
    names = [case.person.family_name for case, _cadence in due.visits]
    assert names == ["Bélanger", "Bouchard", "Inreach", "Zola"]
