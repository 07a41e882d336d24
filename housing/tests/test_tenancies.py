"""Tenancies (R7, R19, R34): the end of a home never ends support, days housed, no
preconditions, and the person page's housing section."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from cases.lifecycle import move_in
from cases.models import Case, Stage
from hearth.formatting import format_money
from housing.forms import TenancyForm
from housing.models import (
    Answer,
    EndReason,
    HousingSearch,
    LivingSituation,
    SearchReason,
    Tenancy,
    TenancyEvent,
    UnitStatus,
)
from housing.preconditions import MESSAGE
from housing.sections import person_section
from housing.situations import Situation
from housing.tenancies import end_tenancy
from housing.testing import make_provider, make_search, make_tenancy, make_unit
from people.models import Person

pytestmark = pytest.mark.django_db


def _moved_in(world, days_ago: int = 100) -> tuple[Case, Tenancy]:
    case = Case.objects.get(person=world.p_icm)
    move_in(case, by=world.alice, on=timezone.localdate() - timedelta(days=days_ago), code=435)
    return case, world.p_icm.tenancies.get()


def test_an_eviction_leaves_the_case_open_and_opens_a_rehousing_search(world):
    """R7: the home is lost, support and rehousing continue."""
    case, tenancy = _moved_in(world)
    situation = end_tenancy(
        tenancy,
        on=timezone.localdate(),
        reason=EndReason.EVICTED,
        next_situation=Situation.FRIEND_ROOM,
        by=world.alice,
        note="Eviction for arrears",
    )
    case.refresh_from_db()
    tenancy.refresh_from_db()
    assert case.stage == Stage.ACTIVE and case.is_open
    assert tenancy.ended_on == timezone.localdate() and tenancy.end_reason == EndReason.EVICTED
    assert situation.is_housing_loss and situation.code == Situation.FRIEND_ROOM
    search = case.housing_searches.get(closed_on__isnull=True)
    assert search.reason == SearchReason.REHOUSING


def test_a_tenancy_end_opens_rehousing_on_every_open_case_of_the_person(world):
    from hearth import testing as t

    case, tenancy = _moved_in(world)
    second = t.make_case(
        team=world.act_team, by=world.bob, person=world.p_icm, intake=Situation.RENTAL_SUBSIDY
    )
    end_tenancy(
        tenancy,
        on=timezone.localdate(),
        reason=EndReason.ABANDONED,
        next_situation=Situation.NOT_MEANT_FOR_HABITATION,
        by=world.alice,
    )
    for c in (case, second):
        assert c.housing_searches.get(closed_on__isnull=True).reason == SearchReason.REHOUSING


def test_after_a_death_no_rehousing_search_opens_and_the_situation_is_deceased(world):
    case, tenancy = _moved_in(world)
    situation = end_tenancy(
        tenancy,
        on=timezone.localdate(),
        reason=EndReason.DEATH,
        next_situation=Situation.FRIEND_ROOM,
        by=world.alice,
    )
    assert situation.code == Situation.DECEASED and not situation.is_housing_loss
    assert not case.housing_searches.filter(closed_on__isnull=True).exists()


def test_moving_to_another_home_of_their_own_is_not_a_housing_loss(world):
    case, tenancy = _moved_in(world)
    situation = end_tenancy(
        tenancy,
        on=timezone.localdate(),
        reason=EndReason.CHOSE_TO_MOVE,
        next_situation=Situation.RENTAL_NO_SUBSIDY,
        by=world.alice,
    )
    assert not situation.is_housing_loss
    assert not case.housing_searches.filter(closed_on__isnull=True).exists()


def test_a_tenancy_cannot_end_before_it_started_and_nothing_is_saved(world):
    _case, tenancy = _moved_in(world, days_ago=10)
    with pytest.raises(Exception) as excinfo:
        end_tenancy(
            tenancy,
            on=tenancy.started_on - timedelta(days=1),
            reason=EndReason.EVICTED,
            next_situation=Situation.EMERGENCY_SHELTER,
            by=world.alice,
        )
    assert "on" in excinfo.value.message_dict
    tenancy.refresh_from_db()
    assert tenancy.ended_on is None
    assert not LivingSituation.objects.filter(is_housing_loss=True).exists()


def test_the_ended_tenancys_unit_returns_to_the_supply(world):
    case, tenancy = _moved_in(world)
    unit = make_unit(make_provider(case.program.organisation), status=UnitStatus.OCCUPIED)
    tenancy.unit = unit
    tenancy.save()
    end_tenancy(
        tenancy,
        on=timezone.localdate(),
        reason=EndReason.HOSPITAL,
        next_situation=Situation.HOSPITAL,
        by=world.alice,
    )
    unit.refresh_from_db()
    assert unit.status == UnitStatus.AVAILABLE


# Days housed (R19)


def test_days_housed_adds_several_tenancies_and_skips_the_gaps(world):
    person, today = world.p_icm, date(2026, 6, 30)
    make_tenancy(person, by=world.alice, started_on=date(2026, 1, 1), ended_on=date(2026, 1, 31))
    make_tenancy(person, by=world.alice, started_on=date(2026, 3, 1), ended_on=date(2026, 3, 11))
    days = Tenancy.objects.filter(person=person).days_housed(today=today)
    assert days == {person.pk: 30 + 10}


def test_days_housed_counts_overlapping_tenancies_once(world):
    person = world.p_icm
    make_tenancy(person, by=world.alice, started_on=date(2026, 1, 1), ended_on=date(2026, 1, 21))
    make_tenancy(person, by=world.alice, started_on=date(2026, 1, 11), ended_on=date(2026, 2, 1))
    make_tenancy(person, by=world.alice, started_on=date(2026, 1, 15), ended_on=date(2026, 1, 16))
    assert Tenancy.objects.days_housed(today=date(2026, 6, 1)) == {person.pk: 31}


def test_an_open_tenancy_counts_up_to_and_including_today(world):
    person = world.p_icm
    make_tenancy(person, by=world.alice, started_on=date(2026, 1, 1), ended_on=date(2026, 1, 11))
    make_tenancy(person, by=world.alice, started_on=date(2026, 5, 1))
    assert Tenancy.objects.days_housed(today=date(2026, 5, 10)) == {person.pk: 10 + 10}


def test_days_housed_for_many_persons_is_one_query_and_can_be_limited_to_a_period(
    world, django_assert_num_queries
):
    for person in world.everyone:
        make_tenancy(person, by=world.alice, started_on=date(2025, 12, 1))
    with django_assert_num_queries(1):
        days = Tenancy.objects.days_housed(
            today=date(2026, 6, 1), since=date(2026, 1, 1), through=date(2026, 1, 31)
        )
    assert days == {p.pk: 31 for p in world.everyone}


# No preconditions (R34)


def _tenancy_post(tenancy: Tenancy, **changes) -> dict:
    data = {"address": "1 Main St", "rent": "900", "version": tenancy.version}
    data.update(changes)
    return data


def test_no_field_of_a_tenancy_search_or_offer_can_hold_a_sobriety_or_treatment_condition():
    from housing.models import Obligation, Offer

    words = ("sobri", "sober", "abstin", "treatment", "detox", "medication", "clean")
    for model in (Tenancy, HousingSearch, Offer):
        for field in model._meta.get_fields():
            assert not any(w in field.name for w in words), f"{model.__name__}.{field.name}"
    for value, label in Obligation.choices:
        assert not any(w in f"{value} {label}".lower() for w in words)


def test_the_tenancy_form_refuses_a_sobriety_condition_with_a_clear_message(world):
    _case, tenancy = _moved_in(world)
    form = TenancyForm(
        _tenancy_post(tenancy, obligations=["pay_rent", "sobriety"]),
        instance=tenancy,
        organisation_id=world.p_icm.organisation_id,
    )
    assert not form.is_valid()
    assert form.errors["obligations"] == [str(MESSAGE)]


def test_the_api_refuses_a_treatment_condition_on_a_tenancy(client, world):
    _case, tenancy = _moved_in(world)
    client.force_login(world.alice)
    url = reverse("tenancy-detail", args=[tenancy.pk])
    response = client.patch(
        url,
        {"version": tenancy.version, "obligations": ["pay_rent", "attend_treatment"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "no condition of sobriety" in response.json()["obligations"][0]
    response = client.patch(
        url,
        {"version": tenancy.version, "sobriety_required": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "no condition of sobriety" in response.json()["non_field_errors"][0]
    tenancy.refresh_from_db()
    assert tenancy.obligations == [] and tenancy.version == 0


def test_ordinary_tenancy_obligations_are_recorded(client, world):
    _case, tenancy = _moved_in(world)
    client.force_login(world.alice)
    response = client.post(
        reverse("housing:tenancy_edit", args=[world.p_icm.pk, tenancy.pk]),
        _tenancy_post(
            tenancy, obligations=["pay_rent", "neighbours"], subsidy="400", person_share="500"
        ),
    )
    assert response.status_code == 302
    tenancy.refresh_from_db()
    assert tenancy.obligations == ["pay_rent", "neighbours"]
    assert tenancy.person_share == Decimal("500")


def test_the_persons_share_cannot_exceed_the_rent(world):
    _case, tenancy = _moved_in(world)
    form = TenancyForm(
        _tenancy_post(tenancy, person_share="1200"),
        instance=tenancy,
        organisation_id=world.p_icm.organisation_id,
    )
    assert "person_share" in form.errors


# Money in the organisation's currency, written in the reader's language


def test_money_is_written_in_the_active_language():
    with translation.override("da"):
        assert format_money(Decimal("4500"), "DKK") == "4.500,00\xa0kr."
    with translation.override("pt-br"):
        assert format_money(Decimal("1200.5"), "BRL") == "R$\xa01.200,50"
    with translation.override("fr"):
        assert format_money(Decimal("875"), "CAD") == "875,00\xa0$"
    with translation.override("en"):
        assert format_money(Decimal("875"), "CAD") == "$875.00"


# The person page


def test_the_person_page_shows_the_home_days_housed_and_the_ways_to_act(client, world):
    _case, tenancy = _moved_in(world, days_ago=9)
    tenancy.rent, tenancy.person_share = Decimal("1100"), Decimal("350")
    tenancy.save()
    client.force_login(world.alice)
    page = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "10 days housed" in page
    assert "$1,100.00" in page and "$350.00" in page
    assert reverse("housing:tenancy_end", args=[world.p_icm.pk, tenancy.pk]) in page
    assert reverse("housing:tenancy_event_add", args=[world.p_icm.pk]) in page


def test_a_case_manager_ends_the_tenancy_from_the_page(client, world):
    case, tenancy = _moved_in(world)
    client.force_login(world.alice)
    response = client.post(
        reverse("housing:tenancy_end", args=[world.p_icm.pk, tenancy.pk]),
        {
            "on": timezone.localdate().isoformat(),
            "reason": EndReason.EVICTED,
            "next_situation": Situation.EMERGENCY_SHELTER,
            "version": tenancy.version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_open and case.housing_searches.get(closed_on__isnull=True).is_open


def test_a_stale_end_of_a_tenancy_is_refused(client, world):
    _case, tenancy = _moved_in(world)
    Tenancy.objects.filter(pk=tenancy.pk).update(version=3)
    client.force_login(world.alice)
    response = client.post(
        reverse("housing:tenancy_end", args=[world.p_icm.pk, tenancy.pk]),
        {
            "on": timezone.localdate().isoformat(),
            "reason": EndReason.EVICTED,
            "next_situation": Situation.EMERGENCY_SHELTER,
            "version": 0,
        },
    )
    assert "Someone else changed this record" in response.content.decode()
    tenancy.refresh_from_db()
    assert tenancy.ended_on is None


def test_a_worker_of_another_team_cannot_reach_the_tenancy(client, world):
    _case, tenancy = _moved_in(world)
    client.force_login(world.bob)
    url = reverse("housing:tenancy_end", args=[world.p_icm.pk, tenancy.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.oscar)
    assert client.get(reverse("tenancy-detail", args=[tenancy.pk])).status_code == 404


SECTION_QUERIES = 4


def _many_records(world, case, n: int) -> None:
    provider = make_provider(case.program.organisation)
    for i in range(n):
        t = make_tenancy(
            world.p_icm,
            by=world.alice,
            started_on=date(2020, 1, 1) + timedelta(days=40 * i),
            ended_on=date(2020, 1, 1) + timedelta(days=40 * i + 30),
            unit=make_unit(provider, address=f"{i} Elm"),
        )
        TenancyEvent.objects.create(tenancy=t, kind="repair", recorded_by=world.alice)
    search = make_search(case)
    for i in range(n):
        search.offers.create(
            unit=make_unit(provider, address=f"{i} Oak"),
            offered_on=date(2020, 1, 1),
            answer=Answer.REFUSED_BY_PERSON,
            reason="No",
            recorded_by=world.alice,
        )


@pytest.mark.parametrize("n", [1, 12])
def test_the_housing_section_takes_the_same_queries_whatever_the_records(
    world, django_assert_num_queries, n
):
    case = Case.objects.get(person=world.p_icm)
    _many_records(world, case, n)
    request = RequestFactory().get("/")
    request.user = world.alice
    cases = list(Case.objects.filter(person=world.p_icm).select_related("program"))
    person = Person.objects.select_related("organisation").get(pk=world.p_icm.pk)
    with django_assert_num_queries(SECTION_QUERIES):
        context = person_section(request, person, cases)
        from django.template.loader import render_to_string

        render_to_string("housing/_person_section.html", context, request=request)
    assert len(context["tenancies"]) == n


def test_a_housing_loss_recorded_as_a_living_situation_also_starts_rehousing(world):
    """R7: however the loss is recorded, the case goes on and rehousing starts."""
    from cases.lifecycle import record_living_situation

    case, _tenancy = _moved_in(world, days_ago=0)  # after the intake situation of today
    record_living_situation(
        world.p_icm, code=Situation.EMERGENCY_SHELTER, on=timezone.localdate(), by=world.alice
    )
    case.refresh_from_db()
    assert case.is_open
    assert case.housing_searches.get(closed_on__isnull=True).reason == SearchReason.REHOUSING


def test_the_api_ends_a_tenancy_and_answers_409_when_stale(client, world):
    case, tenancy = _moved_in(world)
    client.force_login(world.alice)
    url = reverse("tenancy-end", args=[tenancy.pk])
    body = {
        "on": timezone.localdate().isoformat(),
        "reason": EndReason.ABANDONED,
        "next_situation": Situation.NOT_MEANT_FOR_HABITATION,
    }
    assert client.post(url, {**body, "version": 7}).status_code == 409
    response = client.post(url, {**body, "version": tenancy.version})
    assert response.status_code == 200, response.json()
    assert response.json()["end_reason"] == EndReason.ABANDONED
    assert case.housing_searches.get(closed_on__isnull=True).is_open


def test_a_stale_edit_of_a_tenancy_event_is_refused(client, world):
    _case, tenancy = _moved_in(world)
    event = TenancyEvent.objects.create(tenancy=tenancy, kind="arrears", recorded_by=world.alice)
    client.force_login(world.alice)
    url = reverse("housing:tenancy_event_edit", args=[world.p_icm.pk, event.pk])
    today = timezone.localdate().isoformat()
    first = {"kind": "arrears", "on": today, "resolved_on": today, "version": 0}
    assert client.post(url, first).status_code == 302
    response = client.post(url, {**first, "note": "Paid", "resolved_on": ""})
    assert "Someone else changed this record" in response.content.decode()
    event.refresh_from_db()
    assert event.resolved_on == timezone.localdate() and event.note == ""
