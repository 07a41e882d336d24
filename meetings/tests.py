"""The ACT morning meeting board and case conferences (R3, R17)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import move_in, record_living_situation
from cases.models import Case
from hearth import testing as t
from housing.situations import Situation
from meetings.models import CaseConference, TeamMeeting
from visits.models import Appointment, Contact, Crisis

pytestmark = pytest.mark.django_db
BOARD_QUERIES = 12


def _board(client, team):
    return client.get(reverse("meetings:board", args=[team.pk]))


def _fill(team, by, n):
    for _ in range(n):
        case = t.make_case(team=team, by=by, primary=by, confirm=True)
        Contact.objects.create(
            case=case, kind="home_visit", minutes=30, place="home", recorded_by=by
        )
        Crisis.objects.create(case=case, what="Panic", severity="moderate", recorded_by=by)
        appointment = Appointment.objects.create(case=case, starts_at=timezone.now(), created_by=by)
        appointment.staff.add(by)


def test_the_board_costs_the_same_for_5_and_200_persons(client, world):
    team = world.act_team
    client.force_login(world.bob)
    _fill(team, world.bob, 4)
    with CaptureQueriesContext(connection) as small:
        assert _board(client, team).status_code == 200
    _fill(team, world.bob, 195)
    with CaptureQueriesContext(connection) as large:
        response = _board(client, team)
    assert len(response.context["rows"]) == 200
    assert len(small.captured_queries) == len(large.captured_queries) == BOARD_QUERIES


def test_the_board_flags_a_crisis_a_hospital_stay_and_an_overdue_visit(client, world):
    case = Case.objects.get(person=world.p_act)
    case.opened_on = timezone.localdate() - timedelta(days=30)
    case.save()
    Crisis.objects.create(case=case, what="Eviction threat", severity="high", recorded_by=world.bob)
    record_living_situation(
        world.p_act, code=Situation.PSYCHIATRIC, on=timezone.localdate(), by=world.bob
    )
    client.force_login(world.bob)
    row = _board(client, world.act_team).context["rows"][0]
    assert (row.crisis_24h, row.in_hospital, row.overdue) == (True, True, True)


def test_saving_the_meeting_keeps_attendance_lines_reviews_and_todays_contacts(client, world):
    case = Case.objects.get(person=world.p_act)
    client.force_login(world.bob)
    response = client.post(
        reverse("meetings:board", args=[world.act_team.pk]),
        {
            "attendees": [world.bob.pk],
            f"line-{case.pk}": "Calmer; wants help with the fridge.",
            f"reviewed-{case.pk}": "on",
            f"assign-{case.pk}": world.bob.pk,
            f"time-{case.pk}": "14:30",
            "version": "",
        },
    )
    assert response.status_code == 302
    meeting = TeamMeeting.objects.get()
    assert list(meeting.attendees.all()) == [world.bob]
    entry = meeting.entries.get()
    assert (entry.line, entry.reviewed) == ("Calmer; wants help with the fridge.", True)
    appointment = Appointment.objects.get()
    assert list(appointment.staff.all()) == [world.bob]
    # 14:30 in the organisation's own time zone, whatever the server's.
    zone = ZoneInfo(world.act_team.program.organisation.time_zone)
    assert timezone.localtime(appointment.starts_at, zone).strftime("%H:%M") == "14:30"


def test_two_people_saving_the_same_meeting_the_second_is_told(client, world):
    case = Case.objects.get(person=world.p_act)
    url = reverse("meetings:board", args=[world.act_team.pk])
    client.force_login(world.bob)
    client.post(url, {f"line-{case.pk}": "First", "version": ""})
    client.post(url, {f"line-{case.pk}": "Second", "version": "0"})
    stale = client.post(url, {f"line-{case.pk}": "Third, from an old page", "version": "0"})
    assert "Someone else changed" in stale.content.decode()
    assert TeamMeeting.objects.get().entries.get().line == "Second"


def test_a_bad_assignment_saves_nothing(client, world):
    case = Case.objects.get(person=world.p_act)
    client.force_login(world.bob)
    response = client.post(
        reverse("meetings:board", args=[world.act_team.pk]),
        {f"line-{case.pk}": "Line", f"assign-{case.pk}": world.oscar.pk},
    )
    assert response.status_code == 200
    assert not TeamMeeting.objects.exists()
    assert not Appointment.objects.exists()


def test_a_case_conference_is_scheduled_with_partners_and_its_strategy_recorded(client, world):
    case = Case.objects.get(person=world.p_icm)
    client.force_login(world.alice)
    response = client.post(
        reverse("meetings:conference_add", args=[case.pk]),
        {
            "scheduled_for": "2026-12-01T10:00",
            "purpose": "Repeated crises at night",
            "participants": [world.alice.pk],
            "partners": "Family doctor (with consent)",
            "status": "scheduled",
        },
    )
    assert response.status_code == 302
    conference = CaseConference.objects.get()
    response = client.post(
        reverse("meetings:conference_edit", args=[case.pk, conference.pk]),
        {
            "version": conference.version,
            "scheduled_for": "2026-12-01T10:00",
            "purpose": "Repeated crises at night",
            "participants": [world.alice.pk],
            "status": "held",
            "strategy": "Evening check-in calls for four weeks.",
            "plan_reference": "Goal: sleep through the night",
        },
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.status == "held"
    assert (
        "Case conference (Held)"
        in client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    )


def test_an_unresolved_eviction_notice_flags_the_home_at_risk_on_the_board(client, world):
    from housing.models import TenancyEvent

    case = Case.objects.get(person=world.p_act)
    move_in(case, by=world.bob, on=timezone.localdate() - timedelta(days=90), code=435)
    tenancy = world.p_act.tenancies.get()
    event = TenancyEvent.objects.create(
        tenancy=tenancy, kind="eviction_notice", recorded_by=world.bob
    )
    client.force_login(world.bob)
    assert _board(client, world.act_team).context["rows"][0].home_at_risk
    event.resolved_on = timezone.localdate()
    event.save()
    assert not _board(client, world.act_team).context["rows"][0].home_at_risk


@pytest.mark.parametrize(
    ("language", "names", "expected"),
    [
        ("fr", ["Bouchard", "Zola", "Bélanger"], ["Bélanger", "Bouchard", "Teamcase", "Zola"]),
        ("da", ["Østergaard", "Aagaard", "Zahle"], ["Teamcase", "Zahle", "Østergaard", "Aagaard"]),
    ],
)
def test_the_board_lists_names_in_the_readers_alphabetical_order(
    client, world, language, names, expected
):
    for name in names:
        t.make_case(team=world.act_team, by=world.bob, primary=world.bob, family_name=name)
    world.bob.language = language
    world.bob.save(update_fields=["language"])
    client.force_login(world.bob)
    rows = _board(client, world.act_team).context["rows"]
    assert [row.case.person.family_name for row in rows] == expected


def test_one_contact_is_one_contact_on_the_board_in_english_and_french(client, world):
    case = Case.objects.get(person=world.p_act)
    Contact.objects.create(
        case=case, kind="home_visit", minutes=30, place="home", recorded_by=world.bob
    )
    client.force_login(world.bob)
    body = _board(client, world.act_team).content.decode()
    assert "1 contact in 24 h, 1 contact in 7 days" in body
    world.bob.language = "fr"
    world.bob.save(update_fields=["language"])
    body = _board(client, world.act_team).content.decode()
    assert "1 contact en 24 h, 1 contact en 7 jours" in body
