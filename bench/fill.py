"""Fill a scratch database with years of realistic records, fast (issue 6 §7).

The four demo organisations (demo/organisations.py) with their programs (Toronto runs ICM and
ACT) and many teams each: ICM teams of case managers at the program's ratio (20 persons each, 8
in Copenhagen), ACT teams of ten. Each person gets pronouns now and then (every non-binary
person), one in twelve a safety note for visits, and a case opened over the years, a living
situation, a tenancy from move-in (some lost, some rehoused), years of contacts (weekly after
move-in, then less), reports on most of them with the demo's templates, life-areas
assessments, crises, appointments, legal to-dos, readiness records; ACT teams hold daily
meetings; every team has a roster.

Everything is written with ``bulk_create`` in batches of persons, each batch in one transaction:
no ``save()``, no signals, so no historical rows (django-simple-history writes those on save).
That is fine for a benchmark database and nothing else should be filled this way.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from accounts.models import User
from cases.models import (
    Case,
    ClosureReason,
    LegalTodo,
    Readiness,
    ReadinessRecord,
    Stage,
    StageChange,
    TargetGroup,
)
from demo.fieldwork import TEXT, _answers
from demo.history import CONTACT_NOTES
from demo.organisations import ORGANISATIONS
from demo.report_templates import FIRST_VISIT, VISIT, definition
from hearth.signatures import AgreementWay
from hearth.text import fold
from housing.models import (
    EndReason,
    HousingSearch,
    LivingSituation,
    SearchReason,
    Tenancy,
)
from housing.situations import Situation
from meetings.models import MeetingEntry, TeamMeeting
from people.models import Gender, Person
from programs.models import Membership, Organisation, Program, ServiceModel, Team
from programs.roles import Role
from reports.models import Report, ReportStatus, ReportTemplate, ReportTemplateVersion
from roster.models import Shift
from tools import definition as instrument_spec
from tools.builtin import LIFE_AREAS_KEY
from tools.models import Assessment, Instrument
from visits.models import (
    Appointment,
    CadenceAgreement,
    Contact,
    ContactKind,
    Crisis,
    Place,
    Severity,
)

BENCH_PASSWORD = "hearth-bench"
SLUG_PREFIX = "bench-"
BATCH_PERSONS = 500  # persons written per transaction
BATCH_ROWS = 2000  # rows per INSERT batch handed to bulk_create

# Team make-up per program model: (role, how many). ICM holders are the case managers; ACT
# holders are everyone but the lead and the psychiatrist (as in the demo).
ICM_TEAM = [(Role.CASE_MANAGER, 5), (Role.HOUSING_WORKER, 1), (Role.TEAM_LEAD, 1)]
SAO_PAULO_TEAM = [(Role.CASE_MANAGER, 3), (Role.MONITORING_AGENT, 2), (Role.TEAM_LEAD, 1)]
ACT_TEAM = [
    (Role.PSYCHIATRIST, 1),
    (Role.NURSE, 2),
    (Role.PEER_WORKER, 2),
    (Role.SUBSTANCE_USE, 1),
    (Role.HOUSING_WORKER, 1),
    (Role.VOCATIONAL, 1),
    (Role.TEAM_LEAD, 1),
]

NAMES = {
    "en": (
        ["Aisha", "Liam", "Priya", "Marcus", "Grace", "David", "Emma", "Noah", "Olivia", "Ethan"],
        ["Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "Lee", "Taylor", "Singh", "Khan"],
    ),
    "fr": (
        ["Élise", "Julien", "Mathieu", "Fatima", "Sophie", "Louis", "Chloé", "Gabriel", "Léa"],
        ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin"],
    ),
    "da": (
        ["Mette", "Rasmus", "Sara", "Lars", "Anne", "Karen", "Jens", "Ida", "Mads", "Freja"],
        ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Larsen", "Sørensen", "Madsen"],
    ),
    "pt-br": (
        ["Ana", "Juliana", "Carlos", "Rafael", "Beatriz", "Fernanda", "João", "Maria", "Lucas"],
        ["Silva", "Souza", "Santos", "Oliveira", "Lima", "Almeida", "Costa", "Pereira", "Rocha"],
    ),
}
# Pronouns in the person's own words, by gender and language: every non-binary person and
# about one in five of the others says them.
PRONOUNS = {
    "en": {Gender.MAN: "he/him", Gender.WOMAN: "she/her", Gender.NON_BINARY: "they/them"},
    "fr": {Gender.MAN: "il", Gender.WOMAN: "elle", Gender.NON_BINARY: "iel"},
    "da": {Gender.MAN: "han/ham", Gender.WOMAN: "hun/hende", Gender.NON_BINARY: "de/dem"},
    "pt-br": {Gender.MAN: "ele/dele", Gender.WOMAN: "ela/dela", Gender.NON_BINARY: "elu/delu"},
}
# What a colleague visiting for the first time must know (one person in twelve has a note).
SAFETY_NOTES = {
    "en": [
        "A big friendly dog: knock and wait until it is shut in the bedroom.",
        "Visit in pairs for now, since the last crisis.",
        "Knock twice and say your name; the door stays shut otherwise.",
        "Conflict with the neighbour upstairs: don't linger in the stairwell.",
    ],
    "fr": [
        "Un gros chien gentil : frapper et attendre qu'il soit dans la chambre.",
        "Visiter à deux pour l'instant, depuis la dernière crise.",
        "Frapper deux fois et dire son nom; sinon, la porte reste fermée.",
        "Conflit avec le voisin du dessus : ne pas s'attarder dans l'escalier.",
    ],
    "da": [
        "En stor, venlig hund: bank på og vent, til den er lukket inde i soveværelset.",
        "Besøg to og to for tiden, siden den seneste krise.",
        "Bank to gange og sig dit navn; ellers bliver døren lukket.",
        "Konflikt med naboen ovenpå: bliv ikke stående i opgangen.",
    ],
    "pt-br": [
        "Cachorro grande e manso: bater e esperar até ele ficar no quarto.",
        "Visitar em dupla por enquanto, desde a última crise.",
        "Bater duas vezes e dizer o nome; senão a porta não abre.",
        "Conflito com o vizinho de cima: não ficar parado na escada.",
    ],
}
LOSS_CODES = [
    (Situation.EMERGENCY_SHELTER, EndReason.EVICTED),
    (Situation.NOT_MEANT_FOR_HABITATION, EndReason.ABANDONED),
    (Situation.JAIL, EndReason.PRISON),
    (Situation.HOSPITAL, EndReason.HOSPITAL),
    (Situation.FAMILY_TEMPORARY, EndReason.CHOSE_TO_MOVE),
]
CLOSURE_REASONS = [
    ClosureReason.READY_MAINSTREAM,
    ClosureReason.READY_MAINSTREAM,
    ClosureReason.READY_NO_SUPPORT,
    ClosureReason.PERSON_CHOSE_TO_END,
    ClosureReason.MOVED_AWAY,
]


@dataclass
class Counts:
    """What was written, by kind (the command prints it; the tests compare it)."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, n: int) -> None:
        self.rows[kind] = self.rows.get(kind, 0) + n


