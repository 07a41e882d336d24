"""Demo field work (issue 3, issue 12 §9): report templates, a report after nearly every
contact of the case's whole history (the newest now and then missing or a draft),
appointments, crises over the past year, case conferences, half a year of daily ACT meetings,
and each team's roster from thirteen months back to four weeks ahead with a few shifts nobody
covered (and one uncovered night ahead in each ACT team).

The words about a person never say "he" or "she": the same line may be about anyone, and a
person's own pronouns are theirs to say (Person.pronouns)."""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from simple_history.utils import bulk_create_with_history

from cases.models import Case
from demo.report_templates import FIRST_VISIT, VISIT, definition
from housing.models import Tenancy, TenancyEvent, TenancyEventKind
from meetings.models import CaseConference, MeetingEntry, TeamMeeting
from programs.models import ServiceModel
from programs.roles import Role
from reports.models import Report, ReportStatus, ReportTemplate, ReportTemplateVersion
from roster.models import Shift
from visits.models import Appointment, Contact, ContactKind, Crisis

# The roster goes back as far as anything reads it: the dashboards' twelve months (from the
# first day of the month a year ago) and the DACTS reviews half a year ago (four weeks each).
ROSTER_DAYS_BACK = 400
UNCOVERED_SHARE = 0.02  # of past shifts nobody took: a sick day, a holiday, a vacancy
MEETING_DAYS_BACK = 182  # ACT's daily meetings, weekdays, over the last half year
CRISES_PER_TEAM = 8  # over the last year, besides the three recent ones

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
            "Doing well; proud of the new curtains.",
            "Missed the clinic; the nurse will call today.",
            "Quiet week; wants help with the phone bill.",
            "Good visit from a sister on Sunday.",
            "Sleeping badly; evening check-in tonight.",
            "Back in touch with family; a good week.",
        ],
        "crises": [
            "Neighbour called: loud argument at night; the person was frightened.",
            "No answer for three days; found at home, unwell; went to emergency together.",
            "Relapse after a hard anniversary; the team visited twice a day for a week.",
        ],
        "response": "Visited the next morning, talked it through, called the landlord together.",
        "outcome": "Settled; still at home, and the visits are back to the usual rhythm.",
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
            "Ça va bien; les nouveaux rideaux font plaisir.",
            "A manqué le CLSC; Julien rappelle aujourd'hui.",
            "Semaine tranquille; veut de l'aide pour le compte de téléphone.",
            "Bonne visite avec sa sœur.",
            "Dort mal; Fatima passe ce soir.",
            "A repris contact avec son fils.",
        ],
        "crises": [
            "Appel d'un voisin : dispute la nuit, la personne avait peur.",
            "Pas de réponse pendant trois jours; à la visite, forte fièvre : urgence ensemble.",
            "Rechute après un anniversaire difficile; deux visites par jour pendant une semaine.",
        ],
        "response": "Visite le lendemain matin, discussion, appel au propriétaire ensemble.",
        "outcome": "Ça s'est calmé; toujours dans son logement, les visites ont repris.",
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
        "lines": [
            "Går godt.",
            "Har ikke været til lægen; vi ringer i dag.",
            "Stille uge.",
        ],
        "crises": [
            "Naboen ringede: højlydt skænderi om natten, borgeren var bange.",
            "Intet svar i tre dage; fundet hjemme og syg; vi tog sammen på skadestuen.",
            "Tilbagefald efter en svær mærkedag; besøg to gange om dagen i en uge.",
        ],
        "response": "Besøg næste morgen, vi talte det igennem og ringede til boligselskabet.",
        "outcome": "Faldet til ro; bor stadig hjemme, og besøgene er tilbage i den vante rytme.",
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
        "crises": [
            "O vizinho ligou: briga alta à noite, a pessoa ficou com medo.",
            "Três dias sem atender; a pessoa estava em casa, passando mal; fomos juntos à UPA.",
            "Recaída depois de uma data difícil; visitas duas vezes por dia durante uma semana.",
        ],
        "response": "Visita na manhã seguinte, conversamos e ligamos juntos para o proprietário.",
        "outcome": "A situação se acalmou; a pessoa segue em casa e as visitas voltaram ao ritmo.",
        "accompany": ["UBS", "CRAS", "Fórum"],
        "conference": "Várias crises à noite desde o inverno.",
        "strategy": "Ligações à noite por quatro semanas; falar do sono com a UBS.",
    },
}

