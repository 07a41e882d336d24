"""What a visit needs, at the top of the person page (issue 12 §6): the safety note, the next
appointment, the plan's open steps, the team and who answers now, and what is waiting."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import move_in
from cases.models import Case, LegalTodo
from hearth import testing as t
from people.summary import STEPS_SHOWN, next_appointment
from plans.models import ActionStep, StepStatus
from plans.testing import make_plan
from referrals.testing import make_partner, make_referral
from roster.models import Shift
from visits.models import Appointment, AppointmentStatus, Contact

pytestmark = pytest.mark.django_db


def _page(client, user, person):
    client.force_login(user)
    response = client.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    return response


def _appointment(case, *, by, starts_in: timedelta, minutes: int = 60, **fields) -> Appointment:
    appointment = Appointment.objects.create(
        case=case, starts_at=timezone.now() + starts_in, minutes=minutes, created_by=by, **fields
    )
    appointment.staff.add(by)
    return appointment


def _shift(team, user, *, kind=Shift.Kind.SHIFT, hours: int = 4) -> Shift:
    now = timezone.now()
    return Shift.objects.create(
        team=team,
        user=user,
        kind=kind,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=hours),
        created_by=user,
    )


def test_the_page_opens_on_the_safety_note_before_every_folded_section(client, world):
    world.p_icm.safety_note = "A dog lives here; knock twice."
    world.p_icm.save()
    page = _page(client, world.alice, world.p_icm).content.decode()
    assert 'id="visit-safety"' in page
    assert page.index("A dog lives here") < page.index('<details class="fold" id="section-cases"')


def test_the_next_appointment_is_the_first_planned_one_that_is_not_over(world):
    case = Case.objects.get(person=world.p_icm)
    _appointment(case, by=world.alice, starts_in=-timedelta(hours=3))  # over
    _appointment(
        case,
        by=world.alice,
        starts_in=timedelta(minutes=10),
        status=AppointmentStatus.CANCELLED,
    )
    under_way = _appointment(case, by=world.alice, starts_in=-timedelta(minutes=30))
    later = _appointment(case, by=world.alice, starts_in=timedelta(days=1))
    assert next_appointment([case], now=timezone.now()) == under_way
    under_way.status = AppointmentStatus.DONE
    under_way.save()
    assert next_appointment([case], now=timezone.now()) == later


def test_the_summary_shows_when_the_next_visit_is_and_who_goes(client, world):
    case = Case.objects.get(person=world.p_icm)
    _appointment(case, by=world.alice, starts_in=timedelta(days=2), accompany_to="Family doctor")
    response = _page(client, world.alice, world.p_icm)
    summary = response.context["summary"]
    assert summary.appointment.accompany_to == "Family doctor"
    section = response.content.decode().split('id="visit-appointment"')[1].split("</div>")[0]
    assert "Family doctor" in section and "with Alice Case" in section


def test_a_closed_case_has_no_next_appointment(world):
    case = Case.objects.get(person=world.p_icm)
    _appointment(case, by=world.alice, starts_in=timedelta(days=2))
    case.stage = "closed"  # as read: the summary looks only at open cases
    assert next_appointment([case], now=timezone.now()) is None


def test_the_summary_lists_the_plans_open_steps_and_counts_the_rest(client, world):
    case = Case.objects.get(person=world.p_icm)
    plan, _version = make_plan(case, by=world.alice, goals=2, steps=3)
    done = ActionStep.objects.filter(goal__plan=plan).order_by("id").first()
    done.description, done.status = "Sign the lease", StepStatus.DONE
    done.save()
    summary = _page(client, world.alice, world.p_icm).context["summary"]
    assert len(summary.steps) == STEPS_SHOWN
    assert summary.more_steps == 5 - STEPS_SHOWN
    assert "Sign the lease" not in [step.text for step in summary.steps]
    assert summary.steps[0].link == reverse("plans:plan", args=[case.pk])


def test_the_summary_names_the_workers_the_team_phone_and_who_is_on_call_now(client, world):
    world.icm_team.phone = "416-555-0100"
    world.icm_team.save()
    case = Case.objects.get(person=world.p_icm)
    case.backup_worker = world.tina
    case.save()
    _shift(world.icm_team, world.tina)  # on shift
    _shift(world.icm_team, world.alice, kind=Shift.Kind.ON_CALL)  # on call: she answers
    response = _page(client, world.alice, world.p_icm)
    (line,) = response.context["summary"].teams
    assert [shift.user for shift in line.reachable] == [world.alice]
    team = response.content.decode().split('id="visit-team"')[1].split('id="visit-follow-up"')[0]
    assert 'href="tel:416-555-0100"' in team
    assert "Case manager: Alice Case · backup: Tina Lead" in team
    assert "On call now:" in team


def test_the_summary_lists_what_waits_for_the_team(client, world):
    opened = timezone.localdate() - timedelta(days=60)
    case = t.make_case(team=world.icm_team, by=world.alice, primary=world.alice, opened_on=opened)
    person = case.person
    LegalTodo.objects.create(
        case=case, kind="health_card", description="Health card", updated_by=world.alice
    )
    LegalTodo.objects.create(
        case=case,
        kind="id_documents",
        description="Birth certificate",
        status="done",
        updated_by=world.alice,
    )
    partner = make_partner(world.icm_team.program.organisation, name="Family Health Team")
    make_referral(
        case,
        by=world.alice,
        partner=partner,
        follow_up_on=timezone.localdate() - timedelta(days=1),
    )
    move_in(case, by=world.alice, on=opened + timedelta(days=10), code=435)
    tenancy = person.tenancies.get()
    tenancy.events.create(kind="eviction_notice", recorded_by=world.alice)
    tenancy.events.create(kind="arrears", recorded_by=world.alice, resolved_on=timezone.localdate())
    response = _page(client, world.alice, person)
    summary = response.context["summary"]
    (waiting,) = summary.cases
    assert waiting.cadence.state == "overdue"
    assert [todo.description for todo in waiting.open_todos] == ["Health card"]
    assert [item.text for item in summary.follow_up] == [
        "Home at risk: Eviction notice",
        "Follow up the referral to Family Health Team",
    ]
    section = response.content.decode().split('id="visit-follow-up"')[1]
    assert "1 legal to-do open" in section and "days late: reach out" in section


def test_a_visit_whose_report_is_missing_waits_in_the_summary(client, world):
    from reports.tests import _template

    case = Case.objects.get(person=world.p_icm)
    _template(case.program)
    contact = Contact.objects.create(
        case=case, kind="home_visit", minutes=45, place="home", recorded_by=world.alice
    )
    contact.staff.add(world.alice)
    summary = _page(client, world.alice, world.p_icm).context["summary"]
    assert [entry.badge for entry in summary.reports] == ["report missing"]


def test_a_person_with_nothing_waiting_reads_so(client, world):
    page = _page(client, world.alice, world.p_icm)
    assert not page.context["summary"].has_follow_up
    assert "Nothing waiting." in page.content.decode()