@dataclass
class TeamSpec:
    org: Organisation
    program: Program
    team: Team
    language: str
    lead: User
    holders: list[User]
    persons: int
    report_versions: tuple  # (first visit version, visit version)


def persons_per_org(total: int) -> list[int]:
    """Split ``total`` over the four organisations as evenly as possible."""
    base, rest = divmod(total, len(ORGANISATIONS))
    return [base + (1 if i < rest else 0) for i in range(len(ORGANISATIONS))]


def fill(*, persons: int, years: int, seed: int, today: date, log=lambda s: None) -> Counts:
    """Write ``persons`` persons with ``years`` of history up to ``today``."""
    rnd = random.Random(seed)
    counts = Counts()
    password = make_password(BENCH_PASSWORD)  # hashed once: Argon2 per user would take minutes
    instrument = Instrument.objects.get(program=None, key=LIFE_AREAS_KEY)
    life_areas = instrument.current
    teams: list[TeamSpec] = []
    for spec, n in zip(ORGANISATIONS, persons_per_org(persons), strict=True):
        if n:
            with transaction.atomic():  # an organisation's structure whole or not at all
                teams += _organisation(spec, n, today=today, years=years, password=password)
    counts.add("teams", len(teams))
    counts.add(
        "staff",
        User.objects.filter(memberships__organisation__slug__startswith=SLUG_PREFIX)
        .distinct()
        .count(),
    )
    log(f"{len(teams)} teams, {counts.rows['staff']} staff")
    batch: list[tuple[TeamSpec, int]] = []
    written = 0
    for team in teams:
        for index in range(team.persons):
            batch.append((team, index))
            if len(batch) >= BATCH_PERSONS:
                _write_batch(batch, rnd, today, years, life_areas, counts)
                written += len(batch)
                log(f"{written} persons")
                batch = []
    if batch:
        _write_batch(batch, rnd, today, years, life_areas, counts)
        written += len(batch)
        log(f"{written} persons")
    with transaction.atomic():
        _team_work(teams, rnd, today, years, counts)
    counts.add("persons", written)
    return counts


