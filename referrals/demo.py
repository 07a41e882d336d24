"""Demo referrals, consents and barriers for one case (R14, R30, R35, R37), written in the
program's language.

Most persons consent to statistics; every referral that shares personal data has its consent
for the receiver. Per program: one consent has expired and one was withdrawn (their referrals
show that the sharing stopped), and one referral was refused (a barrier). Some persons have
unmet needs recorded, so the barrier report shows several categories, areas and months. Some
consents for statistics were signed on the worker's phone: their signed copy is among the
person's documents (issue 12 §8). The directory's own demo (``directory.demo.load_program``)
creates the services and partners; when an organisation has none, the case gets no referral.
"""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from directory.models import Partner, Resource
from hearth.signatures import OTHER_WAYS, AgreementWay, drawn_signature
from referrals.barriers import record_barrier
from referrals.consent import receiver_of, record_consent, withdraw_consent
from referrals.models import (
    BarrierCategory,
    Consent,
    ConsentPurpose,
    Referral,
    ReferralStatus,
)
from referrals.workflow import send_referral, update_referral

TEXT = {
    "en": {
        "purposes": [
            "Wants a family doctor close to home.",
            "Asked for help with the Ontario Works application.",
            "Wants to talk with someone about the drinking, without pressure.",
            "Looking for part-time work; wants a résumé.",
        ],
        "outcomes": ["First appointment went well.", "Enrolled; next meeting in a month."],
        "refusals": ["Waiting list closed: no new clients until spring."],
        "needs": [
            "No dentist nearby accepts clients without private insurance.",
            "No detox bed free on the day the person asked for one.",
            "Landlord refused because of the source of income.",
            "No interpreter available for the psychiatric assessment.",
        ],
        "witnesses": ["Sam Patel (peer worker)"],
        "areas": ["Downtown East", "Parkdale", "Scarborough"],
        "scope": "Name, phone number and what the person chose to share about health.",
    },
    "fr": {
        "purposes": [
            "Veut un médecin de famille.",
            "Demande de l'aide pour l'aide sociale.",
            "Veut parler de sa consommation, à son rythme.",
            "Cherche un emploi à temps partiel.",
        ],
        "outcomes": [
            "Premier rendez-vous bien passé.",
            "Inscription faite; prochaine rencontre dans un mois.",
        ],
        "refusals": ["Liste d'attente fermée : pas de nouvelle demande avant le printemps."],
        "needs": [
            "Aucun dentiste du quartier n'accepte les prestataires de l'aide sociale.",
            "Pas de lit en désintoxication le jour de la demande.",
            "Le propriétaire a refusé à cause de la source de revenu.",
            "Pas d'interprète pour l'évaluation psychiatrique.",
        ],
        "witnesses": ["Julie Roy (pair aidante)"],
        "areas": ["Centre-Sud", "Hochelaga", "Plateau"],
        "scope": "Nom, téléphone et ce que la personne a choisi de dire sur sa santé.",
    },
    "da": {
        "purposes": [
            "Ønsker en fast læge.",
            "Har bedt om hjælp til ansøgning om kontanthjælp.",
            "Vil gerne tale om sit forbrug, i sit eget tempo.",
            "Søger deltidsarbejde.",
        ],
        "outcomes": ["Første samtale gik godt.", "Indskrevet; næste møde om en måned."],
        "refusals": ["Ventelisten er lukket indtil foråret."],
        "needs": [
            "Ingen tandlæge i området tager imod borgere uden tilskud.",
            "Ingen afrusningsplads den dag, borgeren bad om det.",
            "Udlejer afviste på grund af forsørgelsesgrundlaget.",
            "Ingen tolk til den psykiatriske udredning.",
        ],
        "witnesses": ["Mette Holm (peer-medarbejder)"],
        "areas": ["Nørrebro", "Vesterbro", "Amager"],
        "scope": "Navn, telefonnummer og det, borgeren selv valgte at fortælle om sit helbred.",
    },
    "pt-br": {
        "purposes": [
            "Acompanhamento no CAPS AD, no ritmo da pessoa.",
            "Inscrição no CadÚnico e no Bolsa Família pelo CRAS.",
            "Quer um médico de família na UBS.",
            "Procura trabalho de meio período.",
        ],
        "outcomes": ["Primeiro acolhimento foi bom.", "Inscrição feita; volta em um mês."],
        "refusals": ["Sem vaga: o serviço não atende pessoas sem comprovante de endereço."],
        "needs": [
            "Nenhum dentista do SUS com vaga na região.",
            "Sem leito de desintoxicação no dia em que pediu.",
            "O proprietário recusou por causa da origem da renda.",
            "Sem intérprete de Libras para a consulta.",
        ],
        "witnesses": ["Ana Souza (agente de acompanhamento)"],
        "areas": ["Sé", "República", "Mooca"],
        "scope": "Nome, telefone e o que a pessoa escolheu contar sobre a saúde.",
    },
}

