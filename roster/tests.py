"""Shifts, on-call duty and the coverage check (R1–R3; issue 3, item 7)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Case
from hearth import testing as t
from people.models import HouseholdMember
from programs.roles import Role
from roster.coverage import coverage_summary, required_windows, uncovered
from roster.models import Shift
from visits.models import Contact, Crisis

pytestmark = pytest.mark.django_db

TORONTO = "America/Toronto"
COPENHAGEN = "Europe/Copenhagen"
ROSTER_PAGE_QUERIES = 10
CRISIS_SUMMARY_QUERIES = 14

# The four daylight-saving changes of 2026 the coverage check must get right.
SPRING_FORWARD = [(TORONTO, (2026, 3, 8)), (COPENHAGEN, (2026, 3, 29))]
FALL_BACK = [(TORONTO, (2026, 11, 1)), (COPENHAGEN, (2026, 10, 25))]


def at(zone: str, y: int, m: int, d: int, h: int = 0, minute: int = 0) -> datetime:
    """A local wall-clock time in ``zone``."""
    return datetime(y, m, d, h, minute, tzinfo=ZoneInfo(zone))


def in_zone(team, zone: str):
    organisation = team.program.organisation
    organisation.time_zone = zone
    organisation.save()
    return team


def shift(team, user, starts_at, ends_at, *, kind=Shift.Kind.SHIFT) -> Shift:
    return Shift.objects.create(
        team=team, user=user, kind=kind, starts_at=starts_at, ends_at=ends_at, created_by=user
    )


def local_hours(gap, zone: str) -> tuple[int, int]:
    z = ZoneInfo(zone)
    return gap.start.astimezone(z).hour, gap.end.astimezone(z).hour


# Coverage --------------------------------------------------------------------------------------


def test_a_24x7_act_team_with_one_uncovered_night_has_exactly_that_gap(world):
    team, bob = world.act_team, world.bob
    shift(team, bob, at(TORONTO, 2026, 6, 1, 8), at(TORONTO, 2026, 6, 1, 20))
    shift(team, bob, at(TORONTO, 2026, 6, 2, 8), at(TORONTO, 2026, 6, 2, 20))
    shift(
        team,
        world.psychiatrist,
        at(TORONTO, 2026, 6, 2, 20),
        at(TORONTO, 2026, 6, 3, 8),
        kind=Shift.Kind.ON_CALL,
    )

    gaps = uncovered(team, start=at(TORONTO, 2026, 6, 1, 8), end=at(TORONTO, 2026, 6, 3, 8))

    assert [(g.start, g.end, g.hours) for g in gaps] == [
        (at(TORONTO, 2026, 6, 1, 20), at(TORONTO, 2026, 6, 2, 8), 12)
    ]


def test_a_7x12_icm_team_must_cover_8_to_20_every_day_and_nothing_else(world):
    team, alice = world.icm_team, world.alice
    for day in range(1, 8):
        end_hour = 14 if day == 3 else 20
        shift(team, alice, at(TORONTO, 2026, 6, day, 8), at(TORONTO, 2026, 6, day, end_hour))

    summary = coverage_summary(team, start=at(TORONTO, 2026, 6, 1), end=at(TORONTO, 2026, 6, 8))

    assert summary.required_hours == 7 * 12
    assert summary.covered_hours == 7 * 12 - 6
    assert [(g.start, g.end, g.hours) for g in summary.gaps] == [
        (at(TORONTO, 2026, 6, 3, 14), at(TORONTO, 2026, 6, 3, 20), 6)
    ]


def test_a_7x12_team_has_no_gap_at_night(world):
    team = world.icm_team
    shift(team, world.alice, at(TORONTO, 2026, 6, 1, 8), at(TORONTO, 2026, 6, 1, 20))

    assert uncovered(team, start=at(TORONTO, 2026, 6, 1, 8), end=at(TORONTO, 2026, 6, 2, 8)) == []


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [*((z, d, 23) for z, d in SPRING_FORWARD), *((z, d, 25) for z, d in FALL_BACK)],
)
def test_an_uncovered_24x7_day_at_a_dst_change_is_23_or_25_real_hours(world, zone, day, hours):
    team = in_zone(world.act_team, zone)
    start = at(zone, *day)
    end = start + timedelta(days=1)  # zoneinfo adds by wall clock: the next local midnight

    summary = coverage_summary(team, start=start, end=end)

    assert [g.hours for g in summary.gaps] == [hours]
    assert summary.required_hours == hours
    assert summary.covered_hours == 0


@pytest.mark.parametrize(("zone", "day"), SPRING_FORWARD + FALL_BACK)
def test_7x12_stays_8_to_20_wall_clock_and_12_hours_across_a_dst_change(world, zone, day):
    team = in_zone(world.icm_team, zone)
    middle = at(zone, *day)

    gaps = uncovered(team, start=middle - timedelta(days=1), end=middle + timedelta(days=2))

    assert len(gaps) == 3
    assert [g.hours for g in gaps] == [12, 12, 12]
    assert [local_hours(g, zone) for g in gaps] == [(8, 20)] * 3
    # The UTC start moves by an hour with the clocks, the wall clock does not.
    assert len({g.start.astimezone(UTC).hour for g in gaps}) == 2


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [*((z, d, 5) for z, d in SPRING_FORWARD), *((z, d, 7) for z, d in FALL_BACK)],
)
def test_a_gap_from_midnight_to_6_on_a_dst_night_counts_the_real_hours(world, zone, day, hours):
    team = in_zone(world.act_team, zone)
    midnight = at(zone, *day)
    shift(team, world.bob, at(zone, *day, 6), at(zone, *day, 18))

    gaps = uncovered(team, start=midnight, end=at(zone, *day, 18))

    assert [(local_hours(g, zone), g.hours) for g in gaps] == [((0, 6), hours)]


@pytest.mark.parametrize(
    ("zone", "day", "night_hours"),
    [*((z, d, 11) for z, d in SPRING_FORWARD), *((z, d, 13) for z, d in FALL_BACK)],
)
def test_a_night_on_call_across_a_dst_change_covers_the_24x7_night(world, zone, day, night_hours):
    team = in_zone(world.act_team, zone)
    midnight = at(zone, *day)  # wall-clock arithmetic below: 08:00, 20:00, 08:00, 20:00
    day_before, evening = midnight - timedelta(hours=16), midnight - timedelta(hours=4)
    morning, next_evening = midnight + timedelta(hours=8), midnight + timedelta(hours=20)
    shift(team, world.bob, day_before, evening)
    night = shift(team, world.psychiatrist, evening, morning, kind=Shift.Kind.ON_CALL)
    shift(team, world.bob, morning, next_evening)

    summary = coverage_summary(team, start=day_before, end=next_evening)

    assert night.hours == night_hours
    assert summary.gaps == []
    assert summary.required_hours == summary.covered_hours == 12 + night_hours + 12


def test_overlapping_shifts_are_not_counted_twice(world):
    team = world.icm_team
    shift(team, world.alice, at(TORONTO, 2026, 6, 1, 8), at(TORONTO, 2026, 6, 1, 16))
    shift(team, world.tina, at(TORONTO, 2026, 6, 1, 12), at(TORONTO, 2026, 6, 1, 20))
    shift(team, world.tina, at(TORONTO, 2026, 6, 1, 9), at(TORONTO, 2026, 6, 1, 10))

    summary = coverage_summary(team, start=at(TORONTO, 2026, 6, 1), end=at(TORONTO, 2026, 6, 2))

    assert (summary.required_hours, summary.covered_hours, summary.gaps) == (12, 12, [])


def test_another_teams_shifts_do_not_cover_this_team(world):
    shift(world.icm_team_b, world.alice, at(TORONTO, 2026, 6, 1, 8), at(TORONTO, 2026, 6, 1, 20))

    gaps = uncovered(world.icm_team, start=at(TORONTO, 2026, 6, 1), end=at(TORONTO, 2026, 6, 2))

    assert [g.hours for g in gaps] == [12]


def test_office_hours_are_monday_to_friday_9_to_17(world):
    program = world.icm_team.program
    program.coverage_policy = "office"

    windows = required_windows(  # Friday 5 June to Monday 8 June 2026
        program, start=at(TORONTO, 2026, 6, 5), end=at(TORONTO, 2026, 6, 9)
    )

    assert windows == [
        (at(TORONTO, 2026, 6, 5, 9), at(TORONTO, 2026, 6, 5, 17)),
        (at(TORONTO, 2026, 6, 8, 9), at(TORONTO, 2026, 6, 8, 17)),
    ]


def test_the_coverage_check_costs_one_query_for_any_number_of_shifts(world):
    team = world.act_team
    start = at(TORONTO, 2026, 6, 1)
    for i in range(100):
        begin = start + timedelta(hours=6 * i)
        shift(team, world.bob, begin, begin + timedelta(hours=5))

    with CaptureQueriesContext(connection) as ctx:
        gaps = uncovered(team, start=start, end=start + timedelta(days=25))

    assert len(ctx.captured_queries) == 1
    assert len(gaps) == 100 and all(g.hours == 1 for g in gaps)


# Shifts ----------------------------------------------------------------------------------------


def test_a_shift_longer_than_24_hours_is_refused(world):
    start = at(TORONTO, 2026, 6, 1, 8)
    s = Shift(
        team=world.act_team,
        user=world.bob,
        starts_at=start,
        ends_at=start + timedelta(hours=25),
        created_by=world.bob,
    )

    with pytest.raises(ValidationError) as error:
        s.full_clean()

    assert "ends_at" in error.value.message_dict


def test_midnight_to_midnight_on_the_fall_back_day_is_25_hours_and_refused(world):
    team = in_zone(world.act_team, COPENHAGEN)
    day = at(COPENHAGEN, 2026, 10, 25)
    s = Shift(
        team=team,
        user=world.bob,
        starts_at=day,
        ends_at=day.replace(day=26),
        created_by=world.bob,
    )

    with pytest.raises(ValidationError) as error:
        s.full_clean()

    assert s.hours == 25
    assert "ends_at" in error.value.message_dict


def test_a_shift_ends_after_it_starts(world):
    start = at(TORONTO, 2026, 6, 1, 8)
    s = Shift(
        team=world.act_team, user=world.bob, starts_at=start, ends_at=start, created_by=world.bob
    )

    with pytest.raises(ValidationError) as error:
        s.full_clean()

    assert list(error.value.message_dict) == ["ends_at"]


def test_only_a_member_of_the_team_can_be_rostered(world):
    start = at(TORONTO, 2026, 6, 1, 8)
    s = Shift(
        team=world.act_team,
        user=world.alice,
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        created_by=world.bob,
    )

    with pytest.raises(ValidationError) as error:
        s.full_clean()

    assert list(error.value.message_dict) == ["user"]


# Pages -----------------------------------------------------------------------------------------


def test_a_team_lead_adds_a_shift_in_the_organisations_time_zone(client, world):
    team = in_zone(world.icm_team, COPENHAGEN)
    client.force_login(world.tina)

    response = client.post(
        reverse("roster:shift_add", args=[team.pk]),
        {
            "user": world.alice.pk,
            "kind": "on_call",
            "starts_at": "2026-12-01T08:00",
            "ends_at": "2026-12-01T20:00",
        },
    )

    assert response.status_code == 302
    s = Shift.objects.get()
    assert s.starts_at == datetime(2026, 12, 1, 7, tzinfo=UTC)  # 08:00 CET
    assert (s.user, s.kind, s.created_by) == (world.alice, "on_call", world.tina)


def test_the_shift_form_offers_only_the_teams_active_staff(client, world):
    client.force_login(world.tina)

    response = client.get(reverse("roster:shift_add", args=[world.icm_team.pk]))

    assert set(response.context["form"].fields["user"].queryset) == {world.alice, world.tina}


def test_a_non_lead_cannot_add_a_shift(client, world):
    client.force_login(world.alice)
    url = reverse("roster:shift_add", args=[world.icm_team.pk])

    response = client.post(
        url,
        {
            "user": world.alice.pk,
            "kind": "shift",
            "starts_at": "2026-12-01T08:00",
            "ends_at": "2026-12-01T20:00",
        },
    )

    assert response.status_code == 403
    assert client.get(url).status_code == 403
    assert not Shift.objects.exists()


def test_a_team_lead_removes_a_future_shift_but_not_one_under_way(client, world):
    now = timezone.now()
    future = shift(
        world.icm_team, world.alice, now + timedelta(days=1), now + timedelta(days=1, hours=8)
    )
    current = shift(world.icm_team, world.alice, now - timedelta(hours=1), now + timedelta(hours=7))
    client.force_login(world.tina)

    client.post(reverse("roster:shift_delete", args=[future.pk]))
    client.post(reverse("roster:shift_delete", args=[current.pk]))

    assert list(Shift.objects.all()) == [current]


def test_a_team_member_cannot_remove_a_shift(client, world):
    now = timezone.now()
    s = shift(
        world.icm_team, world.alice, now + timedelta(days=1), now + timedelta(days=1, hours=8)
    )
    client.force_login(world.alice)

    assert client.post(reverse("roster:shift_delete", args=[s.pk])).status_code == 403
    client.force_login(world.bob)
    assert client.post(reverse("roster:shift_delete", args=[s.pk])).status_code == 404
    assert Shift.objects.filter(pk=s.pk).exists()


def test_the_roster_page_lists_gaps_with_their_hours_and_the_policy(client, world):
    team = world.act_team
    client.force_login(world.bob)

    response = client.get(reverse("roster:team", args=[team.pk]))

    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.gaps and summary.covered_hours == 0
    assert "24/7" in response.content.decode()
    assert len(response.context["days"]) == 28
    assert "form" not in response.context  # not a lead


def test_the_roster_page_is_not_found_outside_ones_teams(client, world):
    client.force_login(world.alice)

    assert client.get(reverse("roster:team", args=[world.act_team.pk])).status_code == 404
    assert client.get(reverse("roster:on_call", args=[world.south_team.pk])).status_code == 404


def _fill_roster(team, users, n):
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for i in range(n):
        begin = start + timedelta(hours=3 * i)
        shift(team, users[i % len(users)], begin, begin + timedelta(hours=4))


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_roster_page_costs_the_same_for_5_and_200_shifts(client, world):
    team = world.icm_team
    url = reverse("roster:team", args=[team.pk])
    client.force_login(world.tina)
    _fill_roster(team, [world.alice, world.tina], 5)
    small = _count(client, url)
    Shift.objects.all().delete()
    _fill_roster(team, [world.alice, world.tina], 200)
    large = _count(client, url)

    assert small == large == ROSTER_PAGE_QUERIES


# On call ---------------------------------------------------------------------------------------


def test_the_on_call_person_is_shown_first_with_their_phone(client, world):
    now = timezone.now()
    world.psychiatrist.phone = "+1 416 555 0199"
    world.psychiatrist.save()
    shift(world.act_team, world.bob, now - timedelta(hours=2), now + timedelta(hours=2))
    duty = shift(
        world.act_team,
        world.psychiatrist,
        now - timedelta(hours=1),
        now + timedelta(hours=5),
        kind=Shift.Kind.ON_CALL,
    )
    client.force_login(world.bob)

    response = client.get(reverse("roster:on_call", args=[world.act_team.pk]))

    assert response.context["reachable"] == [duty]
    assert response.context["handover"] == duty.ends_at
    assert 'href="tel:+1 416 555 0199"' in response.content.decode()


def test_whoever_is_on_shift_is_shown_when_nobody_is_on_call(client, world):
    now = timezone.now()
    on_shift = shift(world.act_team, world.bob, now - timedelta(hours=2), now + timedelta(hours=2))
    client.force_login(world.psychiatrist)

    response = client.get(reverse("roster:on_call", args=[world.act_team.pk]))

    assert response.context["reachable"] == [on_shift]
    assert response.context["is_on_call_duty"] is False


def test_shifts_that_ended_or_have_not_started_are_not_on_call_now(world):
    now = timezone.now()
    shift(world.act_team, world.bob, now - timedelta(hours=8), now, kind=Shift.Kind.ON_CALL)
    shift(
        world.act_team,
        world.bob,
        now + timedelta(minutes=1),
        now + timedelta(hours=8),
        kind=Shift.Kind.ON_CALL,
    )

    assert not Shift.objects.for_team(world.act_team).on_call_at(now).exists()


# Crisis summary --------------------------------------------------------------------------------


def _on_call(team, user, *, kind=Shift.Kind.ON_CALL) -> Shift:
    now = timezone.now()
    return shift(team, user, now - timedelta(hours=1), now + timedelta(hours=11), kind=kind)


def _summary_url(team, person) -> str:
    return reverse("roster:crisis_summary", args=[team.pk, person.pk])


def test_the_crisis_summary_is_not_found_for_a_team_member_not_on_call(client, world):
    _on_call(world.act_team, world.psychiatrist)
    _on_call(world.act_team, world.bob, kind=Shift.Kind.SHIFT)  # on shift is not on call
    client.force_login(world.bob)

    assert client.get(_summary_url(world.act_team, world.p_act)).status_code == 404
    assert not AuditEvent.objects.filter(detail__has_key="on_call_shift").exists()


def test_the_crisis_summary_is_not_found_for_the_on_call_person_of_another_team(client, world):
    _on_call(world.icm_team, world.alice)
    client.force_login(world.alice)

    assert client.get(_summary_url(world.act_team, world.p_act)).status_code == 404
    assert client.get(_summary_url(world.icm_team, world.p_act)).status_code == 404
    assert client.get(_summary_url(world.icm_team, world.p_icm_b)).status_code == 404


def test_the_crisis_summary_is_not_found_for_a_closed_case(client, world):
    _on_call(world.icm_team, world.alice)
    Case.objects.filter(person=world.p_icm).update(stage="closed", closed_on=timezone.localdate())
    client.force_login(world.alice)

    assert client.get(_summary_url(world.icm_team, world.p_icm)).status_code == 404


def test_the_person_on_call_opens_the_crisis_summary(client, world):
    case = Case.objects.get(person=world.p_act)
    world.p_act.phone = "+1 514 555 0142"
    world.p_act.interpreter_needed = True
    world.p_act.save()
    world.bob.phone = "+1 514 555 0100"
    world.bob.save()
    HouseholdMember.objects.create(person=world.p_act, relationship="child", name="Kim")
    Crisis.objects.create(
        case=case, what="Eviction threatened", severity="high", recorded_by=world.bob
    )
    _on_call(world.act_team, world.psychiatrist)
    client.force_login(world.psychiatrist)

    response = client.get(_summary_url(world.act_team, world.p_act))

    assert response.status_code == 200
    body = response.content.decode()
    for text in ["Acacia", "tel:+1 514 555 0142", "tel:+1 514 555 0100", "Kim", "Eviction"]:
        assert text in body


def test_opening_a_crisis_summary_is_recorded_and_shown_to_the_team_lead(client, world):
    duty = _on_call(world.icm_team, world.alice)
    client.force_login(world.alice)
    client.get(reverse("roster:on_call", args=[world.icm_team.pk]))  # a list, not an opening
    client.get(_summary_url(world.icm_team, world.p_icm))

    event = AuditEvent.objects.get(action="view", person_id=world.p_icm.pk)
    assert (event.user, event.detail) == (world.alice, {"on_call_shift": duty.pk})

    client.force_login(world.tina)
    response = client.get(reverse("roster:team", args=[world.icm_team.pk]))
    assert list(response.context["accesses"]) == [event]
    assert "Imogen" in response.content.decode()


def test_another_teams_lead_does_not_see_the_on_call_access(client, world):
    _on_call(world.icm_team, world.alice)
    client.force_login(world.alice)
    client.get(_summary_url(world.icm_team, world.p_icm))
    lead_b = t.make_user(username="lead_b")
    t.add_member(lead_b, role=Role.TEAM_LEAD, team=world.icm_team_b)

    client.force_login(lead_b)
    response = client.get(reverse("roster:team", args=[world.icm_team_b.pk]))

    assert response.context["accesses"] == []


def test_the_crisis_summary_costs_the_same_for_1_and_20_crises_and_contacts(client, world):
    case = Case.objects.get(person=world.p_act)
    _on_call(world.act_team, world.psychiatrist)
    client.force_login(world.psychiatrist)

    def add(n):
        for i in range(n):
            crisis = Crisis.objects.create(
                case=case, what=f"Crisis {i}", severity="low", recorded_by=world.bob
            )
            crisis.responders.add(world.bob)
            contact = Contact.objects.create(
                case=case, kind="crisis", minutes=30, place="home", recorded_by=world.bob
            )
            contact.staff.add(world.bob, world.psychiatrist)
            HouseholdMember.objects.create(person=world.p_act, relationship="other", name=f"H{i}")

    add(1)
    small = _count(client, _summary_url(world.act_team, world.p_act))
    add(19)
    large = _count(client, _summary_url(world.act_team, world.p_act))

    assert small == large == CRISIS_SUMMARY_QUERIES


def test_the_on_call_page_lists_the_teams_people_only_for_the_person_on_call(client, world):
    _on_call(world.act_team, world.psychiatrist)
    url = reverse("roster:on_call", args=[world.act_team.pk])

    client.force_login(world.bob)
    assert "Acacia" not in client.get(url).content.decode()
    client.force_login(world.psychiatrist)
    assert _summary_url(world.act_team, world.p_act) in client.get(url).content.decode()


# API -------------------------------------------------------------------------------------------


def test_the_api_lists_shifts_of_visible_teams_only(client, world):
    now = timezone.now()
    mine = shift(world.act_team, world.bob, now, now + timedelta(hours=8))
    shift(world.south_team, world.oscar, now, now + timedelta(hours=8))
    client.force_login(world.bob)

    data = client.get(reverse("shift-list")).json()

    assert [s["id"] for s in data["results"]] == [mine.pk]
    assert set(data["results"][0]) == {"id", "team", "user", "kind", "starts_at", "ends_at"}


def test_the_api_reports_the_coverage_gaps_of_the_next_four_weeks(client, world):
    client.force_login(world.bob)

    data = client.get(reverse("shift-coverage"), {"team": world.act_team.pk}).json()

    assert data["policy"] == "24x7" and data["covered_hours"] == 0
    assert len(data["gaps"]) == 1
    assert data["gaps"][0]["hours"] == data["uncovered_hours"] == data["required_hours"]


def test_the_api_coverage_of_a_team_out_of_reach_is_not_found(client, world):
    client.force_login(world.bob)
    url = reverse("shift-coverage")

    assert client.get(url, {"team": world.south_team.pk}).status_code == 404
    assert client.get(url, {"team": "x"}).status_code == 400


def test_the_on_call_list_of_the_teams_people_is_in_the_readers_alphabetical_order(client, world):
    for name in ["Bouchard", "Zola", "Bélanger"]:
        t.make_case(team=world.act_team, by=world.bob, primary=world.bob, family_name=name)
    _on_call(world.act_team, world.psychiatrist)
    world.psychiatrist.language = "fr"
    world.psychiatrist.save(update_fields=["language"])
    client.force_login(world.psychiatrist)
    response = client.get(reverse("roster:on_call", args=[world.act_team.pk]))
    names = [p.family_name for p in response.context["persons"]]
    assert names == ["Bélanger", "Bouchard", "Teamcase", "Zola"]


@pytest.mark.parametrize("team", ["9" * 30, "²", "-1"])
def test_the_api_refuses_a_team_that_no_id_can_be_in_words(client, world, team):
    client.force_login(world.bob)
    for name in ("shift-list", "shift-coverage"):
        response = client.get(reverse(name), {"team": team})
        assert response.status_code == 400
        assert response.json() == {"team": ["Give the id of a team."]}