# Who does the field work of a team: everyone but its lead and its psychiatrist.
NOT_IN_THE_FIELD = {Role.TEAM_LEAD, Role.PSYCHIATRIST}


def report_templates(program, language: str) -> None:
    """The program's two report templates: the first visit in the home, and every visit."""
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


def reports(
    contacts: list[Contact], programs: list, cases: list[Case], *, language: str, rnd
) -> None:
    """A report on the program's template after every contact a template covers (R10), by the
    worker who went, signed the same evening: the first home visit on the first-visit template
    (as ``reports.workflow.template_for`` picks it). Each contact is reported in the program
    that held the case then (``programs`` runs beside ``contacts``). Of the newest reports, a
    few are missing and a few are drafts: the team sees them on the due list."""
    text = TEXT[language]
    templates: dict[int, list] = {}
    for program in {p.pk: p for p in programs}.values():
        templates[program.pk] = [
            (t, t.current)
            for t in ReportTemplate.objects.filter(program=program, is_active=True).order_by(
                "-first_visit_only", "name"
            )
        ]
    position = {case.pk: index for index, case in enumerate(cases)}
    by_case: dict[int, list[tuple[Contact, object]]] = defaultdict(list)
    for contact, program in zip(contacts, programs, strict=True):
        by_case[contact.case_id].append((contact, program))
    rows = []
    for case_id, history in by_case.items():
        history.sort(key=lambda pair: (pair[0].on, pair[0].pk))
        index = position[case_id]
        first_visit_done = False
        for number, (contact, program) in enumerate(history):
            newest = number == len(history) - 1
            if newest and index % 7 == 3:
                continue  # report missing
            template = next(
                (
                    (t, version)
                    for t, version in templates[program.pk]
                    if contact.kind in t.kinds
                    and not (t.first_visit_only and first_visit_done)
                    and not (t.first_visit_only and contact.kind != ContactKind.HOME_VISIT)
                ),
                None,
            )
            if template is None:
                continue
            if contact.kind == ContactKind.HOME_VISIT:
                first_visit_done = True
            report = Report(
                contact=contact,
                template_version=template[1],
                author=contact.recorded_by,
                answers=_answers(template[1], contact, text, rnd),
            )
            if not (newest and index % 11 == 5):  # a few drafts are still to be signed
                report.status = ReportStatus.SIGNED
                report.signed_by = contact.recorded_by
                report.signed_at = datetime.combine(contact.on, time(18), tzinfo=ZoneInfo("UTC"))
            report._history_user = contact.recorded_by
            rows.append(report)
    bulk_create_with_history(rows, Report, batch_size=500)


def load_fieldwork(
    *,
    team,
    staff: list,
    cases: list[Case],
    spells: list[tuple[Case, date, date]],
    language: str,
    today: date,
    rnd: random.Random,
) -> None:
    """The team's field work: ``cases`` are the ones it holds today, ``spells`` every case it
    held and from when to when (a transferred case was the ACT team's until its transfer)."""
    text = TEXT[language]
    program = team.program
    zone = ZoneInfo(program.organisation.time_zone)
    lead = next(u for u, role in staff if role == Role.TEAM_LEAD)
    workers = [u for u, role in staff if role not in NOT_IN_THE_FIELD]
    _appointments(cases, workers, text, today, zone, rnd)
    _crises(cases, workers, text, today, zone, rnd)
    _conferences(cases, workers, text, today, zone)
    _tenancy_events(cases, text, today, lead)
    _roster(team, workers, today, zone, rnd)
    if program.model == ServiceModel.ACT:
        _meetings(team, spells, workers, lead, text, today, rnd)


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


