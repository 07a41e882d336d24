"""The history of each demo case since it opened (issue 12 §9): the visit frequency agreed
after the first months in the home, and every contact from the opening to the case's last day
— outreach until move-in, weekly home visits in the first months, then at the agreed frequency;
ACT several times a week, the team sharing the work (R3, R10)."""

import random
from datetime import date, timedelta

from cases.models import Case
from programs.models import ServiceModel
from visits.cadence import add_months
from visits.models import CadenceAgreement, Contact, ContactKind, Place

# What a contact of each kind was about, in the worker's words (no pronoun: the same note may
# be about anyone).
CONTACT_NOTES = {
    "en": {
        ContactKind.HOME_VISIT: [
            "Home visit: we sorted the mail together and wrote a shopping list.",
            "Coffee at the kitchen table; talked about getting back to the gym.",
            "Home visit: looked at the budget together; rent is paid.",
            "Home visit: the new curtains are up; a good, calm visit.",
        ],
        ContactKind.ACCOMPANIMENT: [
            "Went together to the Ontario Works office; the appointment is booked.",
            "Went along to the family doctor; the prescription is renewed.",
            "Went together to ServiceOntario for the health card.",
        ],
        ContactKind.PHONE: [
            "Short check-in by phone; all well, asked for a visit on Friday.",
            "Phone call about the letter from the landlord; we read it together.",
        ],
        ContactKind.OUTREACH: [
            "Met at the drop-in; looked at two listings together.",
            "Found at the usual spot by the library; coffee and a talk about housing.",
            "Met at the shelter; the housing application is signed.",
        ],
    },
    "fr": {
        ContactKind.HOME_VISIT: [
            "Visite à domicile : on a rangé la cuisine et fait la liste d'épicerie.",
            "Café ensemble ; on a parlé du retour au travail à temps partiel.",
            "Visite à domicile : le budget revu ensemble, le loyer est payé.",
            "Visite à domicile : les rideaux sont posés ; une visite calme.",
        ],
        ContactKind.ACCOMPANIMENT: [
            "Accompagnement au CLSC pour le renouvellement de l'ordonnance.",
            "Accompagnement au bureau d'aide sociale ; le dossier est à jour.",
            "Accompagnement à la pharmacie et à l'épicerie.",
        ],
        ContactKind.PHONE: [
            "Appel rapide : ça va, demande une visite jeudi.",
            "Appel au sujet de la lettre du propriétaire ; lue ensemble.",
        ],
        ContactKind.OUTREACH: [
            "Rencontre au centre de jour ; deux annonces regardées ensemble.",
            "Rencontre au parc, café et discussion sur le logement.",
            "Rencontre au refuge ; la demande de logement est signée.",
        ],
    },
    "da": {
        ContactKind.HOME_VISIT: [
            "Hjemmebesøg: vi fik styr på posten og lavede en indkøbsliste.",
            "Kaffe i køkkenet; vi talte om at få kontakt til familien igen.",
            "Hjemmebesøg: vi så på budgettet sammen; huslejen er betalt.",
            "Hjemmebesøg: gardinerne er kommet op; et roligt besøg.",
        ],
        ContactKind.ACCOMPANIMENT: [
            "Fulgte med til jobcentret; samtalen gik godt.",
            "Fulgte med til egen læge; recepten er fornyet.",
            "Fulgte med til Borgerservice om sundhedskortet.",
        ],
        ContactKind.PHONE: [
            "Kort opkald; alt vel, ønsker besøg på fredag.",
            "Opkald om brevet fra boligselskabet; vi læste det sammen.",
        ],
        ContactKind.OUTREACH: [
            "Mødtes på værestedet; vi så på to boliger sammen.",
            "Mødtes på det sædvanlige sted; kaffe og snak om bolig.",
            "Mødtes på herberget; boligansøgningen er underskrevet.",
        ],
    },
    "pt-br": {
        ContactKind.HOME_VISIT: [
            "Visita domiciliar: organizamos a cozinha e fizemos a lista do mercado.",
            "Café na cozinha; conversamos sobre voltar a trabalhar.",
            "Visita domiciliar: revimos o orçamento juntos; o aluguel está pago.",
            "Visita domiciliar: as cortinas foram instaladas; visita tranquila.",
        ],
        ContactKind.ACCOMPANIMENT: [
            "Acompanhamento ao CRAS para atualizar o CadÚnico.",
            "Acompanhamento à UBS; a receita foi renovada.",
            "Acompanhamento ao Poupatempo para a segunda via do RG.",
        ],
        ContactKind.PHONE: [
            "Ligação rápida: tudo bem, pediu visita na sexta.",
            "Ligação sobre o aviso do proprietário; lemos juntos.",
        ],
        ContactKind.OUTREACH: [
            "Encontro no Centro POP; vimos dois anúncios de quitinete juntos.",
            "Encontro na praça de sempre; café e conversa sobre a moradia.",
            "Encontro no centro de acolhida; a ficha da moradia está assinada.",
        ],
    },
}


