"""Load the demo: four organisations in four languages — seven teams in five programs, ninety
people, every stage present, and the history of every case since it opened.

Running it twice changes nothing: an organisation that is already there is left alone.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.lifecycle import (
    Opening,
    OverStandard,
    assign_workers,
    move_in,
    open_case,
    record_living_situation,
    transfer_case,
)
from cases.models import Case, ReadinessRecord, Stage
from demo import identifiers
from demo.fieldwork import load_fieldwork, report_templates, reports
from demo.history import cadence_agreements, contacts_of
from demo.organisations import DEMO_PASSWORD, ORGANISATIONS, staff_of
from hearth.domain import hooks
from hearth.signatures import AgreementWay
from housing.situations import Situation
from people.languages import PERSON_LANGUAGES
from people.models import HouseholdMember, NationalIdentifier, Person
from programs.models import Membership, Organisation, Program, ServiceModel, Team
from programs.roles import CASE_HOLDING_ROLES, ICM_CASELOAD_ROLES, Role
from visits.models import Contact

DATA = Path(__file__).resolve().parents[2] / "data"
KNOWN_LANGUAGES = {code for code, _ in PERSON_LANGUAGES}

MOVE_IN_NOTE = {
    "en": "Keys handed over.",
    "fr": "Remise des clés.",
    "da": "Nøglerne overdraget.",
    "pt-br": "Entrega das chaves.",
}
OVERRIDE_REASON = "Ny borger flytter ind i Mettes område; Rasmus har orlov i to uger."
STAFF_SINCE_DAYS = 3 * 365  # every demo membership began three years ago, before any case


def holding_roles(model: str) -> frozenset:
    """Who holds a person as primary worker (main contact in ACT): the case managers in ICM
    (R2); in ACT every member of the team who works with persons but the psychiatrist (R3).
    Never the team lead, a program manager or the data administrator: none of them is on the
    team's caseload."""
    if model == ServiceModel.ACT:
        return CASE_HOLDING_ROLES - {Role.PSYCHIATRIST}
    return ICM_CASELOAD_ROLES


@dataclass
class TeamDemo:
    """A demo team while it loads: its spec, its own staff and the cases it holds."""

    team: Team
    spec: dict
    staff: list[tuple[User, str]] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)

    @property
    def program(self) -> Program:
        return self.team.program

    @property
    def lead(self) -> User:
        return next(u for u, role in self.staff if role == Role.TEAM_LEAD)

    @property
    def holders(self) -> list[User]:
        roles = holding_roles(self.program.model)
        return [u for u, role in self.staff if role in roles]


@dataclass
class Spell:
    """Who held the case in which team, from ``start`` to ``end`` (inclusive): one spell, or
    two around a transfer."""

    team: TeamDemo
    primary: User
    start: date
    end: date
    closed: tuple[date, date] | None = None  # a closure later reopened: no contact between

    def is_open_on(self, day: date) -> bool:
        return not (self.closed and self.closed[0] < day < self.closed[1])