NEED_CATEGORIES = [
    BarrierCategory.UNMET_NEED,
    BarrierCategory.UNMET_NEED,
    BarrierCategory.SERVICE_GAP,
    BarrierCategory.WAITING_LIST,
    BarrierCategory.DISCRIMINATION,
]
ROUTINE_STATUSES = [
    ReferralStatus.SENT,
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.COMPLETED,
    ReferralStatus.NO_ANSWER,
]


def _targets(organisation, language: str) -> list[tuple]:
    """(resource, partner) pairs of the organisation's directory; in Brazil CAPS AD and CRAS
    first (R14)."""

    partners = list(Partner.objects.filter(organisation=organisation, active=True))
    resources = list(Resource.objects.filter(organisation=organisation, active=True))
    # A service with a partner of its own is referred to through that partner.
    linked = {p.resource_id for p in partners if p.resource_id}
    targets = [(None, p) for p in partners] + [
        (r, None)
        for r in resources
        if r.pk not in linked and r.kind in ("public_service", "voluntary_initiative")
    ]
    if language == "pt-br":
        network = [t for t in targets if any(k in (t[0] or t[1]).name for k in ("CAPS", "CRAS"))]
        return network or targets
    return targets


# The share of persons who signed their consent for statistics on the phone: a signed copy (a
# small PDF) each, so kept small for a quick demo.
SIGNED_ON_SCREEN_SHARE = 0.2


def _way(rnd: random.Random, text: dict) -> dict:
    """On paper or aloud before a witness: signing on the screen needs a signature."""
    way = rnd.choice([value for value, _label in OTHER_WAYS])
    witness = rnd.choice(text["witnesses"]) if way == AgreementWay.AGREED_ALOUD else ""
    return {"given_how": way, "witness": witness}


def _consent_for(person, resource, partner, *, given_on, by, rnd, text, expires_on=None):
    to_partner, to_resource = receiver_of(resource=resource, partner=partner)
    return Consent.objects.create(
        person=person,
        purpose=ConsentPurpose.REFERRAL,
        partner=to_partner,
        resource=to_resource,
        given_on=given_on,
        expires_on=expires_on,
        scope_note=text["scope"],
        recorded_by=by,
        **_way(rnd, text),
    )


def _program_has(program, **lookup) -> bool:
    return Consent.objects.filter(person__cases__program=program, **lookup).exists()


def _refused_in(program) -> bool:
    return Referral.objects.filter(case__program=program, status=ReferralStatus.REFUSED).exists()


