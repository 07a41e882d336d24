"""The demo tells a true story (issue 12 §4, §9): several programs and teams kept apart, a
planned transfer, ACT persons held by their ACT team, rent a person can pay, words that follow
each person's pronouns, history as long as the cases, dashboards with nothing empty or
contradictory, and the access walk over the demo's own users. Loading it twice changes nothing.

The demo is loaded once for the whole class (a Django TestCase rolls each test back to it) and
the class runs on one xdist worker: loading it takes half a minute."""

import calendar
import io
import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from cases.caseload import worker_gauges
from cases.models import Case, CaseloadOverride, CaseTransfer, Stage
from demo.management.commands.load_demo import DATA, holding_roles
from demo.organisations import ORGANISATIONS, staff_of
from directory.models import PartnerContact
from hearth.tests.test_access_walk import walk
from housing.models import HousingProvider, LivingSituation, Tenancy
from meetings.models import MeetingEntry
from money.models import BudgetLine, IncomeSource
from people.models import HouseholdMember, NationalIdentifier, Person
from programs.models import Country, Membership, Organisation, Program, ServiceModel, Team
from programs.roles import Role
from reports.models import Report
from roster.models import Shift
from visits.models import Contact

# Words a text uses of a person who is "she" or "he", by the organisation's language.
GENDERED = {
    "en": re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE),
    "da": re.compile(r"\b(hun|hende|hendes|han|ham|hans)\b", re.IGNORECASE),
}
# The person's own words and data from demo/data, not written by the demo about them.
OWN_DATA = {"people.person", "people.householdmember", "people.nationalidentifier"}
OWN_FIELDS = {"cases.case", "cases.legaltodo", "cases.readinessrecord"}
# Each country's evidence (outcomes/demo.py and the models' defaults).
BENCHMARK_OF = {
    (Country.CANADA, ServiceModel.ICM): "At Home/Chez Soi (ICM)",
    (Country.CANADA, ServiceModel.ACT): "At Home/Chez Soi (ACT)",
    (Country.DENMARK, ServiceModel.ICM): "Danish ICM",
    (Country.BRAZIL, ServiceModel.ICM): "Meta da equipe",
}


def _noon() -> datetime:
    return datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"accounts", "programs", "people", "cases", "housing", "visits"}
    }


def _person(key: str) -> Person:
    """A demo person by the key of their data (demo/data/*.json)."""
    for spec in ORGANISATIONS:
        for p in json.loads((DATA / spec["data"]).read_text(encoding="utf-8")):
            if p["key"] == key:
                return Person.objects.get(given_name=p["given_name"], family_name=p["family_name"])
    raise KeyError(key)


def _other_names() -> set[str]:
    """Words of the names of staff and of the partners' and landlords' contacts: a person who
    shares one (Helen, like Dr. Helen Okafor of the directory) is looked for by full name."""
    names = [
        *User.objects.values_list("first_name", "last_name"),
        *PartnerContact.objects.values_list("name", flat=True),
        *HousingProvider.objects.values_list("contact_name", flat=True),
    ]
    return {word for part in _strings(names) for word in part.split()}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _texts_written_about(person: Person) -> list[str]:
    """Every text on the records hanging off the person or their cases (three links deep)
    that the demo wrote, not the person's own data."""
    texts: list[str] = []
    frontier = {Person: {person.pk}, Case: set(person.cases.values_list("pk", flat=True))}
    seen = {Person, Case}
    for _depth in range(3):
        found: dict = {}
        for model in apps.get_models():
            label = model._meta.label_lower
            if model in seen or model.__name__.startswith("Historical") or label in OWN_DATA:
                continue
            if model._meta.app_label == "audit":
                continue
            links = [
                f
                for f in model._meta.get_fields()
                if isinstance(f, models.ForeignKey) and f.related_model in frontier
            ]
            if not links:
                continue
            query = models.Q()
            for f in links:
                query |= models.Q(**{f"{f.name}__in": frontier[f.related_model]})
            rows = list(model.objects.filter(query))
            if not rows:
                continue
            found[model] = {row.pk for row in rows}
            if label in OWN_FIELDS:
                continue
            fields = [
                f
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
                and not f.choices
            ]
            for row in rows:
                for f in fields:
                    texts += _strings(getattr(row, f.attname))
        seen |= set(found)
        frontier = found
    return [t for t in texts if t.strip()]