class Command(BaseCommand):
    help = "Load the demo data (idempotent)."

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        # One Argon2 hash for every demo sign-in (they share the password): hashing it for
        # each of the 60 staff took a sixth of the whole load.
        password = make_password(DEMO_PASSWORD)
        User.objects.get_or_create(
            username="admin",
            defaults={
                "first_name": "Hearth",
                "last_name": "Administrator",
                "is_superuser": True,
                "is_staff": True,
                "password": password,
            },
        )
        for spec in ORGANISATIONS:
            if Organisation.objects.filter(slug=spec["slug"]).exists():
                self.stdout.write(f"{spec['name']}: already loaded")
                continue
            with transaction.atomic():  # an organisation is loaded whole or not at all
                count = load_organisation(spec, today=today, password=password)
            self.stdout.write(f"{spec['name']}: {count} persons")
        self._sign_ins()

    def _sign_ins(self) -> None:
        """Every demo sign-in, by organisation, program and team."""
        out = self.stdout.write
        out("")
        out(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for spec in ORGANISATIONS:
            staff = list(staff_of(spec))
            out("")
            out(spec["name"])
            for s in staff:
                if s.program is None:
                    out(f"  {s.username:<15} {s.first_name} {s.last_name} — {Role(s.role).label}")
            for p, program in enumerate(spec["programs"]):
                out(f"  {program['program']['name']}")
                for s in staff:
                    if s.program == p and s.team is None:
                        label = Role(s.role).label
                        out(f"    {s.username:<15} {s.first_name} {s.last_name} — {label}")
                for t, team in enumerate(program["teams"]):
                    out(f"    {team['name']}")
                    for s in staff:
                        if s.program == p and s.team == t:
                            label = Role(s.role).label
                            out(f"      {s.username:<15} {s.first_name} {s.last_name} — {label}")
        out("")
        out(f"  {'admin':<15} platform administrator (organisations only)")


def load_organisation(spec: dict, *, today: date, password: str) -> int:
    rnd = random.Random(spec["slug"])
    language = spec["language"]
    org = Organisation.objects.create(
        slug=spec["slug"],
        name=spec["name"],
        country=spec["country"],
        language=language,
        currency=spec["currency"],
        time_zone=spec["time_zone"],
    )
    programs: list[Program] = []
    teams: list[list[TeamDemo]] = []
    for program_spec in spec["programs"]:
        program = Program(organisation=org, **program_spec["program"])
        program.apply_standard_defaults()
        program.save()
        report_templates(program, language)
        programs.append(program)
        teams.append(
            [
                TeamDemo(Team.objects.create(program=program, name=t["name"], phone=""), t)
                for t in program_spec["teams"]
            ]
        )
    _staff(spec, org, programs, teams, today=today, password=password)
    by_key = {d.spec["key"]: d for program_teams in teams for d in program_teams}

    persons = sorted(
        json.loads((DATA / spec["data"]).read_text(encoding="utf-8")), key=lambda p: p["key"]
    )
    held: dict[str, int] = {}  # persons given to each team so far
    spells: list[tuple[Case, list[Spell]]] = []
    for index, p in enumerate(persons):
        # A person belongs to the team the data names; an organisation of one team needs none.
        team = by_key[p["team"]] if "team" in p else _only(by_key)
        person = _person(p, org, team.lead)
        if index % 2 == 0:
            NationalIdentifier.objects.create(
                person=person, kind=spec["id_kind"], value=_identifier(spec["id_kind"], person, rnd)
            )
        for h in p["household"]:
            HouseholdMember.objects.create(
                person=person,
                relationship=h["relationship"],
                name=h["name"],
                birth_year=h["birth_year"],
                lives_with_person=h["lives_with_person"],
                note=h["note"],
            )
        transfer = p.get("transfer")
        first = by_key[transfer["from_team"]] if transfer else team
        primary, backup = _workers(first, held)
        case = _open(p, person, first.team, primary, backup, first.lead, today)
        closed = _walk_stages(p, case, first.lead, today, language)
        until = case.closed_on or today
        if index % 6 == 4:  # every sixth person's last visit was weeks ago: on the due list
            until = min(until, today - timedelta(days=25))
        if transfer:
            moved_on = today - timedelta(days=transfer["days_ago"])
            later_primary, later_backup = _workers(team, held)
            _transfer(case, team, later_primary, later_backup, on=moved_on, reason=transfer)
            case_spells = [
                Spell(first, primary, case.opened_on, moved_on - timedelta(days=1), closed),
                Spell(team, later_primary, moved_on, until, closed),
            ]
        else:
            case_spells = [Spell(team, primary, case.opened_on, until, closed)]
        team.cases.append(case)
        spells.append((case, case_spells))

    cadence = cadence_agreements([case for case, _ in spells], today=today, rnd=rnd)
    contacts, present, reported_in = [], [], []
    for case, case_spells in spells:
        contacts_of(case, case_spells, cadence, rnd, language, contacts, present, reported_in)
    created = Contact.objects.bulk_create(contacts)
    Contact.staff.through.objects.bulk_create(
        Contact.staff.through(contact_id=c.pk, user_id=u.pk)
        for c, users in zip(created, present, strict=True)
        for u in users
    )
    reports(created, reported_in, [case for case, _ in spells], language=language, rnd=rnd)
    for program_teams in teams:
        for demo in program_teams:
            load_fieldwork(
                team=demo.team,
                staff=demo.staff,
                cases=demo.cases,
                spells=[
                    (case, s.start, s.end)
                    for case, case_spells in spells
                    for s in case_spells
                    if s.team is demo
                ],
                language=language,
                today=today,
                rnd=rnd,
            )
    # Each person app's demo, program-wide first (housing supply, the directory…), then per
    # case in the order of PERSON_APPS (the plan links to the framework's factors), a demo
    # that names others in LOADS_AFTER after them (the rent share reads the income).
    demos = in_loading_order(hooks("demo"))
    for program, program_teams in zip(programs, teams, strict=True):
        lead = program_teams[0].lead
        for module in demos:
            if hasattr(module, "load_program"):
                module.load_program(program, language=language, today=today, rnd=rnd, by=lead)
    for case, case_spells in spells:
        for module in demos:
            if hasattr(module, "load"):
                module.load(
                    case,
                    language=language,
                    today=today,
                    rnd=rnd,
                    by=case.primary_worker or case_spells[-1].team.lead,
                )
    return len(persons)


def in_loading_order(pairs: list[tuple[str, object]]) -> list:
    """The demo modules in the order of ``pairs``, but each after the apps its ``LOADS_AFTER``
    names."""
    modules = dict(pairs)
    ordered: list[str] = []

    def place(app: str) -> None:
        if app in ordered:
            return
        for before in getattr(modules[app], "LOADS_AFTER", ()):
            if before in modules:
                place(before)
        ordered.append(app)

    for app, _module in pairs:
        place(app)
    return [modules[app] for app in ordered]


def _only(by_key: dict[str, TeamDemo]) -> TeamDemo:
    (only,) = by_key.values()  # several teams: each person's "team" must say which
    return only


def _staff(spec, org, programs, teams, *, today: date, password: str) -> None:
    """Every sign-in of the organisation and its membership: a manager per program (some
    programs have none), the staff of each team, the data administrator."""
    since = today - timedelta(days=STAFF_SINCE_DAYS)
    for number, s in enumerate(staff_of(spec)):
        user = User.objects.create(
            username=s.username,
            first_name=s.first_name,
            last_name=s.last_name,
            language=spec["language"],
            email=f"{s.username}@demo.hearth.invalid",
            phone=f"555-01{number:02d}",
            password=password,
        )
        team = teams[s.program][s.team] if s.team is not None else None
        Membership.objects.create(
            user=user,
            organisation=org,
            program=programs[s.program] if s.program is not None else None,
            team=team.team if team else None,
            role=s.role,
            fte=1,
            start_date=since,
        )
        if team:
            team.staff.append((user, s.role))


def _workers(team: TeamDemo, held: dict[str, int]) -> tuple[User, User | None]:
    """The next person's primary worker (ACT: main contact) and, in ICM, a backup from the
    same team's shared caseload (R2). The team's ``overloaded`` worker takes the first nine."""
    key = team.spec["key"]
    n = held.get(key, 0)
    held[key] = n + 1
    holders = team.holders
    overloaded = next((u for u in holders if u.username == team.spec.get("overloaded")), None)
    if overloaded and n < 9:
        primary = overloaded
    else:
        others = [h for h in holders if h != overloaded]
        primary = others[n % len(others)]
    if team.program.model == ServiceModel.ACT:
        return primary, None
    backup = next(h for h in holders[holders.index(primary) + 1 :] + holders if h != primary)
    return primary, backup


def _person(p: dict, org: Organisation, by: User) -> Person:
    language = p["preferred_language"] if p["preferred_language"] in KNOWN_LANGUAGES else "other"
    return Person.objects.create(
        organisation=org,
        given_name=p["given_name"],
        family_name=p["family_name"],
        preferred_name=p["preferred_name"],
        pronouns=p.get("pronouns", ""),
        birth_date=date.fromisoformat(p["birth_date"]),
        birth_date_approximate=p["birth_date_approximate"],
        gender=p["gender"],
        preferred_language=language,
        interpreter_needed=p["interpreter_needed"],
        cultural_notes=p["cultural_notes"],
        safety_note=p.get("safety_note", ""),
        phone=p["phone"],
        email=p["email"],
        created_by=by,
    )


def _identifier(kind: str, person: Person, rnd: random.Random) -> str:
    if kind == "dk_cpr":
        return identifiers.cpr(person.birth_date, rnd)
    if kind == "br_cpf":
        return identifiers.cpf(rnd)
    return identifiers.sin(rnd)


def _open(p, person, team, primary, backup, by, today) -> Case:
    opened_on = today - timedelta(days=p["days_since_opening"])
    opening = Opening(
        team=team,
        opened_on=opened_on,
        target_group=p["target_group"],
        intake_situation=p["intake_situation"],
        life_history=p["life_history"],
        hopes=p["hopes"],
        primary_worker=primary,
        backup_worker=backup,
        method_explained_on=opened_on,
        terms_agreed_on=opened_on + timedelta(days=7),
        terms_agreed_how=AgreementWay.SIGNED_PAPER,
        legal_todos=[(t["kind"], t["description"], t["status"]) for t in p["legal_todos"]],
    )
    try:
        return open_case(person=person, opening=opening, by=by)
    except OverStandard:
        # The demo's one worker above the ratio: the override is confirmed and recorded (R4).
        return open_case(
            person=person,
            opening=opening,
            by=by,
            confirm_over_standard=True,
            override_reason=OVERRIDE_REASON,
        )


def _transfer(case: Case, team: TeamDemo, primary, backup, *, on: date, reason: dict) -> None:
    """A planned transfer to a lower intensity the person agreed to (R5): the same case and
    its history, a new team, a case manager and a backup there."""
    case.refresh_from_db()
    transfer_case(
        case,
        to_team=team.team,
        by=team.lead,
        on=on,
        person_agreed=True,
        reason=reason["reason"],
        expected_version=case.version,
        primary=primary,
    )
    if backup is not None:
        assign_workers(
            case, primary=primary, backup=backup, by=team.lead, expected_version=case.version
        )


def _walk_stages(p, case, by, today, language) -> tuple[date, date] | None:
    """Move in, close, reopen or lose the home as the person's data says; the days a case
    was closed before it was reopened."""
    if p["stage"] == Stage.OPENING:
        return None
    moved_in = min(case.opened_on + timedelta(days=p["days_opening_to_move_in"] or 30), today)
    code = Situation.RENTAL_SUBSIDY if case.pk % 3 else Situation.RENTAL_NO_SUBSIDY
    move_in(case, by=by, on=moved_in, code=code, note=MOVE_IN_NOTE[language])
    if p["stage"] in ("closed", "reopened"):
        c = p["closure"]
        closed_on = max(today - timedelta(days=c["days_ago"]), moved_in + timedelta(days=60))
        closed_on = min(closed_on, today - timedelta(days=45))
        ReadinessRecord.objects.create(
            case=case,
            kind=ReadinessRecord.Kind.REVIEW,
            recorded_by=by,
            recorded_on=closed_on - timedelta(days=90),
            feels_ready="not_yet",
            person_words="",
            income="improving",
            social_support="some",
            substances=c["substances"],
        )
        readiness = ReadinessRecord(
            feels_ready="ready",
            person_words=c["person_words"],
            income=c["income"],
            social_support=c["social_support"],
            substances=c["substances"],
        )
        case.close(by=by, on=closed_on, reason=c["reason"], readiness=readiness)
        if p["stage"] == "reopened":
            reopened_on = min(closed_on + timedelta(days=30), today)
            case.reopen(by=by, on=reopened_on, reason=p["reopen_reason"])
            return closed_on, reopened_on
    if p["stage"] == "housing_loss":
        loss = p["housing_loss"]
        lost_on = max(today - timedelta(days=loss["days_ago"]), moved_in + timedelta(days=30))
        record_living_situation(
            case.person,
            code=loss["code"],
            on=min(lost_on, today),
            by=by,
            note=loss["note"],
            lost_home=True,
        )
    return None