def _referral(case, resource, partner, *, special, today, rnd, by, text) -> None:
    person = case.person
    if special == "expired":
        sent_on = today - timedelta(days=rnd.randint(60, 120))
        given_on = sent_on - timedelta(days=rnd.randint(1, 10))
        expires_on = today - timedelta(days=rnd.randint(5, 30))
    else:
        sent_on = today - timedelta(days=rnd.randint(5, 150))
        given_on = sent_on - timedelta(days=rnd.randint(0, 10))
        expires_on = given_on + timedelta(days=730) if rnd.random() < 0.3 else None
    consent = _consent_for(
        person,
        resource,
        partner,
        given_on=given_on,
        by=by,
        rnd=rnd,
        text=text,
        expires_on=expires_on,
    )
    shares = rnd.sample(["identity", "contact", "housing", "income", "health"], rnd.randint(1, 3))
    referral = send_referral(
        case=case,
        by=by,
        resource=resource,
        partner=partner,
        purpose=rnd.choice(text["purposes"]),
        shares=shares,
        sent_on=sent_on,
        follow_up_on=sent_on + timedelta(days=rnd.choice([14, 21, 30])),
    )
    answered_on = min(today, sent_on + timedelta(days=rnd.randint(3, 20)))
    if special == "refused":
        update_referral(
            referral,
            by=by,
            on=answered_on,
            expected_version=0,
            status=ReferralStatus.REFUSED,
            refusal_reason=rnd.choice(text["refusals"]),
        )
        return
    status = ReferralStatus.ACCEPTED if special else rnd.choice(ROUTINE_STATUSES)
    if status != ReferralStatus.SENT:
        follow_up = answered_on + timedelta(days=30) if status == ReferralStatus.ACCEPTED else None
        update_referral(
            referral,
            by=by,
            on=answered_on,
            expected_version=0,
            status=status,
            follow_up_on=follow_up,
            outcome_note=rnd.choice(text["outcomes"]) if status == ReferralStatus.COMPLETED else "",
        )
    if special == "withdrawn":
        withdraw_consent(
            consent,
            by=by,
            on=today,
            note="",
            expected_version=0,
        )


def _needs(case, *, areas: list[str], today: date, rnd: random.Random, by, text) -> None:
    for _ in range(rnd.randint(1, 2)):
        record_barrier(
            case=case,
            category=rnd.choice(NEED_CATEGORIES),
            on=today - timedelta(days=rnd.randint(0, 170)),
            description=rnd.choice(text["needs"]),
            area=rnd.choice(areas),
            by=by,
        )


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    text = TEXT.get(language, TEXT["en"])
    program = case.program
    person = case.person
    if rnd.random() < 0.85:
        given_on = max(case.opened_on, today - timedelta(days=365))
        if rnd.random() < SIGNED_ON_SCREEN_SHARE:
            zone = ZoneInfo(program.organisation.time_zone)
            record_consent(
                person=person,
                by=by,
                purpose=ConsentPurpose.STATISTICS,
                given_on=given_on,
                signature=drawn_signature(rnd),
                signed_at=datetime.combine(given_on, time(rnd.randint(10, 15), 5), tzinfo=zone),
            )
        else:
            Consent.objects.create(
                person=person,
                purpose=ConsentPurpose.STATISTICS,
                given_on=given_on,
                recorded_by=by,
                **_way(rnd, text),
            )
    targets = _targets(program.organisation, language)
    for index, (resource, partner) in enumerate(
        rnd.sample(targets, min(len(targets), rnd.randint(1, 3)))
    ):
        special = None
        if index == 0 and not _program_has(program, expires_on__lt=today):
            special = "expired"
        elif index == 0 and not _program_has(program, withdrawn_on__isnull=False):
            special = "withdrawn"
        elif not _refused_in(program):
            special = "refused"
        _referral(case, resource, partner, special=special, today=today, rnd=rnd, by=by, text=text)
    if rnd.random() < 0.5:
        areas = (
            sorted(
                set(
                    Resource.objects.filter(organisation=program.organisation)
                    .exclude(area="")
                    .values_list("area", flat=True)
                )
            )
            or text["areas"]
        )
        _needs(case, areas=areas, today=today, rnd=rnd, by=by, text=text)
