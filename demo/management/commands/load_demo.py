"""Load the demo: four programs in four languages, about 80 people, every stage present.

Running it twice changes nothing: an organisation that is already there is left alone.
"""

import json
import random
from datetime import date, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.lifecycle import Opening, OverStandard, open_case, record_living_situation
from cases.models import AgreementWay, Case, ReadinessRecord, Stage
from demo import identifiers
from demo.fieldwork import load_fieldwork
from demo.organisations import DEMO_PASSWORD, ORGANISATIONS
from hearth.domain import hooks
from housing.situations import Situation
from people.languages import PERSON_LANGUAGES
from people.models import HouseholdMember, NationalIdentifier, Person
from programs.models import Membership, Organisation, Program, ServiceModel, Team
from programs.roles import Role
from visits.models import Contact, ContactKind, Place

DATA = Path(__file__).resolve().parents[2] / "data"
KNOWN_LANGUAGES = {code for code, _ in PERSON_LANGUAGES}

CONTACT_NOTES = {
    "en": [
        "Home visit: we sorted the mail together and wrote a shopping list.",
        "Went with them to the Ontario Works office; the appointment is booked.",
        "Short check-in by phone; all well, asked for a visit on Friday.",
        "Coffee at the kitchen table; talked about getting back to the gym.",
    ],
    "fr": [
        "Visite à domicile : on a rangé la cuisine et fait la liste d'épicerie.",
        "Accompagnement au CLSC pour le renouvellement de l'ordonnance.",
        "Appel rapide : ça va, demande une visite jeudi.",
        "Café ensemble ; on a parlé du retour au travail à temps partiel.",
    ],
    "da": [
        "Hjemmebesøg: vi fik styr på posten og lavede en indkøbsliste.",
        "Fulgte med til jobcentret; samtalen gik godt.",
        "Kort opkald; alt vel, ønsker besøg på fredag.",
        "Kaffe i køkkenet; vi talte om at få kontakt til datteren igen.",
    ],
    "pt-br": [
        "Visita domiciliar: organizamos a cozinha e fizemos a lista do mercado.",
        "Acompanhamento ao CRAS para atualizar o CadÚnico.",
        "Ligação rápida: tudo bem, pediu visita na sexta.",
        "Café na cozinha; conversamos sobre voltar a trabalhar.",
    ],
}
MOVE_IN_NOTE = {
    "en": "Keys handed over.",
    "fr": "Remise des clés.",
    "da": "Nøglerne overdraget.",
    "pt-br": "Entrega das chaves.",
}
OVERRIDE_REASON = "Ny borger flytter ind i Mettes område; Rasmus har orlov i to uger."


class Command(BaseCommand):
    help = "Load the demo data (idempotent)."

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={
                "first_name": "Hearth",
                "last_name": "Administrator",
                "is_superuser": True,
                "is_staff": True,
            },
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        for spec in ORGANISATIONS:
            if Organisation.objects.filter(slug=spec["slug"]).exists():
                self.stdout.write(f"{spec['name']}: already loaded")
                continue
            with transaction.atomic():  # an organisation is loaded whole or not at all
                count = load_organisation(spec, today=today)
            self.stdout.write(f"{spec['name']}: {count} persons")
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for spec in ORGANISATIONS:
            for username, first, last, role in spec["staff"]:
                self.stdout.write(
                    f"  {username:<14} {first} {last} — {Role(role).label} ({spec['name']})"
                )
        self.stdout.write(f"  {'admin':<14} platform administrator (organisations only)")


