"""Pinned query counts: the caseload and person pages cost the same for 5 people as for 500
(STYLE: no query per row)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import move_in
from cases.models import Case
from hearth import testing as t
from visits.models import Contact

pytestmark = pytest.mark.django_db

CASELOAD_QUERIES = 10
TEAM_CASELOAD_QUERIES = 10
# The person page with every section (tools, ecomap, plan, housing, money, service use,
# referrals and consents, documents), whatever the number of records in each.
PERSON_PAGE_QUERIES = 38
# The same page with its summary full (issue 12 §6): the next appointment and its staff, the
# plan's goals and open steps, who is on call, referrals and legal to-dos waiting, a home at risk.
PERSON_PAGE_FULL_QUERIES = 43


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill_caseload(team, worker, n):
    for _ in range(n):
        case = t.make_case(team=team, by=worker, primary=worker, confirm=True)
        Contact.objects.create(
            case=case, kind="home_visit", minutes=30, place="home", recorded_by=worker
        )


@pytest.fixture
def big_team(world):
    team = world.icm_team
    team.program.persons_per_worker = 600
    team.program.save()
    return team


def test_my_caseload_costs_the_same_for_5_and_500_persons(client, world, big_team):
    client.force_login(world.alice)
    _fill_caseload(big_team, world.alice, 4)
    small = _count(client, reverse("cases:my_caseload"))
    _fill_caseload(big_team, world.alice, 495)
    assert Case.objects.filter(primary_worker=world.alice).count() == 500
    large = _count(client, reverse("cases:my_caseload"))
    assert small == large == CASELOAD_QUERIES


def test_the_team_caseload_costs_the_same_for_5_and_500_persons(client, world, big_team):
    client.force_login(world.tina)
    _fill_caseload(big_team, world.alice, 4)
    url = reverse("cases:team_caseload", args=[big_team.pk])
    small = _count(client, url)
    _fill_caseload(big_team, world.alice, 495)
    assert _count(client, url) == small == TEAM_CASELOAD_QUERIES


def test_the_person_page_costs_the_same_for_5_and_500_contacts(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)

    def add_contacts(n):
        day = timezone.localdate()
        for i in range(n):
            contact = Contact.objects.create(
                case=case,
                kind="home_visit",
                minutes=30,
                place="home",
                recorded_by=world.alice,
                on=day - timedelta(days=i),
            )
            contact.staff.add(world.alice)

    add_contacts(5)
    url = reverse("people:detail", args=[world.p_icm.pk])
    small = _count(client, url)
    add_contacts(495)
    assert _count(client, url) == small == PERSON_PAGE_QUERIES


def test_the_person_page_and_its_summary_cost_the_same_for_few_and_many_records(client, world):
    from plans.testing import make_plan
    from referrals.testing import make_partner, make_referral
    from roster.models import Shift
    from visits.models import Appointment

    case = Case.objects.get(person=world.p_icm)
    move_in(case, by=world.alice, on=timezone.localdate() - timedelta(days=30), code=435)
    tenancy = world.p_icm.tenancies.get()
    partner = make_partner(world.icm_team.program.organisation)
    client.force_login(world.alice)
    now = timezone.now()

    def add_records(n):
        make_plan(case, by=world.alice, goals=n, steps=2)
        for i in range(n):
            appointment = Appointment.objects.create(
                case=case, starts_at=now + timedelta(days=i + 1), created_by=world.alice
            )
            appointment.staff.add(world.alice, world.tina)
            Shift.objects.create(
                team=world.icm_team,
                user=world.tina if i % 2 else world.alice,
                kind=Shift.Kind.ON_CALL if i % 2 else Shift.Kind.SHIFT,
                starts_at=now - timedelta(hours=1),
                ends_at=now + timedelta(hours=2 + i),
                created_by=world.tina,
            )
            make_referral(
                case,
                by=world.alice,
                partner=partner,
                follow_up_on=timezone.localdate() - timedelta(days=1),
            )
            case.legal_todos.create(kind="other", description=f"To do {i}", updated_by=world.alice)
            tenancy.events.create(kind="eviction_notice", recorded_by=world.alice)

    add_records(1)
    url = reverse("people:detail", args=[world.p_icm.pk])
    small = _count(client, url)
    add_records(20)
    assert _count(client, url) == small == PERSON_PAGE_FULL_QUERIES
