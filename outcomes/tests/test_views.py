"""The program dashboard: who sees which figures, exports, the board's PDF and a query count
that does not grow with the program (issue 6 §6; R4, R25, R36)."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from hearth import testing as t
from housing.models import LivingSituation, Tenancy
from housing.situations import Situation
from programs.models import Membership

pytestmark = pytest.mark.django_db


def _url(world, **query):
    url = reverse("outcomes:dashboard", args=[world.icm_team.program_id])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _housed(world, n, *, team=None):
    today = timezone.localdate()
    for _ in range(n):
        case = t.make_case(
            team=team or world.icm_team,
            by=world.alice,
            primary=world.alice,
            opened_on=today - timedelta(days=90),
            confirm=True,
        )
        on = today - timedelta(days=60)
        Tenancy.objects.create(person=case.person, started_on=on, recorded_by=world.alice)
        LivingSituation.objects.create(
            person=case.person,
            code=Situation.RENTAL_SUBSIDY,
            started_on=on,
            is_move_in=True,
            recorded_by=world.alice,
        )


def test_an_outsider_gets_404(client, world):
    client.force_login(world.oscar)
    assert client.get(_url(world)).status_code == 404


def test_a_member_of_another_program_gets_404(client, world):
    client.force_login(world.bob)
    assert client.get(_url(world)).status_code == 404


def test_a_program_manager_sees_the_whole_program(client, world):
    client.force_login(world.pam)
    response = client.get(_url(world))
    assert response.status_code == 200
    assert response.context["team"] is None
    assert [team.name for team in response.context["teams"]] == ["ICM A", "ICM B"]


def test_a_data_administrator_may_pick_any_team(client, world):
    client.force_login(world.dora)
    response = client.get(_url(world, team=world.icm_team_b.pk))
    assert response.status_code == 200
    assert response.context["team"] == world.icm_team_b


def test_a_case_manager_sees_their_own_teams_figures(client, world):
    client.force_login(world.alice)
    response = client.get(_url(world))
    assert response.status_code == 200
    assert response.context["team"] == world.icm_team
    assert response.context["whole"] is False


def test_a_worker_cannot_pick_another_teams_figures(client, world):
    client.force_login(world.alice)
    assert client.get(_url(world, team=world.icm_team_b.pk)).status_code == 404


def test_no_persons_name_is_on_the_dashboard(client, world):
    client.force_login(world.pam)
    content = client.get(_url(world)).content.decode()
    for person in world.everyone:
        assert person.given_name not in content
        assert person.family_name not in content


def test_a_bad_period_falls_back_to_the_last_twelve_months_with_a_message(client, world):
    client.force_login(world.pam)
    response = client.get(_url(world, start="2026-13-01"))
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["end"] == today
    assert [str(m) for m in response.context["messages"]]


def test_the_summary_exports_as_csv_with_its_numbers_and_is_audited(client, world):
    _housed(world, 2)
    client.force_login(world.pam)
    response = client.get(_url(world, export="summary", format="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Measure", "Value", "Persons"]
    assert rows[1][0] == "Out of homelessness at the end (%)"
    assert rows[1][1:] == ["50.0", "4"]  # 2 housed of 4 served
    event = AuditEvent.objects.get(action="export")
    assert event.user == world.pam
    assert event.detail["table"] == "summary"
    assert event.person_id is None


def test_a_table_exports_as_excel_with_numbers_in_cells(client, world):
    _housed(world, 1)
    client.force_login(world.pam)
    response = client.get(_url(world, export="situations", format="xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Living situation", "Persons")
    assert ("Homeless", 2) in rows
    assert ("Permanent housing", 1) in rows


def test_an_unknown_export_is_404(client, world):
    client.force_login(world.pam)
    assert client.get(_url(world, export="names", format="csv")).status_code == 404
    assert client.get(_url(world, export="summary", format="doc")).status_code == 404


def test_the_board_report_is_a_pdf_and_is_audited(client, world):
    _housed(world, 1)
    client.force_login(world.pam)
    response = client.get(_url(world, export="report", format="pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", detail__table="report").exists()


def test_numbers_are_written_the_way_the_language_writes_them(client, world):
    _housed(world, 1)
    client.force_login(world.pam)
    content = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "33,3" in content  # 1 of 3 in their own home, with a decimal comma


def _page_queries(client, world) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(world)).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_takes_the_same_queries_for_5_and_50_persons(client, world):
    client.force_login(world.pam)
    _housed(world, 5)
    small = _page_queries(client, world)
    _housed(world, 45, team=world.icm_team_b)
    assert _page_queries(client, world) == small == 31


def test_the_retention_table_exports_the_steps_of_the_curve(client, world):
    """R25: two moved in 60 days ago, one lost the home after 20 days: 50 % still housed."""
    _housed(world, 2)
    person = world.icm_team.cases.latest("pk").person
    LivingSituation.objects.create(
        person=person,
        code=Situation.EMERGENCY_SHELTER,
        started_on=timezone.localdate() - timedelta(days=40),
        is_housing_loss=True,
        recorded_by=world.alice,
    )
    client.force_login(world.pam)
    response = client.get(_url(world, export="retention", format="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["20", "2", "1", "0", "50.0"]
    assert rows[-1] == ["60", "1", "0", "1", "50.0"]


def test_a_team_lead_sees_only_their_own_team(client, world):
    client.force_login(world.tina)
    response = client.get(_url(world))
    assert response.context["team"] == world.icm_team
    assert response.context["teams"] == [world.icm_team]


def _organisation_url(world, **query):
    url = reverse("outcomes:organisation_dashboard", args=[world.icm_team.program.organisation_id])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def test_a_data_administrator_sees_the_whole_organisation_across_its_programs(client, world):
    """Issue 6 §1: outcomes for an organisation as well as a program or a team."""
    _housed(world, 2)  # ICM
    _housed(world, 3, team=world.act_team)  # ACT
    client.force_login(world.dora)
    response = client.get(_organisation_url(world))
    assert response.status_code == 200
    data = response.context["data"]
    assert data["retention"].persons == 5  # moved in, in both programs
    assert data["at_end"].persons == 8  # the 3 cases of the world's fixture in North, and 5
    assert "benchmarks" not in data["tables"]
    content = response.content.decode()
    assert "North ICM" in content and "North ACT" in content  # each program's own targets


def test_only_the_organisations_data_administrators_see_it_whole(client, world):
    for user in (world.pam, world.alice, world.tina, world.oscar):
        client.force_login(user)
        assert client.get(_organisation_url(world)).status_code == 404, user
    admin = t.make_user(username="root")
    admin.is_superuser = True  # a platform administrator manages organisations, not their data
    admin.save()
    client.force_login(admin)
    assert client.get(_organisation_url(world)).status_code == 404


def test_picking_a_program_opens_its_dashboard_for_the_same_period(client, world):
    client.force_login(world.dora)
    program = world.act_team.program
    response = client.get(
        _organisation_url(world, program=program.pk, start="2026-01-01", end="2026-06-30")
    )
    assert response.status_code == 302
    assert response.url == (
        reverse("outcomes:dashboard", args=[program.pk]) + "?start=2026-01-01&end=2026-06-30"
    )
    south = world.south_team.program
    assert client.get(_organisation_url(world, program=south.pk)).status_code == 404


def test_the_organisations_exports_and_board_report_are_audited(client, world):
    client.force_login(world.dora)
    response = client.get(_organisation_url(world, export="summary", format="csv"))
    assert response.status_code == 200
    assert "organisation-" in response["Content-Disposition"]
    assert client.get(_organisation_url(world, export="benchmarks")).status_code == 404
    pdf = client.get(_organisation_url(world, export="report", format="pdf"))
    assert pdf.content.startswith(b"%PDF")
    events = AuditEvent.objects.filter(action="export", object_type="outcomes.dashboard")
    assert events.count() == 2


def test_the_organisation_dashboard_takes_the_same_queries_for_5_and_50_persons(client, world):
    client.force_login(world.dora)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_organisation_url(world)).status_code == 200
        return len(captured.captured_queries)

    _housed(world, 5)
    small = count()
    _housed(world, 45, team=world.act_team)
    assert count() == small


def test_a_program_dashboard_links_to_the_whole_organisation_for_its_data_administrator(
    client, world
):
    link = reverse("outcomes:organisation_dashboard", args=[world.icm_team.program.organisation_id])
    client.force_login(world.dora)
    assert link in client.get(_url(world)).content.decode()
    client.force_login(world.pam)
    assert link not in client.get(_url(world)).content.decode()


def test_the_page_lists_only_case_managers_above_the_standard_the_export_every_month(client, world):
    """R4: a row per case manager and month would bury the page at a program's size."""
    Membership.objects.filter(user=world.alice, team=world.icm_team).update(fte=Decimal("0.1"))
    _housed(world, 3)  # 3 + the fixture's 1 persons for 0.1 FTE: the standard allows 2
    client.force_login(world.pam)
    table = client.get(_url(world)).context["tables"]["caseload_workers"]
    assert [row[1] for row in table.shown_rows] == ["Alice Case"]
    assert "1 of " in str(table.page_note)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(_url(world, export="caseload_workers", format="csv")).content.decode()
            )
        )
    )
    assert len(rows) - 1 == len(table.rows) > len(table.shown_rows)


def test_the_page_says_no_case_manager_is_above_the_standard_rather_than_no_records(client, world):
    """Issue 12 §9: with every case manager within the standard, the per-case-manager table
    said "No records in this period." beside the caseloads above it."""
    client.force_login(world.pam)
    response = client.get(_url(world))
    table = response.context["tables"]["caseload_workers"]
    assert table.rows and not table.shown_rows
    section = response.content.decode().split(str(table.title))[1].split("</table>")[0]
    assert "No case manager is above the standard in the last month." in section
    assert "No records in this period." not in section


def test_an_act_programs_dashboard_has_no_per_case_manager_table(client, world):
    """R3: an ACT team shares its caseload; the page listed its members as case managers
    above a standard of 0."""
    client.force_login(world.dora)
    url = reverse("outcomes:dashboard", args=[world.act_team.program_id])
    response = client.get(url)
    assert "caseload_workers" not in response.context["tables"]
    assert client.get(url + "?export=caseload_workers&format=csv").status_code == 404