# Organisations, programs, teams, staff -------------------------------------------------------


def _team_size(model: str, slug: str) -> list[tuple[str, int]]:
    if model == ServiceModel.ACT:
        return ACT_TEAM
    return SAO_PAULO_TEAM if slug == "saopaulo" else ICM_TEAM


def _split(n: int, weights: list[int]) -> list[int]:
    """``n`` persons over programs in proportion to ``weights``, the remainder to the first."""
    shares = [n * w // sum(weights) for w in weights]
    shares[0] += n - sum(shares)
    return shares


def _organisation(spec: dict, n: int, *, today: date, years: int, password: str) -> list[TeamSpec]:
    """The organisation with each of its demo programs (Toronto: ICM and ACT), a manager per
    program and as many teams as the program's persons need. An ACT program takes a quarter
    of the persons where the organisation also runs ICM (ACT serves the highest needs)."""
    org = Organisation.objects.create(
        slug=SLUG_PREFIX + spec["slug"],
        name=f"{spec['name']} (bench)",
        country=spec["country"],
        language=spec["language"],
        currency=spec["currency"],
        time_zone=spec["time_zone"],
    )
    start = today - timedelta(days=years * 365 + 30)
    prefix = spec["data_administrator"][0].split(".")[0]
    users, memberships = [], []

    def staff(username: str, role: str, program: Program | None, team: Team | None) -> User:
        first_names, last_names = NAMES[spec["language"]]
        user = User(
            username=username,
            first_name=first_names[len(users) % len(first_names)],
            last_name=last_names[(len(users) // len(first_names)) % len(last_names)],
            language=spec["language"],
            email=f"{username}@bench.hearth.invalid",
            password=password,
        )
        users.append(user)
        memberships.append(
            Membership(
                user=user,
                organisation=org,
                program=program,
                team=team,
                role=role,
                fte=1,
                start_date=start,
            )
        )
        return user

    staff(f"{prefix}.data", Role.DATA_ADMINISTRATOR, None, None)
    models = [p["program"]["model"] for p in spec["programs"]]
    weights = [1 if m == ServiceModel.ACT and len(set(models)) > 1 else 3 for m in models]
    per_team_staff: list[tuple[Program, Team, User, list[User], int, tuple]] = []
    number = 0
    for p, (program_spec, persons) in enumerate(
        zip(spec["programs"], _split(n, weights), strict=True)
    ):
        program = Program(organisation=org, **program_spec["program"])
        program.apply_standard_defaults()
        program.save()
        versions = _report_templates(program, spec["language"])
        make_up = _team_size(program.model, spec["slug"])
        holder_roles = (
            {Role.CASE_MANAGER}
            if program.model != ServiceModel.ACT
            else {r for r, _ in make_up} - {Role.TEAM_LEAD, Role.PSYCHIATRIST}
        )
        holders_per_team = sum(k for r, k in make_up if r in holder_roles)
        per_team = holders_per_team * program.persons_per_worker
        team_count = max(1, -(-persons // per_team))
        base = program_spec["teams"][0]["name"]
        team_objs = Team.objects.bulk_create(
            Team(program=program, name=f"{base} {i + 1}", phone="") for i in range(team_count)
        )
        staff(
            f"{prefix}.manager" if p == 0 else f"{prefix}.p{p + 1}.manager",
            Role.PROGRAM_MANAGER,
            program,
            None,
        )
        left = persons
        for team in team_objs:
            number += 1
            lead, holders = None, []
            for role, how_many in make_up:
                for k in range(how_many):
                    user = staff(f"{prefix}.t{number:03d}.{role}{k + 1}", role, program, team)
                    if role == Role.TEAM_LEAD:
                        lead = user
                    elif role in holder_roles:
                        holders.append(user)
            take = min(per_team, left)
            left -= take
            per_team_staff.append((program, team, lead, holders, take, versions))
    User.objects.bulk_create(users, batch_size=BATCH_ROWS)
    Membership.objects.bulk_create(memberships, batch_size=BATCH_ROWS)
    return [
        TeamSpec(org, program, team, spec["language"], lead, holders, take, versions)
        for program, team, lead, holders, take, versions in per_team_staff
    ]


def _report_templates(program: Program, language: str) -> tuple:
    first = FIRST_VISIT[language]
    template = ReportTemplate(program=program, name=first["name"], first_visit_only=True)
    template.kinds = [ContactKind.HOME_VISIT]
    template.save()
    first_version = ReportTemplateVersion.objects.create(
        template=template, number=1, definition=definition(first["sections"])
    )
    name, sections = VISIT[language]
    template = ReportTemplate(program=program, name=name)
    template.kinds = [ContactKind.HOME_VISIT, ContactKind.ACCOMPANIMENT, ContactKind.OUTREACH]
    template.save()
    visit_version = ReportTemplateVersion.objects.create(
        template=template, number=1, definition=definition(sections)
    )
    return first_version, visit_version


# One batch of persons ------------------------------------------------------------------------


@dataclass
class Batch:
    persons: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    stage_changes: list = field(default_factory=list)
    todos: list = field(default_factory=list)
    readiness: list = field(default_factory=list)
    cadence: list = field(default_factory=list)
    situations: list = field(default_factory=list)
    tenancies: list = field(default_factory=list)
    searches: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    contact_staff: list = field(default_factory=list)  # (contact, [user ids])
    reports: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    crises: list = field(default_factory=list)
    appointments: list = field(default_factory=list)


def _write_batch(batch, rnd, today, years, life_areas, counts: Counts) -> None:
    b = Batch()
    for team, index in batch:
        _person_history(b, team, index, rnd, today, years, life_areas)
    with transaction.atomic():  # a batch of persons is written whole or not at all
        for kind, model, rows in (
            ("persons", Person, b.persons),
            ("cases", Case, b.cases),
            ("stage changes", StageChange, b.stage_changes),
            ("legal to-dos", LegalTodo, b.todos),
            ("readiness records", ReadinessRecord, b.readiness),
            ("visit agreements", CadenceAgreement, b.cadence),
            ("living situations", LivingSituation, b.situations),
            ("tenancies", Tenancy, b.tenancies),
            ("housing searches", HousingSearch, b.searches),
            ("contacts", Contact, b.contacts),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH_ROWS)
            if kind != "persons":
                counts.add(kind, len(rows))
        links = [(c.pk, u) for c, users in b.contact_staff for u in users]
        _insert_pairs(Contact.staff.through, "contact", "user", links)
        counts.add("contact staff", len(links))
        for report in b.reports:
            report.contact_id = report.contact.pk
        Report.objects.bulk_create(b.reports, batch_size=BATCH_ROWS)
        counts.add("reports", len(b.reports))
        Assessment.objects.bulk_create(b.assessments, batch_size=BATCH_ROWS)
        counts.add("assessments", len(b.assessments))
        crises = Crisis.objects.bulk_create([c for c, _ in b.crises], batch_size=BATCH_ROWS)
        Crisis.responders.through.objects.bulk_create(
            [
                Crisis.responders.through(crisis_id=c.pk, user_id=u)
                for c, (_, u) in zip(crises, b.crises, strict=True)
            ],
            batch_size=BATCH_ROWS,
        )
        counts.add("crises", len(crises))
        appointments = Appointment.objects.bulk_create(
            [a for a, _ in b.appointments], batch_size=BATCH_ROWS
        )
        Appointment.staff.through.objects.bulk_create(
            [
                Appointment.staff.through(appointment_id=a.pk, user_id=u)
                for a, (_, u) in zip(appointments, b.appointments, strict=True)
            ],
            batch_size=BATCH_ROWS,
        )
        counts.add("appointments", len(appointments))


def _insert_pairs(through, left: str, right: str, pairs: list[tuple[int, int]]) -> None:
    """Many-to-many links straight into their table: the million contact-staff rows are the
    slowest part of a fill through model instances, and these rows carry no logic."""
    meta = through._meta
    q = connection.ops.quote_name
    table, a, b = q(meta.db_table), q(meta.get_field(left).column), q(meta.get_field(right).column)
    sql = f"INSERT INTO {table} ({a}, {b}) VALUES (%s, %s)"
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), BATCH_ROWS * 5):
            cursor.executemany(sql, pairs[start : start + BATCH_ROWS * 5])


def _pronouns(gender: str, language: str, rnd) -> str:
    if gender == Gender.NON_BINARY or rnd.random() < 0.2:
        return PRONOUNS[language][gender]
    return ""


def _days(a: date, b: date) -> int:
    return (b - a).days


def _person_history(b: Batch, t: TeamSpec, index: int, rnd, today, years, life_areas) -> None:
    first_names, last_names = NAMES[t.language]
    now = datetime.now(UTC)
    is_act = t.program.model == ServiceModel.ACT
    given, family = rnd.choice(first_names), rnd.choice(last_names)
    gender = rnd.choice([Gender.MAN, Gender.MAN, Gender.WOMAN, Gender.NON_BINARY])
    person = Person(
        organisation=t.org,
        given_name=given,
        family_name=family,
        birth_date=today - timedelta(days=rnd.randint(20 * 365, 70 * 365)),
        gender=gender,
        pronouns=_pronouns(gender, t.language, rnd),
        preferred_language=t.language if t.language != "pt-br" else "pt-br",
        safety_note=rnd.choice(SAFETY_NOTES[t.language]) if rnd.random() < 0.08 else "",
        search_name=fold(f"{given} {family} "),
        created_by=t.lead,
    )
    b.persons.append(person)

    # The case's life: opened over the years, moved in (most), some homes lost, some closed.
    opened_on = today - timedelta(days=rnd.randint(0, years * 365))
    move_in_after = rnd.choice([14, 30, 45, 60, 90, 120, 200])
    moved_in_on = opened_on + timedelta(days=rnd.randint(7, move_in_after))
    if moved_in_on > today:
        moved_in_on = None
    lost_on = rehoused_on = closed_on = None
    if moved_in_on and _days(moved_in_on, today) > 120 and rnd.random() < 0.12:
        lost_on = moved_in_on + timedelta(days=rnd.randint(60, _days(moved_in_on, today) - 30))
        if rnd.random() < 0.6:
            rehoused_on = lost_on + timedelta(days=rnd.randint(20, 150))
            if rehoused_on > today:
                rehoused_on = None
    if moved_in_on and _days(moved_in_on, today) > 400 and rnd.random() < 0.25:
        first_possible = max(moved_in_on + timedelta(days=365), rehoused_on or moved_in_on)
        first_possible = max(first_possible, (lost_on or moved_in_on) + timedelta(days=30))
        if first_possible < today - timedelta(days=30):
            closed_on = first_possible + timedelta(
                days=rnd.randint(0, _days(first_possible, today - timedelta(days=30)))
            )
    end = closed_on or today

    holders = t.holders
    primary = holders[index % len(holders)]
    backup = None
    if not is_act:
        case_managers = [h for h in holders if h is not primary]
        backup = case_managers[(index // len(holders)) % len(case_managers)]
    lead = t.lead
    stage = Stage.CLOSED if closed_on else (Stage.ACTIVE if moved_in_on else Stage.OPENING)
    case = Case(
        person=person,
        program=t.program,
        team=t.team,
        stage=stage,
        opened_on=opened_on,
        opened_by=lead,
        moved_in_on=moved_in_on,
        closed_on=closed_on,
        closure_reason=rnd.choice(CLOSURE_REASONS) if closed_on else "",
        primary_worker=primary,
        backup_worker=backup,
        target_group=TargetGroup.AT_RISK if rnd.random() < 0.1 else TargetGroup.HOMELESS,
        method_explained_on=opened_on,
        method_explained_by=primary,
        terms_agreed_on=opened_on + timedelta(days=7),
        terms_agreed_how=AgreementWay.SIGNED_PAPER,
    )
    b.cases.append(case)
    b.stage_changes.append(
        StageChange(case=case, from_stage="", to_stage=Stage.OPENING, on=opened_on, by=lead)
    )
    if moved_in_on:
        b.stage_changes.append(
            StageChange(
                case=case, from_stage=Stage.OPENING, to_stage=Stage.ACTIVE, on=moved_in_on, by=lead
            )
        )
    b.todos.append(
        LegalTodo(
            case=case,
            kind=LegalTodo.Kind.ID_DOCUMENTS,
            description="ID",
            status=LegalTodo.Status.DONE if moved_in_on else LegalTodo.Status.IN_PROGRESS,
            updated_by=primary,
        )
    )
    if closed_on:
        review_on = closed_on - timedelta(days=90)
        b.readiness.append(
            ReadinessRecord(
                case=case,
                kind=ReadinessRecord.Kind.REVIEW,
                recorded_on=review_on,
                recorded_by=primary,
                feels_ready=Readiness.NOT_YET,
                income=ReadinessRecord.Income.IMPROVING,
                social_support=ReadinessRecord.Support.SOME,
                substances=ReadinessRecord.Substances.MANAGING,
            )
        )
        b.readiness.append(
            ReadinessRecord(
                case=case,
                kind=ReadinessRecord.Kind.CLOSURE,
                recorded_on=closed_on,
                recorded_by=primary,
                feels_ready=Readiness.READY,
                person_words="I have my place and my people; I can call if I need you.",
                income=ReadinessRecord.Income.STABLE,
                social_support=ReadinessRecord.Support.STRONG,
                substances=ReadinessRecord.Substances.NOT_A_CONCERN,
            )
        )
        b.stage_changes.append(
            StageChange(
                case=case, from_stage=Stage.ACTIVE, to_stage=Stage.CLOSED, on=closed_on, by=lead
            )
        )
    if moved_in_on and _days(moved_in_on, end) > 100:
        b.cadence.append(
            CadenceAgreement(
                case=case,
                interval_days=rnd.choice([7, 14, 14, 21]) if not is_act else 7,
                agreed_on=moved_in_on + timedelta(days=95),
                agreed_by=lead,
            )
        )

    # The person's housing: their own timeline (R7).
    intake = (
        Situation.FAMILY_TEMPORARY
        if case.target_group == TargetGroup.AT_RISK
        else rnd.choice([Situation.NOT_MEANT_FOR_HABITATION, Situation.EMERGENCY_SHELTER])
    )
    b.situations.append(
        LivingSituation(person=person, code=intake, started_on=opened_on, recorded_by=primary)
    )
    b.searches.append(
        HousingSearch(
            case=case,
            opened_on=opened_on,
            reason=SearchReason.FIRST_HOME,
            closed_on=moved_in_on,
            opened_by=primary,
        )
    )
    if moved_in_on:
        _home(b, person, t, primary, moved_in_on, lost_on, rnd)
        if lost_on:
            code, reason = rnd.choice(LOSS_CODES)
            b.tenancies[-1].ended_on = lost_on
            b.tenancies[-1].end_reason = reason
            b.situations.append(
                LivingSituation(
                    person=person,
                    code=code,
                    started_on=lost_on,
                    is_housing_loss=True,
                    recorded_by=primary,
                )
            )
            b.searches.append(
                HousingSearch(
                    case=case,
                    opened_on=lost_on,
                    reason=SearchReason.REHOUSING,
                    closed_on=rehoused_on,
                    opened_by=primary,
                )
            )
            if rehoused_on:
                _home(b, person, t, primary, rehoused_on, None, rnd)

    # Contacts: outreach until move-in, weekly (ACT: twice a week) in the first months in the
    # home, then less often; only on days the case is open.
    notes = CONTACT_NOTES[t.language]
    first_version, visit_version = t.report_versions
    answers_first, answers_visit = _answer_variants(t)
    housed_from = moved_in_on
    weekly_until = (
        moved_in_on + timedelta(days=30 * t.program.weekly_visits_months) if (moved_in_on) else None
    )
    day = opened_on + timedelta(days=rnd.randint(0, 3))
    first_home_visit_done = False
    case_contacts = []
    while day <= end:
        housed = bool(housed_from and day >= housed_from) and not (
            lost_on and lost_on <= day and not (rehoused_on and day >= rehoused_on)
        )
        if housed:
            kind = rnd.choice(
                [ContactKind.HOME_VISIT] * 6
                + [ContactKind.ACCOMPANIMENT] * 2
                + [ContactKind.PHONE] * 2
                + [ContactKind.INFORMAL_SUPPORTS]
            )
            if not first_home_visit_done:
                kind = ContactKind.HOME_VISIT
        else:
            kind = rnd.choice(
                [ContactKind.OUTREACH] * 3 + [ContactKind.ACCOMPANIMENT, ContactKind.PHONE]
            )
        contact = Contact(
            case=case,
            on=day,
            kind=kind,
            minutes=rnd.choice([20, 45, 60, 90]),
            place={
                ContactKind.HOME_VISIT: Place.HOME,
                ContactKind.PHONE: Place.REMOTE,
                ContactKind.INFORMAL_SUPPORTS: Place.REMOTE,
            }.get(kind, Place.COMMUNITY),
            face_to_face=kind not in (ContactKind.PHONE, ContactKind.INFORMAL_SUPPORTS),
            note=rnd.choice(notes.get(kind) or notes[ContactKind.PHONE]),
            recorded_by=primary,
        )
        present = [primary.pk]
        if is_act and rnd.random() < 0.5:
            other = holders[rnd.randrange(len(holders))]
            if other is not primary:
                present.append(other.pk)
        b.contacts.append(contact)
        b.contact_staff.append((contact, present))
        case_contacts.append(contact)
        # A report for most contacts of the kinds a template covers; the newest may be
        # missing or still a draft, as in the field.
        if kind in (ContactKind.HOME_VISIT, ContactKind.ACCOMPANIMENT, ContactKind.OUTREACH):
            if kind == ContactKind.HOME_VISIT and not first_home_visit_done:
                version, answers = first_version, rnd.choice(answers_first)
                first_home_visit_done = True
            else:
                version, answers = visit_version, dict(rnd.choice(answers_visit))
                answers["what_happened"] = contact.note
            if rnd.random() < 0.85:
                recent = _days(day, today) < 14
                signed = not (recent and rnd.random() < 0.3)
                b.reports.append(
                    Report(
                        contact=contact,
                        template_version=version,
                        author=primary,
                        answers=answers,
                        status=ReportStatus.SIGNED if signed else ReportStatus.DRAFT,
                        signed_by=primary if signed else None,
                        signed_at=datetime.combine(day, clock(18), tzinfo=UTC) if signed else None,
                    )
                )
        if not housed:
            gap = rnd.randint(3, 6) if is_act else rnd.randint(5, 10)
        elif day < weekly_until:
            gap = rnd.randint(2, 4) if is_act else rnd.randint(6, 8)
        else:
            gap = rnd.randint(4, 8) if is_act else rnd.randint(10, 21)
        day += timedelta(days=gap)

    # Life areas: a baseline near move-in (or opening), then every six months.
    on = (moved_in_on or opened_on) + timedelta(days=rnd.randint(0, 14))
    level = {area: rnd.randint(1, 3) for area in AREAS}
    baseline = True
    while on <= end and on <= today:
        answers = {f"{area}_now": value for area, value in level.items()}
        b.assessments.append(
            Assessment(
                case=case,
                instrument_id=life_areas.instrument_id,
                instrument_version=life_areas,
                taken_on=on,
                answers=answers,
                scores=instrument_spec.scores(life_areas.definition, answers),
                is_baseline=baseline,
                recorded_by=primary,
            )
        )
        baseline = False
        level = {a: min(5, max(1, v + rnd.choice([-1, 0, 1, 1]))) for a, v in level.items()}
        on += timedelta(days=180)

    # Crises: expected and recurrent, about one every two years in the home; one now and then
    # in the last day so the meeting board has something to show.
    open_days = _days(opened_on, end)
    for _ in range(sum(1 for _ in range(open_days // 180) if rnd.random() < 0.25)):
        when = opened_on + timedelta(days=rnd.randint(0, max(0, open_days - 1)))
        _crisis(b, case, primary, datetime.combine(when, clock(rnd.randint(0, 23)), UTC), rnd)
    if not closed_on and rnd.random() < 0.02:
        _crisis(b, case, primary, now - timedelta(hours=rnd.randint(1, 20)), rnd)

    # The agenda: most open cases have a visit planned in the next two weeks.
    if not closed_on and rnd.random() < 0.7:
        starts = datetime.combine(
            today + timedelta(days=rnd.randint(0, 13)), clock(rnd.choice([9, 11, 14, 16])), UTC
        )
        b.appointments.append(
            (
                Appointment(
                    case=case,
                    starts_at=starts,
                    kind=ContactKind.HOME_VISIT if moved_in_on else ContactKind.OUTREACH,
                    place=Place.HOME if moved_in_on else Place.COMMUNITY,
                    created_by=primary,
                ),
                primary.pk,
            )
        )


AREAS = [
    "housing",
    "mental_health",
    "physical_health",
    "finances",
    "daily_activities",
    "network",
    "substance_use",
    "education_employment",
]


def _home(b: Batch, person, t: TeamSpec, by, on: date, ended_on, rnd) -> None:
    rent = Decimal(rnd.randrange(600, 1600, 10))
    tenancy = Tenancy(
        person=person,
        started_on=on,
        ended_on=ended_on,
        landlord="Bench Housing",
        rent=rent,
        subsidy=(rent * Decimal("0.7")).quantize(Decimal("1")),
        person_share=(rent * Decimal("0.3")).quantize(Decimal("1")),
        obligations=["pay_rent", "neighbours"],
        recorded_by=by,
    )
    b.tenancies.append(tenancy)
    b.situations.append(
        LivingSituation(
            person=person,
            code=rnd.choice([Situation.RENTAL_SUBSIDY, Situation.RENTAL_NO_SUBSIDY]),
            started_on=on,
            is_move_in=True,
            recorded_by=by,
        )
    )
    # The search that led here ends with this tenancy (the last one opened for the case).
    b.searches[-1].tenancy = tenancy


def _crisis(b: Batch, case, by, when: datetime, rnd) -> None:
    b.crises.append(
        (
            Crisis(
                case=case,
                occurred_at=when,
                what="Neighbour called: loud argument at night.",
                severity=rnd.choice([Severity.LOW, Severity.MODERATE, Severity.HIGH]),
                response="Visited the next morning; talked it through.",
                recorded_by=by,
            ),
            by.pk,
        )
    )


_ANSWERS: dict[str, tuple[list, list]] = {}


def _answer_variants(t: TeamSpec) -> tuple[list, list]:
    """A few ready answer sets per language (the templates are the demo's, one per language),
    built once with the demo's own answers."""
    if t.language not in _ANSWERS:
        rnd = random.Random(t.language)
        first, visit = t.report_versions

        class _Note:
            note = ""

        text = TEXT[t.language]
        _ANSWERS[t.language] = (
            [_answers(first, _Note, text, rnd) for _ in range(8)],
            [_answers(visit, _Note, text, rnd) for _ in range(8)],
        )
    return _ANSWERS[t.language]


# Team-wide work: ACT meetings and rosters ----------------------------------------------------


def _team_work(teams: list[TeamSpec], rnd, today: date, years: int, counts: Counts) -> None:
    meetings, shifts = [], []
    attendees: list[tuple[TeamMeeting, list[int]]] = []
    for t in teams:
        workers = t.holders
        for offset in range(-28, 29):
            day = today + timedelta(days=offset)
            if t.program.model == ServiceModel.ACT:
                blocks = [(8, 16, "shift"), (16, 24, "shift"), (0, 8, "on_call")]
            else:
                blocks = [(8, 14, "shift"), (14, 20, "shift")]
            for number, (start, stop, kind) in enumerate(blocks):
                starts = datetime.combine(day, clock(start), tzinfo=UTC)
                ends = (
                    datetime.combine(day + timedelta(days=1), clock(0), tzinfo=UTC)
                    if stop == 24
                    else datetime.combine(day, clock(stop), tzinfo=UTC)
                )
                shifts.append(
                    Shift(
                        team=t.team,
                        user=workers[(offset + number) % len(workers)],
                        kind=kind,
                        starts_at=starts,
                        ends_at=ends,
                        created_by=t.lead,
                    )
                )
        if t.program.model != ServiceModel.ACT:
            continue
        # The daily meeting on every weekday of the years before today (today's is not yet
        # saved: the board shows it fresh).
        day = today - timedelta(days=years * 365)
        while day < today:
            if day.weekday() < 5:
                meeting = TeamMeeting(team=t.team, on=day, saved_by=t.lead)
                meetings.append(meeting)
                attendees.append(
                    (
                        meeting,
                        [t.lead.pk, *[w.pk for w in rnd.sample(workers, min(4, len(workers)))]],
                    )
                )
            day += timedelta(days=1)
    Shift.objects.bulk_create(shifts, batch_size=BATCH_ROWS)
    counts.add("shifts", len(shifts))
    TeamMeeting.objects.bulk_create(meetings, batch_size=BATCH_ROWS)
    counts.add("team meetings", len(meetings))
    _insert_pairs(
        TeamMeeting.attendees.through,
        "teammeeting",
        "user",
        [(m.pk, u) for m, users in attendees for u in users],
    )
    # A line per open person at the last ten meetings of each ACT team.
    recent = {}
    for m in meetings:
        recent.setdefault(m.team_id, []).append(m)
    entries = []
    act_teams = [t.team.pk for t in teams if t.program.model == ServiceModel.ACT]
    open_cases: dict[int, list[tuple[int, date]]] = {}
    for case_id, team_id, opened_on in Case.objects.filter(
        team_id__in=act_teams, stage__in=(Stage.OPENING, Stage.ACTIVE)
    ).values_list("pk", "team_id", "opened_on"):
        open_cases.setdefault(team_id, []).append((case_id, opened_on))
    for team_id, team_meetings in recent.items():
        for m in team_meetings[-10:]:
            entries += [
                MeetingEntry(meeting=m, case_id=case_id, line="", reviewed=True)
                for case_id, opened_on in open_cases.get(team_id, [])
                if opened_on <= m.on
            ]
    MeetingEntry.objects.bulk_create(entries, batch_size=BATCH_ROWS)
    counts.add("meeting entries", len(entries))


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start