def _at(day: date, hour: int, zone: ZoneInfo, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def _tenancy_events(cases, text, today, lead) -> None:
    """One home at risk (unresolved), one repair resolved, per team."""
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
    """Three recent crises with their follow-up to come, and older ones over the past year of
    persons in their homes, each settled (R17: expected, recorded, never an end to support)."""
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
            what=text["crises"][0],
            severity=["high", "moderate", "low"][number],
            response=text["response"],
            follow_up=text["agreed"],
            follow_up_on=today + timedelta(days=number),
            recorded_by=case.primary_worker or workers[0],
        )
        crisis.responders.add(case.primary_worker or workers[0])
    housed = [c for c in open_cases if c.moved_in_on and c.moved_in_on < today - timedelta(60)]
    for _ in range(CRISES_PER_TEAM if housed else 0):
        case = rnd.choice(housed)
        earliest = max(case.moved_in_on, today - timedelta(days=365))
        day = earliest + timedelta(days=rnd.randint(0, max((today - earliest).days - 40, 0)))
        responder = case.primary_worker or rnd.choice(workers)
        crisis = Crisis.objects.create(
            case=case,
            occurred_at=_at(day, rnd.choice([1, 7, 15, 22]), zone),
            what=rnd.choice(text["crises"]),
            severity=rnd.choice(["high", "moderate", "moderate", "low"]),
            response=text["response"],
            outcome=text["outcome"],
            follow_up=text["agreed"],
            follow_up_on=day + timedelta(days=2),
            recorded_by=responder,
        )
        crisis.responders.add(responder)


def _conferences(cases, workers, text, today, zone) -> None:
    open_cases = [c for c in cases if c.is_open]
    if len(open_cases) < 4:
        return
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


def _roster(team, workers, today, zone, rnd) -> None:
    """From thirteen months back to four weeks ahead. ACT: day, evening and night on call (24/7);
    ICM: 08–14 and 14–20 every day (7 × 12). In the past about one shift in fifty went
    uncovered; ahead, ACT has one night nobody has taken yet."""
    is_act = team.program.model == ServiceModel.ACT
    blocks = (
        [(8, 16, Shift.Kind.SHIFT), (16, 24, Shift.Kind.SHIFT), (0, 8, Shift.Kind.ON_CALL)]
        if is_act
        else [(8, 14, Shift.Kind.SHIFT), (14, 20, Shift.Kind.SHIFT)]
    )
    shifts = []
    for offset in range(-ROSTER_DAYS_BACK, 29):
        day = today + timedelta(days=offset)
        for number, (start, end, kind) in enumerate(blocks):
            if is_act and offset == 10 and kind == Shift.Kind.ON_CALL:
                continue  # the night ahead still to be taken
            if offset < 0 and rnd.random() < UNCOVERED_SHARE:
                continue  # nobody covered it
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
    Shift.objects.bulk_create(shifts, batch_size=1000)


def _meetings(team, spells, workers, lead, text, today, rnd) -> None:
    """The ACT team's daily meeting on every weekday of the last half year (R3), reviewing
    every person the team held that day."""
    days = [
        today - timedelta(days=offset)
        for offset in range(1, MEETING_DAYS_BACK + 1)
        if (today - timedelta(days=offset)).weekday() < 5
    ]
    meetings = [TeamMeeting(team=team, on=day, saved_by=lead) for day in days]
    for meeting in meetings:
        meeting._history_user = lead
    meetings = bulk_create_with_history(meetings, TeamMeeting, batch_size=500)
    through = TeamMeeting.attendees.through
    attendees, entries = [], []
    for meeting in meetings:
        for user in [lead, *rnd.sample(workers, min(4, len(workers)))]:
            attendees.append(through(teammeeting_id=meeting.pk, user_id=user.pk))
        for case, start, end in spells:
            if start <= meeting.on <= end and _open_on(case, meeting.on):
                entries.append(
                    MeetingEntry(
                        meeting=meeting, case=case, line=rnd.choice(text["lines"]), reviewed=True
                    )
                )
    through.objects.bulk_create(attendees, batch_size=1000)
    MeetingEntry.objects.bulk_create(entries, batch_size=1000)


def _open_on(case: Case, day: date) -> bool:
    return case.opened_on <= day and (case.closed_on is None or day < case.closed_on)
