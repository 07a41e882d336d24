"""DACTS from the records: the scale as data, its anchors at their boundaries, and hand-built
teams that sit exactly on them (issue 6 §3; shared/reference/dacts.md)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.lifecycle import move_in
from cases.models import ClosureReason, Stage
from fidelity.icm import check_icm
from fidelity.measures import measure_team
from fidelity.models import Review, Scale
from fidelity.reviews import rate_team, save_review
from fidelity.scale import builtin, parse
from hearth import testing as t
from meetings.models import MeetingEntry, TeamMeeting
from programs.models import ServiceModel
from programs.roles import Role
from roster.coverage import zone_of
from roster.models import Shift
from visits.models import Contact

pytestmark = pytest.mark.django_db
DACTS = parse(builtin())


def test_the_scale_is_data_with_its_source_and_all_28_items():
    assert len(DACTS.items) == 28
    assert "Teague" in DACTS.source
    computed = {i.code for i in DACTS.computed}
    assert computed == {
        *(f"H{n}" for n in range(1, 12)),
        "O2",
        "O4",
        "O7",
        "S1",
        "S2",
        "S4",
        "S5",
        "S6",
    }
    assert {i.code for i in DACTS.judged} == {
        "O1",
        "O3",
        "O5",
        "O6",
        "S3",
        *(f"S{n}" for n in range(7, 11)),
    }


def test_a_broken_definition_names_the_item_at_fault():
    data = builtin()
    data["items"][1]["anchors"][0] = [6, ">=", 90]
    with pytest.raises(ValidationError, match="H2"):
        parse(data)


@pytest.mark.parametrize(
    ("code", "value", "rating"),
    [
        # H1 clients per staff FTE: ≤10 / 11–20 / 21–34 / 35–49 / ≥50
        ("H1", "10", 5),
        ("H1", "10.01", 4),
        ("H1", "20", 4),
        ("H1", "21", 3),
        ("H1", "34", 3),
        ("H1", "35", 2),
        ("H1", "49", 2),
        ("H1", "50", 1),
        # H2 % seen by several staff: ≥90 / 64–89 / 37–63 / 10–36 / <10
        ("H2", "90", 5),
        ("H2", "89.99", 4),
        ("H2", "64", 4),
        ("H2", "63.9", 3),
        ("H2", "37", 3),
        ("H2", "36.9", 2),
        ("H2", "10", 2),
        ("H2", "9.99", 1),
        # H5 turnover: <20 / 20–39 / 40–59 / 60–80 / >80
        ("H5", "19.99", 5),
        ("H5", "20", 4),
        ("H5", "39.99", 4),
        ("H5", "40", 3),
        ("H5", "60", 2),
        ("H5", "80", 2),
        ("H5", "80.01", 1),
        # H7 psychiatrist FTE per 100: ≥1.0 / 0.7 / 0.4 / 0.1
        ("H7", "1.0", 5),
        ("H7", "0.99", 4),
        ("H7", "0.4", 3),
        ("H7", "0.1", 2),
        ("H7", "0.09", 1),
        # O2 most intakes in a month: ≤6 / 7–9 / 10–12 / 13–15 / >15
        ("O2", "6", 5),
        ("O2", "7", 4),
        ("O2", "9", 4),
        ("O2", "10", 3),
        ("O2", "15", 2),
        ("O2", "16", 1),
        # O7 % graduating a year: <5 / 5–17 / 18–37 / 38–90 / >90
        ("O7", "4.99", 5),
        ("O7", "5", 4),
        ("O7", "17", 4),
        ("O7", "37", 3),
        ("O7", "90", 2),
        ("O7", "90.01", 1),
        # S5 face-to-face contacts per client per week: ≥4 / 3 / 2 / 1 / <1
        ("S5", "4", 5),
        ("S5", "3.99", 4),
        ("S5", "2", 3),
        ("S5", "1", 2),
        ("S5", "0.99", 1),
        # H3 meetings a week: ≥4 (and every client reviewed) / 2 / 1 / twice a month / less
        ("H3", "3.99", 4),
        ("H3", "2", 4),
        ("H3", "1.99", 3),
        ("H3", "1", 3),
        ("H3", "0.46", 2),
        ("H3", "0.45", 1),
        # H4 % of the lead's time in direct service: ≥50 / 25–49 / routine backup / rare / none
        ("H4", "50", 5),
        ("H4", "49.99", 4),
        ("H4", "25", 4),
        ("H4", "5", 3),
        ("H4", "0.01", 2),
        ("H4", "0", 1),
        # H6 % of full staffing: ≥95 / 80–94 / 65–79 / 50–64 / <50
        ("H6", "95", 5),
        ("H6", "94.99", 4),
        ("H6", "80", 4),
        ("H6", "65", 3),
        ("H6", "50", 2),
        ("H6", "49.99", 1),
        # H8–H10 FTE per 100 clients: ≥2.0 / 1.4 / 0.8 / 0.2
        ("H8", "2", 5),
        ("H8", "1.99", 4),
        ("H9", "1.4", 4),
        ("H9", "0.8", 3),
        ("H10", "0.2", 2),
        ("H10", "0.19", 1),
        # H11 staff FTE: ≥10 / 7.5 / 5 / 2.5
        ("H11", "10", 5),
        ("H11", "9.99", 4),
        ("H11", "7.5", 4),
        ("H11", "5", 3),
        ("H11", "2.5", 2),
        ("H11", "2.49", 1),
        # O4 % of the hours covered: all / a third / any / none
        ("O4", "100", 5),
        ("O4", "99.99", 4),
        ("O4", "33", 4),
        ("O4", "32.99", 3),
        ("O4", "0.01", 3),
        ("O4", "0", 1),
        # S1 % in the community: ≥80 / 60 / 40 / 20
        ("S1", "80", 5),
        ("S1", "79.99", 4),
        ("S1", "60", 4),
        ("S1", "40", 3),
        ("S1", "20", 2),
        ("S1", "19.99", 1),
        # S2 % retained: ≥95 / 80 / 65 / 50
        ("S2", "95", 5),
        ("S2", "94.99", 4),
        ("S2", "80", 4),
        ("S2", "65", 3),
        ("S2", "50", 2),
        ("S2", "49.99", 1),
        # S4 face-to-face minutes per client per week: ≥120 / 85 / 50 / 15
        ("S4", "120", 5),
        ("S4", "119.99", 4),
        ("S4", "85", 4),
        ("S4", "50", 3),
        ("S4", "15", 2),
        ("S4", "14.99", 1),
        # S6 informal-support contacts per client per month: ≥4 / 2–3 / 1–2 / 0.5–1 / <0.5
        ("S6", "4", 5),
        ("S6", "3.9", 4),
        ("S6", "1", 3),
        ("S6", "0.5", 2),
        ("S6", "0.49", 1),
    ],
)
def test_each_anchor_rates_at_its_boundary(code, value, rating):
    assert DACTS.item(code).rate(Decimal(value)) == rating


def test_nothing_to_rate_on_is_the_lowest_rating():
    assert DACTS.item("S4").rate(None) == 1


def test_the_top_meeting_rating_needs_every_client_reviewed():
    h3 = DACTS.item("H3")
    assert h3.rate(Decimal(5)) == 4
    assert h3.rate(Decimal(5), flags=frozenset({"every_client_reviewed"})) == 5


@pytest.fixture
def act_team():
    program = t.make_program(model=ServiceModel.ACT)
    return t.make_team(program=program, name="ACT")


def _staff(team, role=Role.NURSE, fte=1, **dates):
    return t.add_member(t.make_user(), team=team, role=role, fte=fte, **dates)


def _clients(team, by, n, *, opened_on=None):
    return [t.make_case(team=team, by=by, opened_on=opened_on, confirm=True) for _ in range(n)]


def test_h1_ten_clients_for_one_full_time_member_is_a_five_eleven_a_four(act_team):
    member = _staff(act_team)
    _staff(act_team, role=Role.PSYCHIATRIST)  # not counted in H1
    today = timezone.localdate()
    _clients(act_team, member.user, 10)
    assert measure_team(act_team, on=today)["H1"].value == Decimal(10)
    assert DACTS.item("H1").rate(measure_team(act_team, on=today)["H1"].value) == 5
    _clients(act_team, member.user, 1)
    h1 = measure_team(act_team, on=today)["H1"]
    assert h1.value == Decimal(11) and DACTS.item("H1").rate(h1.value) == 4


def test_h2_and_s5_from_face_to_face_contacts(act_team):
    nurse, worker = _staff(act_team).user, _staff(act_team).user
    today = timezone.localdate()
    cases = _clients(act_team, nurse, 10)
    # 9 of 10 seen by two staff members in the last two weeks: 90 % → 5.
    for case in cases[:9]:
        visit = Contact.objects.create(
            case=case, on=today, kind="home_visit", minutes=60, place="home", recorded_by=nurse
        )
        visit.staff.set([nurse, worker])
    # The tenth seen by one, in the office.
    alone = Contact.objects.create(
        case=cases[9], on=today, kind="home_visit", minutes=30, place="office", recorded_by=nurse
    )
    alone.staff.set([nurse])
    measures = measure_team(act_team, on=today)
    assert measures["H2"].value == Decimal(90)
    assert DACTS.item("H2").rate(measures["H2"].value) == 5
    # 10 face-to-face contacts for 10 clients over four weeks: 0.25 a week → 1.
    assert measures["S5"].value == Decimal("0.25")
    # 9 of 10 in the community: 90 % → 5; minutes (9 × 60 + 30) / 10 / 4 = 14.25 → 1.
    assert measures["S1"].value == Decimal(90)
    assert measures["S4"].value == Decimal("14.25")
    assert DACTS.item("S4").rate(measures["S4"].value) == 1


def test_o2_counts_the_busiest_month_of_the_last_six(act_team):
    worker = _staff(act_team).user
    today = timezone.localdate()
    first_of_month = today.replace(day=1)
    _clients(act_team, worker, 7, opened_on=first_of_month)
    _clients(act_team, worker, 3, opened_on=first_of_month - timedelta(days=40))
    _clients(act_team, worker, 20, opened_on=today - timedelta(days=400))  # too long ago
    o2 = measure_team(act_team, on=today)["O2"]
    assert o2.value == Decimal(7) and DACTS.item("O2").rate(o2.value) == 4


def test_o4_round_the_clock_cover_is_a_five_and_a_gap_is_not(act_team):
    member = _staff(act_team)
    today = timezone.localdate()
    zone = zone_of(act_team.program)
    start = datetime.combine(today - timedelta(days=27), time(0), tzinfo=zone)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=zone)
    Shift.objects.create(
        team=act_team,
        user=member.user,
        kind="on_call",
        starts_at=start,
        ends_at=end,
        created_by=member.user,
    )
    assert measure_team(act_team, on=today)["O4"].value == Decimal(100)
    Shift.objects.all().update(ends_at=end - timedelta(hours=2))
    o4 = measure_team(act_team, on=today)["O4"]
    assert o4.value == Decimal("99.70") and DACTS.item("O4").rate(o4.value) == 4


def test_h3_daily_meetings_reviewing_everyone_rate_five(act_team):
    worker = _staff(act_team).user
    today = timezone.localdate()
    cases = _clients(act_team, worker, 2, opened_on=today - timedelta(days=60))
    for days_ago in range(0, 28):
        if (today - timedelta(days=days_ago)).weekday() < 5:  # weekdays: 20 meetings
            meeting = TeamMeeting.objects.create(
                team=act_team, on=today - timedelta(days=days_ago), saved_by=worker
            )
            for case in cases:
                MeetingEntry.objects.create(meeting=meeting, case=case, reviewed=True)
    h3 = measure_team(act_team, on=today)["H3"]
    assert h3.value == Decimal(5)
    assert DACTS.item("H3").rate(h3.value, flags=h3.flags) == 5
    MeetingEntry.objects.filter(case=cases[1]).update(reviewed=False)
    h3 = measure_team(act_team, on=today)["H3"]
    assert DACTS.item("H3").rate(h3.value, flags=h3.flags) == 4


def test_s2_and_o7_read_closures_by_their_reason(act_team):
    worker = _staff(act_team).user
    today = timezone.localdate()
    cases = _clients(act_team, worker, 20, opened_on=today - timedelta(days=500))
    from cases.models import Case

    # One graduated, one chose to end (a drop-out), one died: 19 of 20 not dropped out = 95 %.
    Case.objects.filter(pk=cases[0].pk).update(
        stage=Stage.CLOSED,
        closed_on=today - timedelta(days=30),
        closure_reason=ClosureReason.READY_MAINSTREAM,
    )
    Case.objects.filter(pk=cases[1].pk).update(
        stage=Stage.CLOSED,
        closed_on=today - timedelta(days=30),
        closure_reason=ClosureReason.PERSON_CHOSE_TO_END,
    )
    Case.objects.filter(pk=cases[2].pk).update(
        stage=Stage.CLOSED,
        closed_on=today - timedelta(days=30),
        closure_reason=ClosureReason.DECEASED,
    )
    measures = measure_team(act_team, on=today)
    assert measures["S2"].value == Decimal(95)
    assert DACTS.item("S2").rate(measures["S2"].value) == 5
    # One graduation against a mean caseload just under 20: about 5 % → 4.
    assert DACTS.item("O7").rate(measures["O7"].value) == 4


def test_fte_per_100_clients_and_program_size(act_team):
    lead = _staff(act_team, role=Role.TEAM_LEAD).user
    _staff(act_team, role=Role.PSYCHIATRIST, fte=0.5)
    _staff(act_team, role=Role.NURSE, fte=1)
    _clients(act_team, lead, 50)
    measures = measure_team(act_team, on=timezone.localdate())
    assert measures["H7"].value == Decimal(1)  # 0.5 FTE for 50 clients
    assert measures["H8"].value == Decimal(2)
    assert measures["H11"].value == Decimal("2.5")
    assert DACTS.item("H11").rate(measures["H11"].value) == 2


def test_h5_turnover_counts_who_left_in_two_years(act_team):
    today = timezone.localdate()
    for _ in range(4):
        _staff(act_team, start_date=today - timedelta(days=1000))
    _staff(act_team, start_date=today - timedelta(days=1000), end_date=today - timedelta(days=100))
    h5 = measure_team(act_team, on=today)["H5"]
    assert h5.value == Decimal(20) and DACTS.item("H5").rate(h5.value) == 4


def test_a_saved_review_keeps_its_scale_version_and_needs_every_judgment(act_team):
    reviewer = _staff(act_team, role=Role.TEAM_LEAD).user
    _clients(act_team, reviewer, 3)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        save_review(act_team, on=today, by=reviewer, judged={"O1": (4, "Written criteria")})
    assert "O3" in refused.value.message_dict
    judged = {item.code: (3, "Seen in the team's records") for item in DACTS.judged}
    review = save_review(act_team, on=today, by=reviewer, judged=judged)
    assert review.ratings.count() == 28
    assert review.scale == Scale.objects.current()
    rows = {row.item.code: row for row in rate_team(act_team, on=today)}
    assert review.ratings.get(code="H1").rating == rows["H1"].rating
    assert Decimal(1) <= review.total <= Decimal(5)
    assert Review.objects.count() == 1


def test_measuring_a_team_costs_the_same_queries_for_3_or_30_clients(
    act_team, django_assert_num_queries
):
    worker = _staff(act_team).user
    today = timezone.localdate()
    _clients(act_team, worker, 3)
    with django_assert_num_queries(9) as small:
        measure_team(act_team, on=today)
    _clients(act_team, worker, 27)
    with django_assert_num_queries(len(small.captured_queries)):
        measure_team(act_team, on=today)


def test_the_team_page_shows_every_item_and_outsiders_get_404(client, world):
    url = reverse("fidelity:team", args=[world.act_team.pk])
    client.force_login(world.bob)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    for code in ("H1", "H11", "O4", "S6", "S10"):
        assert f"{code} · " in text
    assert 'name="rating_O1"' not in text  # a nurse reads, the lead rates
    client.force_login(world.oscar)
    assert client.get(url).status_code == 404


def test_only_a_lead_saves_a_review_and_a_missing_judgment_is_said_beside_it(client, world):
    url = reverse("fidelity:team", args=[world.icm_team.pk])
    client.force_login(world.alice)
    client.post(url, {"rating_O1": "4", "note_O1": "x"})
    assert not Review.objects.exists()
    client.force_login(world.tina)
    page = client.post(url, {"rating_O1": "4", "note_O1": "Written criteria"})
    assert page.status_code == 200 and "Rate this item from 1 to 5." in page.content.decode()
    assert not Review.objects.exists()
    judged = {}
    for item in DACTS.judged:
        judged[f"rating_{item.code}"] = "3"
        judged[f"note_{item.code}"] = "From the team's records and an interview"
    response = client.post(url, judged)
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.team == world.icm_team and review.reviewer == world.tina
    assert client.get(url).content.decode().count(review.on.strftime("%Y")) >= 1


def test_the_page_costs_the_same_queries_with_more_reviews(
    client, world, django_assert_num_queries
):
    url = reverse("fidelity:team", args=[world.icm_team.pk])
    judged = {item.code: (3, "ok") for item in DACTS.judged}
    save_review(world.icm_team, on=timezone.localdate(), by=world.tina, judged=judged)
    client.force_login(world.tina)
    client.get(url)
    with django_assert_num_queries(27) as first:
        client.get(url)
    for _ in range(3):
        save_review(world.icm_team, on=timezone.localdate(), by=world.tina, judged=judged)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def _check(checks, code):
    return next(c for c in checks if c.code == code)


def test_icm_twenty_persons_for_one_case_manager_meets_the_canadian_standard_21_does_not():
    team = t.make_team(program=t.make_program(model=ServiceModel.ICM))
    worker = _staff(team, role=Role.CASE_MANAGER).user
    today = timezone.localdate()
    _clients(team, worker, 20)
    from cases.models import Case

    Case.objects.filter(team=team).update(primary_worker=worker)
    assert _check(check_icm(team, on=today), "persons_per_worker").met
    extra = _clients(team, worker, 1)[0]
    Case.objects.filter(pk=extra.pk).update(primary_worker=worker)
    assert not _check(check_icm(team, on=today), "persons_per_worker").met


def test_icm_a_week_without_a_visit_in_the_first_months_is_counted():
    team = t.make_team(program=t.make_program(model=ServiceModel.ICM))
    worker = _staff(team, role=Role.CASE_MANAGER).user
    today = timezone.localdate()
    case = _clients(team, worker, 1, opened_on=today - timedelta(days=40))[0]
    move_in(case, by=worker, on=today - timedelta(days=21), code=435)
    for days_ago in (20, 6):  # weeks 1 and 3 after moving in; week 2 missed
        Contact.objects.create(
            case=case,
            on=today - timedelta(days=days_ago),
            kind="home_visit",
            minutes=30,
            place="home",
            recorded_by=worker,
        )
    weekly = _check(check_icm(team, on=today), "weekly_visit")
    assert not weekly.met
    assert "2 of 3 weeks" in str(weekly.actual) and "1 person with a week missed" in str(
        weekly.actual
    )


def test_danish_icm_asks_for_a_coordinator_and_a_plan_in_the_persons_own_words():
    from programs.models import Country

    organisation = t.make_organisation(country=Country.DENMARK, language="da")
    team = t.make_team(program=t.make_program(organisation=organisation, model=ServiceModel.ICM))
    worker = _staff(team, role=Role.CASE_MANAGER).user
    today = timezone.localdate()
    case = t.make_case(team=team, by=worker, primary=worker)
    checks = check_icm(team, on=today)
    assert _check(checks, "persons_per_worker").required == "at most 8"
    assert _check(checks, "coordinator").met
    assert not _check(checks, "own_plan").met
    from plans.testing import make_plan

    make_plan(case, by=worker)
    assert _check(check_icm(team, on=today), "own_plan").met


def test_the_self_assessment_scores_each_domain_as_the_mean_of_its_answers():
    from fidelity import self_assessment as phf

    answers = dict.fromkeys(phf.QUESTIONS, 4)
    answers |= {"HC1": 1, "HC2": 2}  # housing choice: (1 + 2 + 4 + 4 + 4) / 5 = 3
    scores = phf.score(answers)
    assert scores["housing_choice"] == Decimal("3.00")
    assert scores["separation"] == Decimal("4.00")
    del answers["SA6"]
    with pytest.raises(ValidationError) as refused:
        phf.score(answers)
    assert list(refused.value.message_dict) == ["SA6"]


def test_a_program_manager_saves_the_self_assessment_and_a_worker_only_reads_it(client, world):
    from fidelity import self_assessment as phf
    from fidelity.models import SelfAssessment

    url = reverse("fidelity:self_assessment", args=[world.icm_team.program_id])
    answers = dict.fromkeys(phf.QUESTIONS, "3")
    client.force_login(world.alice)
    assert client.get(url).status_code == 200
    client.post(url, answers)
    assert not SelfAssessment.objects.exists()
    client.force_login(world.pam)
    assert client.post(url, answers).status_code == 302
    saved = SelfAssessment.objects.get()
    assert saved.scores["structure"] == "3.00" and saved.by == world.pam
    client.force_login(world.oscar)
    assert client.get(url).status_code == 404


def test_self_assessment_scores_are_written_the_way_the_language_writes_them(client, world):
    from fidelity import self_assessment as phf

    url = reverse("fidelity:self_assessment", args=[world.icm_team.program_id])
    answers = dict.fromkeys(phf.QUESTIONS, "4") | {"HC1": "3", "HC2": "3"}  # (3+3+4+4+4)/5
    client.force_login(world.pam)
    client.post(url, answers)
    content = client.get(url, HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "3,60 / 4" in content
    assert "3.60" not in content