@pytest.mark.xdist_group("demo")
class TheDemo(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.out = io.StringIO()
        with time_machine.travel(_noon(), tick=False):
            call_command("load_demo", stdout=cls.out)

    # Loading -------------------------------------------------------------------------------

    def test_loading_the_demo_again_changes_nothing(self):
        before = _counts()
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        assert _counts() == before
        assert out.getvalue().count("already loaded") == len(ORGANISATIONS)

    def test_the_sign_ins_are_printed_by_organisation_program_and_team(self):
        loaded, text = self.out.getvalue().split("Demo sign-ins")
        assert "Toronto Housing First Collaborative: 28 persons" in loaded
        order = [
            "Toronto Housing First Collaborative",
            "tor.nadia",
            "Streets to Homes ICM",
            "tor.david",
            "Parkdale ICM team",
            "tor.aisha",
            "tor.grace",
            "Scarborough ICM team",
            "tor.kwame",
            "Downtown East ACT",
            "tor.joanne",
            "tor.joseph",
            "Logement d'abord Montréal",
            "mtl.julien",
            "ICM-teamet Vesterbro",
            "cph.mette",
            "ICM-teamet Nørrebro",
            "sao.ana",
        ]
        positions = [text.index(needle) for needle in order]
        assert positions == sorted(positions)
        # One password for every demo sign-in, hashed once (Argon2, the default hasher).
        usernames = [s.username for spec in ORGANISATIONS for s in staff_of(spec)]
        users = User.objects.filter(username__in=[*usernames, "admin"])
        assert users.count() == len(usernames) + 1
        assert users.values("password").distinct().count() == 1
        with self.settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
            assert users.first().check_password("hearth-demo")

    def test_the_demo_shows_every_stage_housing_losses_and_one_worker_above_the_ratio(self):
        assert Person.objects.count() == 90
        stages = Counter(Case.objects.values_list("stage", flat=True))
        assert stages[Stage.OPENING] and stages[Stage.ACTIVE] and stages[Stage.CLOSED] == 1
        # Housing losses (one per program, and the fieldwork's eviction) with support
        # continuing and a rehousing search open (R7); one reopened case.
        losses = LivingSituation.objects.filter(is_housing_loss=True)
        assert losses.count() >= 5
        for loss in losses:
            case = Case.objects.get(person=loss.person)
            assert case.stage == Stage.ACTIVE
            assert case.housing_searches.filter(closed_on__isnull=True, reason="rehousing").exists()
        assert Case.objects.filter(stage_changes__from_stage=Stage.CLOSED).count() == 1
        override = CaseloadOverride.objects.get()
        assert worker_gauges([override.case.team])[override.worker.pk].state == "over"
        assert Case.objects.filter(
            program__organisation__language="da", life_history__contains="jeg"
        ).exists()
        assert NationalIdentifier.objects.count() == 45
        assert HouseholdMember.objects.exists()

    # §4: several programs and teams, kept apart --------------------------------------------

    def test_toronto_runs_two_programs_and_copenhagen_two_teams_each_team_with_its_own(self):
        toronto = Program.objects.filter(organisation__slug="toronto")
        assert sorted(toronto.values_list("model", flat=True)) == ["ACT", "ICM"]
        icm = toronto.get(model=ServiceModel.ICM)
        assert icm.teams.count() == 2
        assert Team.objects.filter(program__organisation__slug="kobenhavn").count() == 2
        for team in Team.objects.all():
            staff = Membership.objects.filter(team=team)
            assert staff.filter(role=Role.TEAM_LEAD).count() == 1, team
            assert staff.filter(role__in=holding_roles(team.program.model)).exists(), team
            assert Case.objects.filter(team=team).open().count() >= 5, team
        # One program manager above the two ICM teams, another for ACT.
        assert Membership.objects.get(user__username="tor.david").program == icm
        assert Membership.objects.get(user__username="tor.joanne").program.model == "ACT"

    def test_a_worker_sees_their_own_teams_persons_and_no_other_teams(self):
        aisha, kwame = (User.objects.get(username=u) for u in ("tor.aisha", "tor.kwame"))
        parkdale, scarborough = _person("tor-01"), _person("tor-05")
        assert parkdale in Person.objects.visible_to(aisha)
        assert scarborough not in Person.objects.visible_to(aisha)
        assert scarborough in Person.objects.visible_to(kwame)
        assert parkdale not in Person.objects.visible_to(kwame)
        self.client.force_login(aisha)
        assert self.client.get(reverse("people:detail", args=[scarborough.pk])).status_code == 404
        assert self.client.get(reverse("people:detail", args=[parkdale.pk])).status_code == 200
        # The manager of the ICM program sees both ICM teams, not the ACT team's persons.
        david = User.objects.get(username="tor.david")
        reach = Person.objects.visible_to(david)
        assert parkdale in reach and scarborough in reach
        assert _person("tor-24") not in reach
        # Copenhagen's teams are kept apart too.
        mette = User.objects.get(username="cph.mette")
        assert _person("cph-02") not in Person.objects.visible_to(mette)  # Nørrebro
        assert _person("cph-01") in Person.objects.visible_to(mette)  # Vesterbro

    def test_a_stable_person_moved_from_act_to_icm_with_their_history(self):
        """R5: a planned transfer to a lower intensity, agreed with the person; the case and its
        history go along, the ACT team no longer reaches the person."""
        person = _person("tor-20")
        transfer = CaseTransfer.objects.select_related("from_team__program", "to_team").get()
        case = transfer.case
        assert case.person == person and transfer.person_agreed and transfer.reason
        assert transfer.from_team.program.model == "ACT" and case.program.model == "ICM"
        assert case.team == transfer.to_team and case.team.name == "Scarborough ICM team"
        assert case.primary_worker.memberships.filter(team=case.team).exists()
        before = Contact.objects.filter(case=case, on__lt=transfer.on)
        after = Contact.objects.filter(case=case, on__gte=transfer.on)
        act_staff = Membership.objects.filter(team=transfer.from_team).values("user")
        assert before.exists() and not before.exclude(recorded_by__in=act_staff).exists()
        assert after.exists() and not after.filter(recorded_by__in=act_staff).exists()
        assert Report.objects.filter(
            contact__in=before, template_version__template__program=transfer.from_team.program
        ).exists()
        joseph = User.objects.get(username="tor.joseph")
        assert person not in Person.objects.visible_to(joseph)
        # Its past meetings stay with the ACT team's record of them.
        assert MeetingEntry.objects.filter(case=case, meeting__team=transfer.from_team).exists()

    # §9: the story the demo tells -----------------------------------------------------------

    def test_every_act_person_is_held_by_a_member_of_their_act_team(self):
        """Two Montréal ACT persons had the data administrator as their main contact."""
        act = Case.objects.filter(program__model=ServiceModel.ACT).select_related("primary_worker")
        assert act.count() >= 25
        for case in act:
            roles = set(
                Membership.objects.active()
                .filter(user=case.primary_worker, team=case.team)
                .values_list("role", flat=True)
            )
            assert roles and roles <= holding_roles(ServiceModel.ACT), (case, roles)
        held_by = set(
            Membership.objects.filter(user__in=act.values("primary_worker")).values_list(
                "role", flat=True
            )
        )
        assert not held_by & {Role.DATA_ADMINISTRATOR, Role.PROGRAM_MANAGER, Role.TEAM_LEAD}

    def test_no_rent_share_is_above_the_persons_income_and_the_budget_agrees(self):
        today = timezone.localdate()
        tenancies = Tenancy.objects.select_related("person")
        assert tenancies.count() > 60
        for tenancy in tenancies:
            on = min(tenancy.ended_on or today, today)
            income = sum(
                (
                    s.monthly_amount
                    for s in IncomeSource.objects.filter(person=tenancy.person)
                    if s.is_active_on(on)
                ),
                Decimal(0),
            )
            assert tenancy.person_share is not None, tenancy
            assert tenancy.person_share <= income, (tenancy.person, tenancy.person_share, income)
            assert tenancy.person_share + tenancy.subsidy == tenancy.rent
        for line in BudgetLine.objects.filter(category="rent").select_related("budget"):
            home = Tenancy.objects.get(person=line.budget.person_id, ended_on__isnull=True)
            assert line.amount == home.person_share
        # No rent in the budget of someone without a home.
        homeless = Person.objects.exclude(tenancies__ended_on__isnull=True)
        assert homeless.exists()
        assert not BudgetLine.objects.filter(category="rent", budget__person__in=homeless).exists()

    def test_the_words_about_a_person_follow_their_pronouns(self):
        """Kayden and Jordan (they/them) were called "she" and "he" by the demo's texts."""
        people = Person.objects.exclude(pronouns="").select_related("organisation")
        assert set(people.values_list("pronouns", flat=True)) == {
            "they/them",
            "iel",
            "de/dem",
            "ela/dela",
        }
        checked = 0
        for person in people:
            pattern = GENDERED.get(person.organisation.language)
            if pattern is None:
                continue
            texts = _texts_written_about(person)
            assert len(texts) > 50, person
            wrong = [t for t in texts if pattern.search(t)]
            assert not wrong, (person, person.pronouns, wrong[:3])
            checked += 1
        assert checked == 3  # Kayden and Jordan in Toronto, Kim in Copenhagen

    def test_some_persons_have_a_safety_note_for_a_first_visit(self):
        notes = Person.objects.exclude(safety_note="")
        assert {p.organisation.slug for p in notes} == {s["slug"] for s in ORGANISATIONS}
        assert 10 <= notes.count() <= Person.objects.count() // 4

    def test_the_history_is_as_long_as_the_cases(self):
        """The roster started this week while the cases went back years: every month of the
        dashboard showed 336–372 uncovered hours."""
        today = timezone.localdate()
        for case in Case.objects.all():
            first = Contact.objects.filter(case=case).order_by("on").first()
            assert first is not None and (first.on - case.opened_on).days <= 14, case
            assert not Contact.objects.filter(case=case, on__lt=case.opened_on).exists()
            if case.closed_on:
                assert not Contact.objects.filter(case=case, on__gt=case.closed_on).exists()
        a_year_ago = today - timedelta(days=365)
        for team in Team.objects.all():
            assert Shift.objects.filter(team=team, starts_at__date__lte=a_year_ago).exists()
        reported = Report.objects.filter(contact__on__lte=today - timedelta(days=365))
        assert reported.count() > 500
        # The reopened case has no contact while it was closed.
        reopened = Case.objects.get(stage_changes__from_stage=Stage.CLOSED)
        closed_on = reopened.stage_changes.get(to_stage=Stage.CLOSED).on
        reopened_on = reopened.stage_changes.get(from_stage=Stage.CLOSED).on
        assert not Contact.objects.filter(
            case=reopened, on__gt=closed_on, on__lt=reopened_on
        ).exists()

    # The dashboards --------------------------------------------------------------------------

    def _dashboard(self, url: str, subject) -> dict:
        response = self.client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "No records in this period." not in page, subject
        tables = response.context["tables"]
        for key, table in tables.items():
            assert table.rows, f"{subject}: the table {key} is empty"
        self.benchmarks = response.context["data"]["benchmarks"]
        return tables

    def _coverage_is_plausible(self, tables: dict, models_by_team: dict, subject) -> None:
        total = 0.0
        for month, team, hours in tables["coverage"].rows:
            days = calendar.monthrange(month.year, month.month)[1]
            required = days * (24 if models_by_team[team] == ServiceModel.ACT else 12)
            assert hours <= 0.1 * required, (subject, month, team, hours)
            total += hours
        assert total > 0, f"{subject}: a roster with no gap all year is not true either"

    def _workers_match_the_caseloads(self, tables: dict, subject) -> None:
        if "caseload_workers" not in tables:
            return
        team_months = {row[0] for row in tables["caseload_teams"].rows}
        worker_months = {row[0] for row in tables["caseload_workers"].rows}
        assert worker_months == team_months, subject
        for _month, worker, persons, fte, capacity in tables["caseload_workers"].rows:
            assert fte > 0 and capacity > 0, (subject, worker, persons, fte)

    def test_the_demos_dashboards_have_no_empty_or_contradictory_table(self):
        models_by_team = dict(Team.objects.values_list("name", "program__model"))
        for organisation in Organisation.objects.all():
            admin = Membership.objects.get(
                organisation=organisation, role=Role.DATA_ADMINISTRATOR
            ).user
            self.client.force_login(admin)
            for program in organisation.programs.all():
                tables = self._dashboard(reverse("outcomes:dashboard", args=[program.pk]), program)
                self._coverage_is_plausible(tables, models_by_team, program)
                self._workers_match_the_caseloads(tables, program)
                assert (program.model == ServiceModel.ACT) == ("caseload_workers" not in tables)
                expected = BENCHMARK_OF[(organisation.country, program.model)]
                with translation.override("en"):
                    labels = [b["benchmark"].display_label for b in self.benchmarks]
                assert labels and all(expected in label for label in labels), (program, labels)
                assert all(b["value"] is not None for b in self.benchmarks), program
                # Fidelity and economics over the same records.
                for team in program.teams.all():
                    page = self.client.get(reverse("fidelity:team", args=[team.pk]))
                    assert page.status_code == 200
                    assert "No review saved yet." not in page.content.decode()
                page = self.client.get(reverse("economics:program", args=[program.pk]))
                assert page.status_code == 200
                assert "No unit costs yet." not in page.content.decode()
            url = reverse("outcomes:organisation_dashboard", args=[organisation.pk])
            tables = self._dashboard(url, organisation)
            self._coverage_is_plausible(tables, models_by_team, organisation)
            self._workers_match_the_caseloads(tables, organisation)
        # Toronto's planned transfer from ACT to ICM is on its dashboard.
        toronto = Organisation.objects.get(slug="toronto")
        self.client.force_login(User.objects.get(username="tor.nadia"))
        url = reverse("outcomes:organisation_dashboard", args=[toronto.pk])
        assert self.client.get(url).context["tables"]["transfers"].rows == [[1, 1, 1]]

    # The access walk over the demo and its users ---------------------------------------------

    def _walk_as(self, username: str, key: str) -> None:
        """The walk with one neighbour's records; every page naming no record is also checked
        for the full name of everyone else outside the user's reach."""
        actor = User.objects.get(username=username)
        person = _person(key)
        reach = Person.objects.visible_to(actor)
        assert person not in reach and reach.exists()
        own = [f"{person.given_name} {person.family_name}"] + [
            n for n in (person.given_name, person.family_name) if n not in _other_names()
        ]
        others = []
        for p in Person.objects.exclude(pk__in=reach.values("pk")).exclude(pk=person.pk):
            others.append(f"{p.given_name} {p.family_name}")
            if p.preferred_name:
                others.append(f"{p.preferred_name} {p.family_name}")
        walk(self.client, actor, username, {person: own}, also_forbidden=others)
        self.client.force_login(actor)
        listed = self.client.get(reverse("people:list")).content.decode()
        assert reach.first().family_name in listed  # the walk is not vacuous

    def test_the_walk_a_parkdale_case_manager_reaches_no_scarborough_person(self):
        self._walk_as("tor.aisha", "tor-05")

    def test_the_walk_a_scarborough_case_manager_reaches_no_parkdale_person(self):
        self._walk_as("tor.kwame", "tor-01")

    def test_the_walk_the_act_nurse_no_longer_reaches_the_person_moved_to_icm(self):
        self._walk_as("tor.joseph", "tor-20")

    def test_the_walk_a_team_lead_reaches_no_other_teams_person(self):
        self._walk_as("tor.grace", "tor-12")

    def test_the_walk_the_icm_program_manager_reaches_no_act_person(self):
        self._walk_as("tor.david", "tor-24")

    def test_the_walk_a_data_administrator_reaches_no_other_organisations_person(self):
        self._walk_as("tor.nadia", "mtl-04")

    def test_the_walk_a_vesterbro_case_manager_reaches_no_norrebro_person(self):
        self._walk_as("cph.mette", "cph-02")

    def test_the_walk_a_montreal_nurse_reaches_no_toronto_person(self):
        self._walk_as("mtl.julien", "tor-07")


def test_the_demo_organisations_name_a_team_for_every_person():
    """Each person of an organisation with several teams names one of its teams."""
    for spec in ORGANISATIONS:
        teams = {t["key"] for p in spec["programs"] for t in p["teams"]}
        persons = json.loads((DATA / spec["data"]).read_text(encoding="utf-8"))
        keys = Counter(p["key"] for p in persons)
        assert max(keys.values()) == 1
        for p in persons:
            assert len(teams) == 1 or p.get("team") in teams, p["key"]
            assert date.fromisoformat(p["birth_date"]) < date.today()
