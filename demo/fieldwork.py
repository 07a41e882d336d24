"""Demo field work (issue 3): report templates, reports (a few missing, a few drafts), visit
frequencies, appointments, crises, case conferences, a week of Montréal ACT meetings and the
rosters (one uncovered night in Montréal)."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cases.models import Case
from demo.report_templates import FIRST_VISIT, VISIT, definition
from housing.models import Tenancy, TenancyEvent, TenancyEventKind
from meetings.models import CaseConference, MeetingEntry, TeamMeeting
from programs.models import ServiceModel
from reports.models import Report, ReportStatus, ReportTemplate, ReportTemplateVersion
from reports.workflow import template_for
from roster.models import Shift
from visits.models import Appointment, CadenceAgreement, Contact, ContactKind, Crisis

TEXT = {
    "en": {
        "at_risk": "Two months of rent arrears after the benefit was cut; the landlord has called.",
        "repair": "The fridge broke down; the landlord replaced it.",
        "home": "Bed and table in place; still needs curtains and a kettle.",
        "money": "About $310 until the next Ontario Works payment.",
        "view": "“I know you're not here to judge me.”",
        "next": "Shopping together on Thursday.",
        "agreed": "Call the landlord about the repair; visit next week.",
        "lines": [
            "Doing well, proud of the new curtains.",
            "Missed the clinic; Julien will call.",
            "Quiet week; wants help with the phone bill.",
            "Good visit with his sister.",
        ],
        "crisis": "Neighbour called: loud argument at night; person was frightened.",
        "response": "Visited the next morning, talked it through, called the landlord together.",
        "accompany": ["Family doctor", "Ontario Works office", "Court (bail hearing)"],
        "conference": "Several night-time crises since the summer.",
        "strategy": "Evening check-in calls for four weeks; ask the family doctor about sleep.",
    },
    "fr": {
        "at_risk": "Deux mois de loyer en retard depuis la coupure de l'aide; "
        "le propriétaire a appelé.",
        "repair": "Le frigo est tombé en panne; le propriétaire l'a remplacé.",
        "home": "Lit et table installés; il manque encore des rideaux et une bouilloire.",
        "money": "Environ 310 $ jusqu'au prochain chèque d'aide sociale.",
        "view": "« Je sais que vous n'êtes pas là pour me juger. »",
        "next": "Épicerie ensemble jeudi.",
        "agreed": "Appeler le propriétaire pour la réparation; visite la semaine prochaine.",
        "lines": [
            "Va bien, fier de ses nouveaux rideaux.",
            "A manqué le CLSC; Julien le rappelle.",
            "Semaine tranquille; veut de l'aide pour le compte de téléphone.",
            "Bonne visite avec sa sœur.",
            "Dort mal; Fatima passe ce soir.",
            "A repris contact avec son fils.",
        ],
        "crisis": "Appel d'un voisin : dispute la nuit, la personne avait peur.",
        "response": "Visite le lendemain matin, discussion, appel au propriétaire ensemble.",
        "accompany": ["Médecin de famille", "Bureau d'aide sociale", "Palais de justice"],
        "conference": "Plusieurs crises la nuit depuis l'été.",
        "strategy": "Appels de soirée pendant quatre semaines; parler du sommeil au médecin.",
    },
    "da": {
        "at_risk": "To måneders husleje i restance efter at ydelsen blev stoppet; "
        "udlejer har ringet.",
        "repair": "Køleskabet gik i stykker; udlejer har skiftet det.",
        "home": "Seng og bord er på plads; mangler stadig gardiner og en elkedel.",
        "money": "Cirka 2.100 kr. til næste udbetaling.",
        "view": "»Jeg ved godt, at I ikke er her for at dømme mig.«",
        "next": "Vi handler ind sammen torsdag.",
        "agreed": "Ringe til boligselskabet om reparationen; besøg i næste uge.",
        "lines": ["Går godt.", "Har ikke været til lægen; Mette ringer.", "Stille uge."],
        "crisis": "Naboen ringede: højlydt skænderi om natten, borgeren var bange.",
        "response": "Besøg næste morgen, vi talte det igennem og ringede til boligselskabet.",
        "accompany": ["Egen læge", "Jobcentret", "Retten"],
        "conference": "Flere kriser om natten siden sommer.",
        "strategy": "Aftenopkald i fire uger; tal med lægen om søvn.",
    },
    "pt-br": {
        "at_risk": "Dois meses de aluguel atrasado depois do corte do benefício; "
        "o proprietário ligou.",
        "repair": "A geladeira quebrou; o proprietário trocou.",
        "home": "Cama e mesa no lugar; ainda faltam cortinas e uma chaleira.",
        "money": "Cerca de R$ 280 até o próximo pagamento do Bolsa Família.",
        "view": "“Eu sei que vocês não estão aqui para me julgar.”",
        "next": "Mercado juntos na quinta.",
        "agreed": "Ligar para o proprietário sobre o conserto; visita na semana que vem.",
        "lines": ["Vai bem.", "Faltou ao CAPS AD; Carlos vai ligar.", "Semana tranquila."],
        "crisis": "O vizinho ligou: briga alta à noite, a pessoa ficou com medo.",
        "response": "Visita na manhã seguinte, conversamos e ligamos juntos para o proprietário.",
        "accompany": ["UBS", "CRAS", "Fórum"],
        "conference": "Várias crises à noite desde o inverno.",
        "strategy": "Ligações à noite por quatro semanas; falar do sono com a UBS.",
    },
}


def load_fieldwork(
    *, program, team, staff: list, cases: list[Case], language: str, today: date, rnd: random.Random
) -> None:
    text = TEXT[language]
    zone = ZoneInfo(program.organisation.time_zone)
    lead = next(u for u, role in staff if role == "team_lead")
    workers = [
        u
        for u, role in staff
        if role not in ("team_lead", "program_manager", "data_administrator", "psychiatrist")
    ]
    _templates(program, language)
    for index, case in enumerate(cases):
        _reports(case, text, index, rnd)
        if not case.is_open:
            continue
        if case.moved_in_on and case.moved_in_on < today - timedelta(days=100):
            CadenceAgreement.objects.create(
                case=case,
                interval_days=rnd.choice([7, 14, 14, 21]),
                agreed_by=lead,
                agreed_on=case.moved_in_on + timedelta(days=95),
            )
    _appointments(cases, workers, text, today, zone, rnd)
    _crises(cases, workers, text, today, zone, rnd)
    _conferences(cases, workers, text, today, zone)
    _tenancy_events(cases, text, today, lead)
    _roster(program, team, workers, today, zone)
    if program.model == ServiceModel.ACT:
        _meetings(team, cases, workers, lead, text, today, rnd)


def _templates(program, language: str) -> None:
    first = FIRST_VISIT[language]
    template = ReportTemplate(program=program, name=first["name"], first_visit_only=True)
    template.kinds = [ContactKind.HOME_VISIT]
    template.save()
    ReportTemplateVersion.objects.create(
        template=template, number=1, definition=definition(first["sections"])
    )
    name, sections = VISIT[language]
    template = ReportTemplate(program=program, name=name)
    template.kinds = [ContactKind.HOME_VISIT, ContactKind.ACCOMPANIMENT, ContactKind.OUTREACH]
    template.save()
    ReportTemplateVersion.objects.create(
        template=template, number=1, definition=definition(sections)
    )


def _answers(version, contact, text, rnd) -> dict:
    keys = {f["key"] for f in version.fields}
    if "home_state" in keys:
        return {
            "home_state": text["home"],
            "furniture": rnd.sample(version.fields[1]["choices"], 2),
            "feels_safe": "yes",
            "money": text["money"],
            "priorities": version.fields[4]["choices"][:3],
            "budget_made": "yes",
            "harm_reduction": "yes",
            "person_view": text["view"],
            "wellbeing": str(rnd.randint(3, 5)),
            "next_visit": text["next"],
        }
    home = next(f for f in version.fields if f["key"] == "home")["choices"]
    return {
        "wellbeing": str(rnd.randint(2, 5)),
        "what_happened": contact.note,
        "home": rnd.choice([home[0], home[0], home[1]]),
        "agreed": text["agreed"],
    }


def _reports(case, text, index, rnd) -> None:
    contacts = list(
        Contact.objects.filter(case=case).order_by("on", "id").prefetch_related("staff")
    )
    for position, contact in enumerate(contacts):
        template = template_for(contact)
        if template is None:
            continue
        newest = position == len(contacts) - 1
        if newest and index % 7 == 3:
            continue  # report missing: the team sees it on the due list
        version = template.current
        author = contact.recorded_by
        report = Report(
            contact=contact,
            template_version=version,
            author=author,
            answers=_answers(version, contact, text, rnd),
        )
        if not (newest and index % 11 == 5):  # a few drafts are still to be signed
            report.status = ReportStatus.SIGNED
            report.signed_by = author
            report.signed_at = datetime.combine(contact.on, time(18, 0), tzinfo=ZoneInfo("UTC"))
        report.save()


def _at(day: date, hour: int, zone: ZoneInfo, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def _tenancy_events(cases, text, today, lead) -> None:
    """One home at risk (unresolved), one repair resolved, per program."""
    tenancies = list(
        Tenancy.objects.filter(
            person__in=[c.person_id for c in cases], ended_on__isnull=True
        ).order_by("person_id")
    )
    if len(tenancies) < 2:
        return
    TenancyEvent.objects.create(
        tenancy=tenancies[1],
        kind=TenancyEventKind.HOME_AT_RISK,
        on=today - timedelta(days=4),
        note=text["at_risk"],
        recorded_by=lead,
    )
    TenancyEvent.objects.create(
        tenancy=tenancies[0],
        kind=TenancyEventKind.REPAIR,
        on=today - timedelta(days=30),
        note=text["repair"],
        resolved_on=today - timedelta(days=12),
        recorded_by=lead,
    )


def _appointments(cases, workers, text, today, zone, rnd) -> None:
    open_cases = [c for c in cases if c.is_open]
    for offset in range(0, 6):
        day = today + timedelta(days=offset)
        for slot, case in enumerate(rnd.sample(open_cases, min(4, len(open_cases)))):
            kind = ContactKind.ACCOMPANIMENT if slot == 1 else ContactKind.HOME_VISIT
            appointment = Appointment.objects.create(
                case=case,
                starts_at=_at(day, 9 + 2 * slot, zone),
                minutes=60,
                kind=kind,
                place="community" if kind == ContactKind.ACCOMPANIMENT else "home",
                accompany_to=rnd.choice(text["accompany"])
                if kind == ContactKind.ACCOMPANIMENT
                else "",
                created_by=case.primary_worker or workers[0],
            )
            appointment.staff.add(case.primary_worker or rnd.choice(workers))


def _crises(cases, workers, text, today, zone, rnd) -> None:
    open_cases = [c for c in cases if c.is_open]
    for number, case in enumerate(open_cases[2:5]):
        when = (
            (datetime.now(zone) - timedelta(hours=6))
            if number == 0
            else _at(today - timedelta(days=3 + 9 * number), 23, zone)
        )
        crisis = Crisis.objects.create(
            case=case,
            occurred_at=when,
            what=text["crisis"],
            severity=["high", "moderate", "low"][number],
            response=text["response"],
            follow_up=text["agreed"],
            follow_up_on=today + timedelta(days=number),
            recorded_by=case.primary_worker or workers[0],
        )
        crisis.responders.add(case.primary_worker or workers[0])


def _conferences(cases, workers, text, today, zone) -> None:
    open_cases = [c for c in cases if c.is_open]
    held = CaseConference.objects.create(
        case=open_cases[2],
        scheduled_for=_at(today - timedelta(days=10), 13, zone),
        purpose=text["conference"],
        status="held",
        strategy=text["strategy"],
        partners=text["accompany"][0],
        created_by=workers[0],
    )
    held.participants.set(workers[:3])
    CaseConference.objects.create(
        case=open_cases[3],
        scheduled_for=_at(today + timedelta(days=5), 13, zone),
        purpose=text["conference"],
        created_by=workers[0],
    )


def _roster(program, team, workers, today, zone) -> None:
    """Four weeks ahead. ACT: day, evening and night on call, one night left uncovered.
    ICM: 08–14 and 14–20 every day (7 × 12)."""
    shifts = []
    for offset in range(-1, 29):
        day = today + timedelta(days=offset)
        if program.model == ServiceModel.ACT:
            blocks = [(8, 16, "shift"), (16, 24, "shift"), (0, 8, "on_call")]
        else:
            blocks = [(8, 14, "shift"), (14, 20, "shift")]
        for number, (start, end, kind) in enumerate(blocks):
            if program.model == ServiceModel.ACT and offset == 10 and kind == "on_call":
                continue  # the demo's one uncovered night
            starts = _at(day, start, zone)
            ends = _at(day + timedelta(days=1), 0, zone) if end == 24 else _at(day, end, zone)
            shifts.append(
                Shift(
                    team=team,
                    user=workers[(offset + number) % len(workers)],
                    kind=kind,
                    starts_at=starts,
                    ends_at=ends,
                    created_by=workers[0],
                )
            )
    Shift.objects.bulk_create(shifts)


def _meetings(team, cases, workers, lead, text, today, rnd) -> None:
    open_cases = [c for c in cases if c.is_open]
    for offset in range(1, 8):
        meeting = TeamMeeting.objects.create(
            team=team, on=today - timedelta(days=offset), saved_by=lead
        )
        meeting.attendees.set([lead, *rnd.sample(workers, min(4, len(workers)))])
        MeetingEntry.objects.bulk_create(
            MeetingEntry(meeting=meeting, case=case, line=rnd.choice(text["lines"]), reviewed=True)
            for case in open_cases
        )
