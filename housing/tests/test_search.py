"""The housing search (R8): offers and their answers. Refusing costs the person nothing, a
landlord's refusal is a barrier (R34, R37), and a move-in ends the search."""

from datetime import timedelta

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import move_in
from cases.models import Case
from housing.models import Answer, HousingSearch, Offer, SearchReason, UnitStatus
from housing.searches import answer_offer, make_offer, open_search
from housing.testing import make_provider, make_search, make_unit

pytestmark = pytest.mark.django_db


def _case(world) -> Case:
    return Case.objects.get(person=world.p_icm)


def _snapshot(case: Case, search: HousingSearch) -> tuple:
    case.refresh_from_db()
    search.refresh_from_db()
    return model_to_dict(case), model_to_dict(search), search.version, case.version


def test_refusing_offers_costs_the_person_nothing(world):
    """R34: three refusals later, the case, the search and its place are exactly as before."""
    case = _case(world)
    search = make_search(case, what_matters="Near my daughter's school")
    unit = make_unit(make_provider(case.program.organisation))
    before = _snapshot(case, search)
    today = timezone.localdate()
    for n in range(3):
        offer = make_offer(search, on=today, by=world.alice, unit=unit)
        answer_offer(
            offer,
            answer=Answer.REFUSED_BY_PERSON,
            on=today,
            reason=f"Too far from my people ({n})",
            by=world.alice,
        )
    assert _snapshot(case, search) == before
    assert search.is_open
    unit.refresh_from_db()
    assert unit.status == UnitStatus.AVAILABLE  # back in the supply for the next offer


def test_nothing_counts_refusals_against_the_person(world):
    """R34: no field, annotation or column anywhere in the search or the case keeps a tally
    of refusals, a priority or a strike."""
    for model in (Case, HousingSearch, Offer):
        for field in model._meta.get_fields():
            name = field.name.lower()
            assert not any(w in name for w in ("refus", "strike", "priority", "penalty")), name


def test_a_refusal_needs_its_reason_written_down(world):
    search = make_search(_case(world))
    offer = make_offer(search, on=timezone.localdate(), by=world.alice, address="5 Oak St")
    with pytest.raises(Exception, match="reason") as excinfo:
        answer_offer(
            offer, answer=Answer.REFUSED_BY_PERSON, on=timezone.localdate(), reason=" ", by=None
        )
    assert "reason" in excinfo.value.message_dict
    offer.refresh_from_db()
    assert offer.answer == Answer.WAITING


def test_a_landlords_refusal_is_recorded_as_housing_denied(world):
    from referrals.models import Barrier

    case = _case(world)
    search = make_search(case)
    unit = make_unit(make_provider(case.program.organisation), area="Parkdale")
    offer = make_offer(search, on=timezone.localdate(), by=world.alice, unit=unit)
    answer_offer(
        offer,
        answer=Answer.REFUSED_BY_LANDLORD,
        on=timezone.localdate(),
        reason="The landlord wants a credit check",
        by=world.alice,
    )
    barrier = Barrier.objects.get(case=case)
    assert barrier.category == "housing_denied"
    assert barrier.area == "Parkdale"
    assert search.offers.get().reason == "The landlord wants a credit check"


def test_the_move_in_ends_the_search_and_the_accepted_unit_becomes_the_home(world):
    case = _case(world)
    opened = timezone.localdate() - timedelta(days=40)
    search = make_search(case, opened_on=opened)
    unit = make_unit(make_provider(case.program.organisation), address="9 Pine Ave", rent="1020")
    offer = make_offer(search, on=opened + timedelta(days=20), by=world.alice, unit=unit)
    answer_offer(
        offer, answer=Answer.ACCEPTED, on=opened + timedelta(days=21), reason="", by=world.alice
    )
    move_in(case, by=world.alice, on=opened + timedelta(days=30), code=435)
    search.refresh_from_db()
    unit.refresh_from_db()
    tenancy = world.p_icm.tenancies.get()
    assert search.closed_on == opened + timedelta(days=30)
    assert search.tenancy == tenancy
    assert search.days(today=timezone.localdate()) == 30
    assert tenancy.unit == unit and tenancy.address == "9 Pine Ave"
    assert unit.status == UnitStatus.OCCUPIED


def test_an_open_search_shows_its_days_so_far_on_the_person_page(client, world):
    make_search(_case(world), opened_on=timezone.localdate() - timedelta(days=12))
    client.force_login(world.alice)
    page = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "(12 days)" in page


def test_a_case_has_one_open_search_at_a_time(world):
    case = _case(world)
    first = open_search(case, on=timezone.localdate(), by=world.alice)
    again = open_search(case, on=timezone.localdate(), by=world.alice)
    assert first == again == case.housing_searches.get()  # the one opened with the case


def test_a_worker_records_an_offer_and_the_persons_refusal_in_their_words(client, world):
    case = _case(world)
    search = case.housing_searches.get()  # opened with the case
    client.force_login(world.alice)
    client.post(
        reverse("housing:search", args=[search.pk]),
        {
            "opened_on": case.opened_on.isoformat(),
            "reason": SearchReason.FIRST_HOME,
            "what_matters": "A quiet place with a window for my plants",
            "areas": "Leslieville",
            "rooms": 1,
            "version": search.version,
        },
    )
    search.refresh_from_db()
    assert search.what_matters == "A quiet place with a window for my plants"
    client.post(
        reverse("housing:offer_add", args=[search.pk]),
        {"address": "40 Queen St E", "offered_on": timezone.localdate().isoformat()},
    )
    offer = search.offers.get()
    response = client.post(
        reverse("housing:offer_answer", args=[offer.pk]),
        {
            "answer": Answer.REFUSED_BY_PERSON,
            "answered_on": timezone.localdate().isoformat(),
            "reason": "It's above a bar, I can't sleep there",
            "version": offer.version,
        },
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.answer == Answer.REFUSED_BY_PERSON
    assert offer.reason == "It's above a bar, I can't sleep there"


def test_another_teams_worker_cannot_open_a_search_or_see_an_offer(client, world):
    search = make_search(_case(world))
    offer = Offer.objects.create(
        search=search, address="1 A St", offered_on=timezone.localdate(), recorded_by=world.alice
    )
    client.force_login(world.bob)
    assert client.get(reverse("housing:search", args=[search.pk])).status_code == 404
    assert client.get(reverse("housing:offer_answer", args=[offer.pk])).status_code == 404


def test_opening_a_case_for_someone_without_a_home_opens_the_search(world):
    """R8: the housing search starts with the case; nothing to prove first (R34)."""
    case = _case(world)  # the world's person sleeps rough at intake
    search = case.housing_searches.get()
    assert search.is_open and search.reason == SearchReason.FIRST_HOME
    assert search.opened_on == case.opened_on


def test_a_person_still_in_their_own_home_gets_no_search(world):
    """Prevention (R6): someone at risk of losing their home is not searching for one."""
    from hearth import testing as t
    from housing.situations import Situation

    case = t.make_case(team=world.icm_team, by=world.alice, intake=Situation.RENTAL_NO_SUBSIDY)
    assert not case.housing_searches.exists()
