"""Demo housing for each program: a supply (providers, cooperation agreements, units) in the
program's city, and per case its housing search with what matters to the person, offers
(some refused by the person in their own words, one refused by a landlord), tenancy details in
local money, and in each program one tenancy that ended with the case continuing and a
rehousing search open (R7, R8, R19, R24, R34).

What the person pays of the rent is a share of their own income, as a rent supplement sets it,
never more than the rent: so this demo loads after the money demo (``LOADS_AFTER``) and writes
the rent line of the person's budget with the same share (R16)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from cases.models import Case
from housing.models import (
    Answer,
    CooperationAgreement,
    EndReason,
    HousingProvider,
    HousingSearch,
    LeaseKind,
    Obligation,
    SearchReason,
    Tenancy,
    Unit,
    UnitStatus,
    UnitType,
)
from housing.searches import answer_offer, make_offer
from housing.situations import Situation
from housing.tenancies import end_tenancy
from money.models import Budget, BudgetLine, ExpenseCategory, IncomeSource

# The person's income is known before their rent share is set (load_demo reads this).
LOADS_AFTER = ("money",)

# What a person pays of the rent, as a share of their monthly income: Ontario's
# rent-geared-to-income and At Home/Chez Soi's rent supplement 30%, Quebec's rent supplement
# (PSL) and HLM 25%; in Copenhagen the rent less the housing benefit (boligstøtte) leaves about
# a third of a cash benefit; São Paulo's program pays the rest above 30%.
SHARE_OF_INCOME = {
    "en": Decimal("0.30"),
    "fr": Decimal("0.25"),
    "da": Decimal("0.35"),
    "pt-br": Decimal("0.30"),
}

# (name, kind, contact, phone, e-mail), areas, streets, rent range, what matters, refusals,
# the landlord's refusal, the end of a tenancy.
CITY = {
    "en": {
        "providers": [
            ("Toronto Community Housing", "municipal", "Sandra Lee", "416-981-5500"),
            ("Houselink Community Homes", "association", "Omar Farah", "416-539-0690"),
            ("Petrakis Properties", "private", "George Petrakis", "416-555-0142"),
        ],
        "areas": ["Parkdale", "Regent Park", "Scarborough", "East York", "The Junction"],
        "streets": ["Queen St W", "Dundas St E", "Kingston Rd", "Pape Ave", "Keele St"],
        "rent": (1250, 1900),
        "what_matters": [
            "Somewhere quiet, close to my sister in the east end.",
            "A ground floor — my knees can't do stairs anymore.",
            "Not near Moss Park. I need a fresh start.",
            "Room for my dog, Biscuit. I won't go anywhere without Biscuit.",
        ],
        "refusals": [
            "Too far from my clinic and everyone I know.",
            "It's right above a bar. I couldn't sleep there.",
            "The building felt like the shelter all over again.",
        ],
        "landlord": "The landlord wanted a guarantor and two years of credit history.",
        "end_note": "Evicted after months of arrears; staying with a friend from church.",
    },
    "fr": {
        "providers": [
            (
                "Office municipal d'habitation de Montréal",
                "municipal",
                "Julie Gagnon",
                "514-868-5588",
            ),
            (
                "Société d'habitation populaire de l'Est",
                "association",
                "Marc Lévesque",
                "514-527-5720",
            ),
            ("Gestion Tremblay inc.", "private", "Luc Tremblay", "514-555-0187"),
        ],
        "areas": ["Hochelaga-Maisonneuve", "Verdun", "Rosemont", "Ville-Marie", "Côte-des-Neiges"],
        "streets": [
            "rue Ontario Est",
            "rue Wellington",
            "rue Masson",
            "rue Sainte-Catherine Est",
            "chemin de la Côte-des-Neiges",
        ],
        "rent": (950, 1500),
        "what_matters": [
            "Rester proche de ma fille à Verdun.",
            "Un rez-de-chaussée, à cause de mes jambes.",
            "Pas dans le Centre-Sud, c'est là que je consommais.",
            "Un endroit tranquille où mon chat peut venir.",
        ],
        "refusals": [
            "C'est trop loin de mon monde et de ma clinique.",
            "Il y avait des punaises dans le couloir, je ne peux pas.",
            "Trop bruyant, juste au-dessus du métro.",
        ],
        "landlord": "Le propriétaire a refusé à cause du dossier à la Régie du logement.",
        "end_note": "A quitté le logement après des conflits avec le voisin ; dort chez un ami.",
    },
    "da": {
        "providers": [
            ("Københavns Kommune, Boliganvisningen", "municipal", "Mette Holm", "33 66 33 66"),
            ("KAB", "association", "Jens Nielsen", "33 63 10 00"),
            ("Ejendomsselskabet Nørrebro ApS", "private", "Lars Berg", "35 55 01 23"),
        ],
        "areas": ["Nørrebro", "Amager", "Valby", "Bispebjerg", "Vesterbro"],
        "streets": ["Nørrebrogade", "Amagerbrogade", "Valby Langgade", "Tomsgårdsvej", "Istedgade"],
        "rent": (4600, 7200),
        "what_matters": [
            "Tæt på min søn på Amager.",
            "Stuen eller elevator — mine ben kan ikke klare trapper.",
            "Ikke på Vesterbro. Jeg skal væk fra miljøet.",
            "Plads til min hund, Bølle.",
        ],
        "refusals": [
            "For langt væk fra alle, jeg kender.",
            "Opgangen mindede mig om herberget.",
            "Der var for meget larm fra banen om natten.",
        ],
        "landlord": "Udlejer afviste på grund af gammel gæld til et boligselskab.",
        "end_note": "Udsat efter huslejerestance; sover hos en ven i Valby.",
    },
    "pt-br": {
        "providers": [
            ("COHAB-SP", "municipal", "Márcia Souza", "(11) 3396-8800"),
            ("Associação Moradia Primeiro", "association", "Paulo Santos", "(11) 3222-0101"),
            ("Imobiliária Paulista Ltda.", "private", "Roberto Lima", "(11) 5555-0177"),
        ],
        "areas": ["Sé", "Brás", "Mooca", "Santa Cecília", "Bela Vista"],
        "streets": [
            "Rua do Carmo",
            "Rua do Gasômetro",
            "Rua da Mooca",
            "Rua Helvétia",
            "Rua Treze de Maio",
        ],
        "rent": (850, 1600),
        "what_matters": [
            "Perto da minha irmã na Mooca.",
            "Térreo, por causa da minha perna.",
            "Longe da Cracolândia, quero recomeçar.",
            "Lugar para o meu cachorro, o Pretinho.",
        ],
        "refusals": [
            "Muito longe do CAPS e de todo mundo que eu conheço.",
            "O prédio parecia o albergue de novo.",
            "Barulho demais, em cima de um bar.",
        ],
        "landlord": "O proprietário recusou porque não aceita fiador do programa.",
        "end_note": "Deixou a casa depois de brigas com o vizinho; está na casa de um amigo.",
    },
}


def _language(language: str) -> str:
    return language if language in CITY else "en"


def _money(rnd: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rnd.randrange(low, high, 25))


def load_program(program, *, language: str, today: date, rnd: random.Random, by) -> None:
    text = CITY[_language(language)]
    organisation = program.organisation
    if HousingProvider.objects.filter(organisation=organisation).exists():
        providers = list(HousingProvider.objects.filter(organisation=organisation))
    else:
        providers = []
        for name, kind, contact, phone in text["providers"]:
            provider = HousingProvider.objects.create(
                organisation=organisation,
                name=name,
                kind=kind,
                contact_name=contact,
                contact_phone=phone,
            )
            providers.append(provider)
            if kind != "private":
                CooperationAgreement.objects.create(
                    provider=provider,
                    homes=rnd.choice([10, 15, 20, 25]),
                    starts_on=today - timedelta(days=rnd.randrange(300, 1200)),
                    contact=contact,
                )
    for n in range(rnd.randrange(6, 11)):
        provider = providers[n % len(providers)]
        Unit.objects.create(
            provider=provider,
            address=f"{rnd.randrange(10, 900)} {rnd.choice(text['streets'])}, {n + 1}",
            area=rnd.choice(text["areas"]),
            unit_type=UnitType.CONGREGATE if n % 5 == 4 else UnitType.SCATTERED,
            rooms=rnd.choice([1, 1, 1, 2, 2, 3]),
            rent=_money(rnd, *text["rent"]),
            accessibility=["ground_floor", "step_free"] if n % 4 == 0 else [],
            created_by=by,
        )
    _one_tenancy_ends(program, text, today, rnd, by)


def _one_tenancy_ends(program, text, today, rnd, by) -> None:
    """One tenancy per program ends (evicted or abandoned): the case goes on, and the
    rehousing search opens (R7)."""
    persons = Case.objects.filter(program=program).values("person_id")
    lost = Tenancy.objects.filter(person__in=persons, ended_on__isnull=False, end_reason="")
    for tenancy in lost:  # a housing loss recorded as a living situation: give it its reason
        tenancy.end_reason = EndReason.EVICTED
        tenancy.save()
    if lost:
        return
    tenancy = (
        Tenancy.objects.filter(
            person__in=Case.objects.filter(program=program).open().values("person_id"),
            ended_on__isnull=True,
            started_on__lt=today - timedelta(days=120),
        )
        .order_by("-started_on")
        .first()
    )
    if tenancy is None:
        return
    end_tenancy(
        tenancy,
        on=today - timedelta(days=rnd.randrange(10, 40)),
        reason=rnd.choice([EndReason.EVICTED, EndReason.ABANDONED]),
        next_situation=Situation.FRIEND_ROOM,
        by=by,
        note=text["end_note"],
    )


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    text = CITY[_language(language)]
    tenancies = list(Tenancy.objects.filter(person=case.person).order_by("started_on"))
    for tenancy in tenancies:
        tenancy.rent = tenancy.rent or _money(rnd, *text["rent"])
        tenancy.lease_kind = rnd.choice([LeaseKind.INDEFINITE, LeaseKind.FIXED_TERM])
        tenancy.lease_signed_on = tenancy.started_on - timedelta(days=rnd.randrange(1, 8))
        tenancy.obligations = [Obligation.PAY_RENT, Obligation.NEIGHBOURS, Obligation.ACCESS]
        tenancy.save()
    preferences = {
        "areas": ", ".join(rnd.sample(text["areas"], 2)),
        "rooms": rnd.choice([1, 1, 2]),
        "what_matters": rnd.choice(text["what_matters"]),
        "accessibility": ["ground_floor"] if case.pk % 5 == 0 else [],
    }
    first_home = tenancies[0] if tenancies else None
    # Opening the case opened the search (cases.lifecycle.open_case) and the move-in ended it:
    # the demo fills in the preferences and the offers made in between.
    search = (
        case.housing_searches.filter(reason=SearchReason.FIRST_HOME)
        .order_by("opened_on", "id")
        .first()
    )
    if first_home is not None and (search is None or not search.offers.exists()):
        if search is None:
            search = HousingSearch.objects.create(
                case=case, opened_on=case.opened_on, reason=SearchReason.FIRST_HOME, opened_by=by
            )
        for field, value in preferences.items():
            setattr(search, field, value)
        search.closed_on = None  # reopened only while its offers are written
        search.save()
        _offers(search, text, rnd, by, end=first_home.started_on, home=first_home)
        search.closed_on, search.tenancy = first_home.started_on, first_home
        search.save()
    elif first_home is None and case.is_open:
        search = case.housing_searches.filter(closed_on__isnull=True).first()
        if search is None:
            search = HousingSearch.objects.create(
                case=case,
                opened_on=case.opened_on,
                reason=SearchReason.FIRST_HOME,
                opened_by=by,
                **preferences,
            )
        _offers(search, text, rnd, by, end=today, home=None)
    for search in case.housing_searches.filter(
        closed_on__isnull=True, reason=SearchReason.REHOUSING
    ):
        for field, value in preferences.items():
            setattr(search, field, value)
        search.save()
        if search.opened_on < today - timedelta(days=5):
            _offers(search, text, rnd, by, end=today, home=None, refusals=1)
    _rent_shares(case, language, today)


def _rent_shares(case, language: str, today: date) -> None:
    """Each tenancy's share from the person's monthly income while it ran (today for the home
    they live in), the subsidy paying the rest; the budget's rent line is that same share."""
    share = SHARE_OF_INCOME.get(language, SHARE_OF_INCOME["en"])
    sources = list(IncomeSource.objects.filter(person=case.person))
    current = None
    for tenancy in Tenancy.objects.filter(person=case.person).order_by("started_on"):
        on = min(tenancy.ended_on or today, today)
        income = sum((s.monthly_amount for s in sources if s.is_active_on(on)), Decimal(0))
        person_share = min((income * share).quantize(Decimal("1")), tenancy.rent)
        tenancy.person_share, tenancy.subsidy = person_share, tenancy.rent - person_share
        tenancy.save()
        if tenancy.ended_on is None:
            current = tenancy
    budget = Budget.objects.filter(person=case.person).order_by("-month", "-id").first()
    if budget is not None and current is not None:
        BudgetLine.objects.create(
            budget=budget, category=ExpenseCategory.RENT, label="", amount=current.person_share
        )