def load_organisation(spec: dict, *, today: date) -> int:
    rnd = random.Random(spec["slug"])
    org = Organisation.objects.create(
        slug=spec["slug"],
        name=spec["name"],
        country=spec["country"],
        language=spec["language"],
        currency=spec["currency"],
        time_zone=spec["time_zone"],
    )
    program = Program(organisation=org, **spec["program"])
    program.apply_standard_defaults()
    program.save()
    team = Team.objects.create(program=program, name=spec["team"], phone="")
    staff = {}
    for username, first, last, role in spec["staff"]:
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            language=spec["language"],
            email=f"{username}@demo.hearth.invalid",
            phone=f"555-01{len(staff):02d}",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.create(
            user=user,
            organisation=org,
            program=program if role != Role.DATA_ADMINISTRATOR else None,
            team=team if role not in (Role.PROGRAM_MANAGER, Role.DATA_ADMINISTRATOR) else None,
            role=role,
            fte=1,
            start_date=today - timedelta(days=3 * 365),
        )
        staff[username] = (user, role)

    holders = [u for u, r in staff.values() if r == Role.CASE_MANAGER]
    if program.model == ServiceModel.ACT:
        holders = [u for u, r in staff.values() if r not in (Role.TEAM_LEAD, Role.PSYCHIATRIST)]
    lead = next(u for u, r in staff.values() if r == Role.TEAM_LEAD)
    overloaded = staff[spec["overloaded"]][0] if spec.get("overloaded") else None

    persons = json.loads((DATA / spec["data"]).read_text(encoding="utf-8"))
    contacts, contact_staff, cases = [], [], []
    for index, p in enumerate(sorted(persons, key=lambda p: p["key"])):
        person = _person(p, org, lead)
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
        if overloaded and index < 9:
            primary = overloaded
        else:
            others = [h for h in holders if h != overloaded]
            primary = others[index % len(others)]
        backup = None
        if program.model != ServiceModel.ACT:
            backup = next(h for h in holders[index % len(holders) + 1 :] + holders if h != primary)
        case = _open(p, person, team, primary, backup, lead, today)
        _walk_stages(p, case, lead, today, spec["language"])
        cases.append(case)
        # Every sixth person's last visit was weeks ago: overdue on the due list. A closed
        # case's visits end before its closure.
        gap = 25 if index % 6 == 4 else 0
        until = case.closed_on if case.closed_on else today - timedelta(days=gap)
        _contacts(
            case,
            primary,
            holders,
            rnd,
            until,
            spec["language"],
            contacts,
            contact_staff,
        )
    created = Contact.objects.bulk_create(contacts)
    Contact.staff.through.objects.bulk_create(
        Contact.staff.through(contact_id=c.pk, user_id=u.pk)
        for c, users in zip(created, contact_staff, strict=True)
        for u in users
    )
    load_fieldwork(
        program=program,
        team=team,
        cases=cases,
        language=spec["language"],
        staff=[(u, role) for u, role in staff.values()],
        today=today,
        rnd=rnd,
    )
    # Each person app's demo, program-wide first (housing supply, the directory…), then per
    # case in the order of PERSON_APPS (the plan links to the framework's factors).
    demos = [module for _app, module in hooks("demo")]
    for module in demos:
        if hasattr(module, "load_program"):
            module.load_program(program, language=spec["language"], today=today, rnd=rnd, by=lead)
    for case in cases:
        for module in demos:
            if hasattr(module, "load"):
                module.load(
                    case,
                    language=spec["language"],
                    today=today,
                    rnd=rnd,
                    by=case.primary_worker or lead,
                )
    return len(persons)


def _person(p: dict, org: Organisation, by: User) -> Person:
    language = p["preferred_language"] if p["preferred_language"] in KNOWN_LANGUAGES else "other"
    return Person.objects.create(
        organisation=org,
        given_name=p["given_name"],
        family_name=p["family_name"],
        preferred_name=p["preferred_name"],
        birth_date=date.fromisoformat(p["birth_date"]),
        birth_date_approximate=p["birth_date_approximate"],
        gender=p["gender"],
        preferred_language=language,
        interpreter_needed=p["interpreter_needed"],
        cultural_notes=p["cultural_notes"],
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


def _walk_stages(p, case, by, today, language) -> None:
    if p["stage"] == Stage.OPENING:
        return
    moved_in = min(case.opened_on + timedelta(days=p["days_opening_to_move_in"] or 30), today)
    code = Situation.RENTAL_SUBSIDY if case.pk % 3 else Situation.RENTAL_NO_SUBSIDY
    case.move_in(by=by, on=moved_in, code=code, note=MOVE_IN_NOTE[language])
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
            case.reopen(
                by=by, on=min(closed_on + timedelta(days=30), today), reason=p["reopen_reason"]
            )
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


def _contacts(case, primary, holders, rnd, today, language, contacts, contact_staff) -> None:
    notes = CONTACT_NOTES[language]
    day = today - timedelta(days=rnd.randint(1, 12))
    earliest = case.moved_in_on or case.opened_on
    for number in range(rnd.randint(2, 5)):
        if day < earliest:
            break
        # The latest contact is always a visit, so each person's cadence has a real basis.
        kind = (
            ContactKind.HOME_VISIT
            if number == 0
            else rnd.choice(
                [
                    ContactKind.HOME_VISIT,
                    ContactKind.HOME_VISIT,
                    ContactKind.ACCOMPANIMENT,
                    ContactKind.PHONE,
                ]
            )
        )
        if not case.moved_in_on and kind == ContactKind.HOME_VISIT:
            kind = ContactKind.OUTREACH
        present = [primary]
        if case.program.model == ServiceModel.ACT and rnd.random() < 0.5:
            present.append(rnd.choice([h for h in holders if h != primary]))
        contacts.append(
            Contact(
                case=case,
                on=day,
                kind=kind,
                minutes=rnd.choice([20, 45, 60, 90]),
                place={ContactKind.HOME_VISIT: Place.HOME, ContactKind.PHONE: Place.REMOTE}.get(
                    kind, Place.COMMUNITY
                ),
                face_to_face=kind != ContactKind.PHONE,
                note=rnd.choice(notes),
                recorded_by=primary,
            )
        )
        contact_staff.append(present)
        day -= timedelta(days=rnd.randint(5, 14))