def cadence_agreements(cases: list[Case], *, today: date, rnd: random.Random) -> dict[int, int]:
    """After the first weekly months in the home, each open case agreed how often the person
    wants a visit (R10); the contacts below keep to it. Case id → days between visits."""
    agreements, rows = {}, []
    for case in cases:
        if case.is_open and case.moved_in_on and case.moved_in_on < today - timedelta(days=100):
            interval = 7 if case.program.model == ServiceModel.ACT else rnd.choice([7, 14, 14, 21])
            agreements[case.pk] = interval
            rows.append(
                CadenceAgreement(
                    case=case,
                    interval_days=interval,
                    agreed_by=case.primary_worker,
                    agreed_on=case.moved_in_on + timedelta(days=95),
                )
            )
    CadenceAgreement.objects.bulk_create(rows)
    return agreements


def contacts_of(case, spells, cadence, rnd, language, contacts, present, reported_in) -> None:
    """The case's contacts from its opening to its last day, newest first: outreach until
    move-in, then weekly home visits for the program's first months in the home (R10), then at
    the agreed frequency, with calls and accompaniments between; ACT sees people several times
    a week, the team sharing the work (R3). The newest contact is always a face-to-face one,
    so each cadence has a real basis. Each contact is reported in the program that held the
    case that day (``reported_in``)."""
    notes = CONTACT_NOTES[language]
    program = case.program
    weekly_until = (
        add_months(case.moved_in_on, program.weekly_visits_months) if case.moved_in_on else None
    )
    for spell in sorted(spells, key=lambda s: s.start, reverse=True):
        is_act = spell.team.program.model == ServiceModel.ACT
        holders = spell.team.holders
        day = spell.end - timedelta(days=rnd.randint(0, 3))
        newest = spell is max(spells, key=lambda s: s.start)
        while day >= spell.start:
            if not spell.is_open_on(day):
                day = spell.closed[0]
                continue
            housed = bool(case.moved_in_on and day >= case.moved_in_on)
            if newest:
                kind = ContactKind.HOME_VISIT if housed else ContactKind.OUTREACH
                newest = False
            elif housed:
                kind = rnd.choice(
                    [ContactKind.HOME_VISIT] * 6
                    + [ContactKind.ACCOMPANIMENT] * 2
                    + [ContactKind.PHONE] * 2
                )
            else:
                kind = rnd.choice(
                    [ContactKind.OUTREACH] * 3 + [ContactKind.ACCOMPANIMENT, ContactKind.PHONE]
                )
            # ACT: whoever of the team went; often two of them (R3).
            worker = spell.primary if not is_act or rnd.random() < 0.5 else rnd.choice(holders)
            with_them = [worker]
            if is_act and kind != ContactKind.PHONE and rnd.random() < 0.4:
                with_them.append(rnd.choice([h for h in holders if h != worker]))
            contacts.append(
                Contact(
                    case=case,
                    on=day,
                    kind=kind,
                    minutes=rnd.choice([20, 45, 60, 90]) if kind != ContactKind.PHONE else 15,
                    place={ContactKind.HOME_VISIT: Place.HOME, ContactKind.PHONE: Place.REMOTE}.get(
                        kind, Place.COMMUNITY
                    ),
                    face_to_face=kind != ContactKind.PHONE,
                    note=rnd.choice(notes[kind]),
                    recorded_by=worker,
                )
            )
            present.append(with_them)
            reported_in.append(spell.team.program)
            if is_act:
                gap = rnd.randint(2, 5)
            elif not housed:
                gap = rnd.randint(6, 11)
            elif day < weekly_until:
                gap = rnd.randint(6, 7)
            else:
                agreed = cadence.get(case.pk, 14)
                gap = max(3, agreed + rnd.choice([-2, -1, 0, 0, 0, 1]))
            day -= timedelta(days=gap)
