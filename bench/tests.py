"""The benchmark's fill and measurement (issue 6 §7): the data is consistent with Hearth's own
rules (a case in one organisation, contacts only while the case is open), the fill never lands
on a database that holds people, and the measurement gives query counts."""

import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Exists, F, OuterRef, Q
from django.test import TestCase
from django.utils import timezone

from bench import measure
from cases.models import Case, Stage
from hearth import testing as t
from people.models import Gender, Person
from programs.models import Membership, Program
from programs.roles import Role
from reports.models import Report
from visits.models import Contact

PERSONS = 60


class FilledDatabase(TestCase):
    """One fill of 60 persons shared by the checks below (a fill takes a few seconds)."""

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("fill_bench", persons=PERSONS, years=2, scratch=True, verbosity=0)

    def test_fill_bench_writes_as_many_persons_as_asked_each_with_one_case(self) -> None:
        assert Person.objects.count() == PERSONS
        assert Case.objects.count() == PERSONS
        assert not Person.objects.filter(cases__isnull=True).exists()

    def test_every_case_has_its_person_team_program_and_workers_in_one_organisation(self) -> None:
        assert not Case.objects.exclude(
            person__organisation=F("team__program__organisation")
        ).exists()
        assert not Case.objects.exclude(program=F("team__program")).exists()
        member_of_team = Exists(
            Membership.objects.filter(user=OuterRef("primary_worker"), team=OuterRef("team"))
        )
        assert Case.objects.filter(member_of_team).count() == PERSONS

    def test_toronto_runs_an_icm_and_an_act_program_each_with_its_manager(self) -> None:
        programs = Program.objects.filter(organisation__slug="bench-toronto")
        assert sorted(programs.values_list("model", flat=True)) == ["ACT", "ICM"]
        for program in programs:
            assert program.cases.exists()
            assert Membership.objects.filter(program=program, role=Role.PROGRAM_MANAGER).exists()

    def test_some_persons_say_their_pronouns_and_some_have_a_safety_note(self) -> None:
        """Issue 12 §9: every non-binary person says their pronouns, a share of the others do;
        a few persons have a note for a first visit."""
        assert not Person.objects.filter(gender=Gender.NON_BINARY, pronouns="").exists()
        others = Person.objects.exclude(gender=Gender.NON_BINARY)
        assert 0 < others.exclude(pronouns="").count() < others.count()
        assert 0 < Person.objects.exclude(safety_note="").count() < PERSONS // 4

    def test_stages_follow_the_dates_and_no_closure_without_readiness_r20(self) -> None:
        assert not Case.objects.filter(stage=Stage.CLOSED, closed_on__isnull=True).exists()
        assert not Case.objects.filter(stage=Stage.ACTIVE, moved_in_on__isnull=True).exists()
        closed = Case.objects.filter(stage=Stage.CLOSED)
        assert closed.exists()
        assert not closed.exclude(readiness_records__kind="closure").exists()

    def test_contacts_fall_only_on_days_the_case_is_open(self) -> None:
        today = timezone.localdate()
        assert Contact.objects.count() > PERSONS * 10
        outside = Contact.objects.filter(
            Q(on__lt=F("case__opened_on")) | Q(on__gt=F("case__closed_on")) | Q(on__gt=today)
        )
        assert not outside.exists()
        assert not Contact.objects.filter(staff__isnull=True).exists()

    def test_reports_use_their_own_programs_templates(self) -> None:
        reports = Report.objects.all()
        assert reports.exists()
        assert not reports.exclude(
            template_version__template__program=F("contact__case__program")
        ).exists()

    def test_run_bench_times_each_page_with_its_query_count(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "bench.json"
            call_command("run_bench", warmup=0, repeat=2, output=str(output), stdout=io.StringIO())
            pages = {p["page"]: p for p in json.loads(output.read_text())["pages"]}
        for name in ("cases:my_caseload", "people:detail", "meetings:board"):
            assert pages[name]["queries"] > 0, pages[name]
            assert pages[name]["median_ms"] > 0
            assert pages[name]["sql_median_ms"] is not None
        # The dashboard is another app's: timed when built, otherwise said so.
        dashboard = pages["outcomes:dashboard"]
        assert dashboard["queries"] or dashboard["note"]


def test_fill_bench_refuses_a_database_that_holds_persons_unless_forced(db) -> None:
    org = t.make_organisation()
    t.make_person(organisation=org, created_by=t.make_user())
    with pytest.raises(CommandError, match="already holds persons"):
        call_command("fill_bench", persons=PERSONS, scratch=True, verbosity=0)
    assert Person.objects.count() == 1


def test_fill_bench_refuses_a_database_not_named_for_benchmarks(db, monkeypatch) -> None:
    from bench.management.commands import fill_bench

    monkeypatch.setattr(fill_bench, "is_bench_database", lambda: False)
    with pytest.raises(CommandError, match="does not look like a benchmark database"):
        call_command("fill_bench", persons=PERSONS, verbosity=0)
    assert not Person.objects.exists()


def test_the_table_shows_a_row_per_page() -> None:
    rows = [measure.Row(page="outcomes:dashboard", as_user="pam", note="not built yet")]
    assert "| outcomes:dashboard | pam | — | — | — | — | — | not built yet |" in measure.table(rows)


def test_the_scratch_sqlite_file_can_live_in_a_folder_a_fresh_checkout_lacks(
    tmp_path, monkeypatch
) -> None:
    """`make bench` on a fresh clone: bench/results/ does not exist until the first run."""
    from bench import scratch

    results = tmp_path / "results"
    monkeypatch.setattr(scratch, "DEFAULT_SQLITE", results / "bench.sqlite3")
    assert scratch.prepare(f"sqlite:///{results / 'bench.sqlite3'}").endswith("starting empty")
    assert results.is_dir()