def _offers(search, text, rnd, by, *, end: date, home: Tenancy | None, refusals=None) -> None:
    """Refusals by the person in their words (it cost them nothing), sometimes one by a
    landlord (a barrier), and the accepted one that became the home."""
    span = max((end - search.opened_on).days, 3)
    count = rnd.randrange(0, 3) if refusals is None else refusals
    units = list(
        Unit.objects.filter(
            provider__organisation=search.case.program.organisation,
            status=UnitStatus.AVAILABLE,
        )
    )
    for n in range(count):
        on = search.opened_on + timedelta(days=span * (n + 1) // (count + 2))
        unit = rnd.choice(units) if units else None
        offer = make_offer(
            search, on=on, by=by, unit=unit, address="" if unit else rnd.choice(text["streets"])
        )
        landlord = n == 0 and search.case_id % 4 == 0
        answer_offer(
            offer,
            answer=Answer.REFUSED_BY_LANDLORD if landlord else Answer.REFUSED_BY_PERSON,
            on=on + timedelta(days=rnd.randrange(1, 3)),
            reason=text["landlord"] if landlord else rnd.choice(text["refusals"]),
            by=by,
        )
    if home is not None:
        on = max(search.opened_on, end - timedelta(days=rnd.randrange(5, 15)))
        unit = units.pop(rnd.randrange(len(units))) if len(units) > 3 else None
        address = home.address or f"{rnd.randrange(10, 900)} {rnd.choice(text['streets'])}"
        offer = make_offer(search, on=on, by=by, unit=unit, address="" if unit else address)
        answer_offer(offer, answer=Answer.ACCEPTED, on=on, reason="", by=by)
        if unit is not None:
            _home_in(home, unit)
        elif not home.address:
            home.address = address
            home.save()
    elif refusals is None and rnd.random() < 0.6:
        unit = rnd.choice(units) if units else None
        make_offer(
            search,
            on=max(search.opened_on, end - timedelta(days=rnd.randrange(0, 4))),
            by=by,
            unit=unit,
            address="" if unit else rnd.choice(text["streets"]),
        )


def _home_in(tenancy: Tenancy, unit: Unit) -> None:
    """The accepted unit became the tenancy's home (as cases.lifecycle.move_in does for a live
    search)."""
    tenancy.unit, tenancy.provider, tenancy.address = unit, unit.provider, unit.address
    tenancy.rent = unit.rent
    tenancy.save()
    unit.status = UnitStatus.OCCUPIED if tenancy.ended_on is None else UnitStatus.AVAILABLE
    unit.save()
