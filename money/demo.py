"""Demo money for one case (R16), in the program's language and currency: one to three income
sources with the local benefits' names (one application refused, with its reason, somewhere in
each program), a budget made with most people, and the program's assistance — approved and
paid with a small PDF receipt kept through the documents app, and one request per team still
waiting for its team lead."""

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import DocumentKind
from documents.storing import store_upload
from money.income import record_refusal_barrier
from money.models import (
    ApplicationStatus,
    AssistanceStatus,
    Budget,
    BudgetLine,
    FinancialAssistance,
    Frequency,
    IncomeKind,
    IncomeSource,
    Purpose,
)
from programs.models import Membership
from programs.roles import Role

M, W, B = Frequency.MONTHLY, Frequency.WEEKLY, Frequency.BIWEEKLY

# Per language: the basic benefit everyone starts on, the disability benefit applied for
# after opening (and its refusal reason), and extra income one may have. (kind, name, amount,
# frequency)
INCOME = {
    "en": {
        "basic": (IncomeKind.SOCIAL_ASSISTANCE, "Ontario Works", "733", M),
        "disability": (
            IncomeKind.DISABILITY,
            "ODSP (Ontario Disability Support Program)",
            "1368",
            M,
        ),
        "refusal": "ODSP refused: medical evidence judged insufficient. Appeal to the Social "
        "Benefits Tribunal with a new report from Dr. Okafor.",
        "extra": [
            (IncomeKind.HOUSING, "Canada-Ontario Housing Benefit", "450", M),
            (IncomeKind.WAGES, "Part-time at the community kitchen", "412", B),
            (IncomeKind.PENSION, "CPP and Old Age Security", "1650", M),
        ],
    },
    "fr": {
        "basic": (IncomeKind.SOCIAL_ASSISTANCE, "Aide sociale", "807", M),
        "disability": (IncomeKind.DISABILITY, "Solidarité sociale", "1158", M),
        "refusal": "Solidarité sociale refusée : contraintes sévères à l'emploi non reconnues. "
        "Demande de révision déposée avec le rapport de la psychiatre.",
        "extra": [
            (IncomeKind.HOUSING, "Allocation-logement", "170", M),
            (IncomeKind.WAGES, "Emploi de soir au dépanneur", "260", W),
            (IncomeKind.FAMILY, "Allocation famille (Retraite Québec)", "2700", Frequency.YEARLY),
        ],
    },
    "da": {
        "basic": (IncomeKind.SOCIAL_ASSISTANCE, "Kontanthjælp", "12877", M),
        "disability": (IncomeKind.DISABILITY, "Førtidspension", "20796", M),
        "refusal": "Førtidspension afslået: kommunen vil først afprøve et ressourceforløb. "
        "Klage sendt til Ankestyrelsen.",
        "extra": [
            (IncomeKind.HOUSING, "Boligstøtte", "1850", M),
            (IncomeKind.WAGES, "Flexjob, 10 timer om ugen", "3400", B),
            (IncomeKind.PENSION, "Folkepension", "7198", M),
        ],
    },
    "pt-br": {
        "basic": (IncomeKind.SOCIAL_ASSISTANCE, "Bolsa Família", "600", M),
        "disability": (IncomeKind.DISABILITY, "BPC (Benefício de Prestação Continuada)", "1518", M),
        "refusal": "BPC negado pelo INSS: renda per capita acima de 1/4 do salário mínimo no "
        "CadÚnico desatualizado. Atualização no CRAS e recurso em andamento.",
        "extra": [
            (IncomeKind.HOUSING, "Auxílio Aluguel", "400", M),
            (IncomeKind.WAGES, "Bicos de reciclagem (cooperativa)", "150", W),
            (IncomeKind.OTHER, "Programa Operação Trabalho (POT)", "1100", M),
        ],
    },
}

# Fixed monthly costs per language: phone, transport, utilities.
COSTS = {
    "en": {"phone": "45", "transport": "156", "utilities": "60"},
    "fr": {"phone": "40", "transport": "97", "utilities": "55"},
    "da": {"phone": "149", "transport": "375", "utilities": "450"},
    "pt-br": {"phone": "50", "transport": "264", "utilities": "120"},
}

PRIORITIES = {
    "en": [
        "Rent first, always. Then a phone so my daughter can reach me.",
        "Pay back my brother a little each month. Keep $20 for the dog.",
        "Food for the whole month, not just the first two weeks.",
    ],
    "fr": [
        "Le loyer d'abord. Ensuite garder de quoi manger jusqu'à la fin du mois.",
        "Rembourser Hydro petit à petit et garder un peu pour le hockey.",
        "Un forfait de téléphone pour parler à ma fille.",
    ],
    "da": [
        "Husleje først. Så mad til hele måneden, ikke kun de første to uger.",
        "Betale lidt af på gælden til SKAT hver måned og spare op til en cykel.",
        "Telefon, så min søster kan ringe. Og foder til hunden.",
    ],
    "pt-br": [
        "Primeiro o aluguel. Depois a comida do mês inteiro.",
        "Pagar a dívida da Enel aos poucos e guardar um pouco para visitar minha mãe.",
        "Crédito no celular para falar com a família.",
    ],
}

# The program's assistance: (purpose, amount, note, shop on the receipt).
ASSISTANCE = {
    "en": [
        (Purpose.FURNITURE, "320", "Bed frame and mattress", "Furniture Bank Toronto"),
        (Purpose.FIRST_RENT, "950", "First month's rent", "Greenwin Property Management"),
        (Purpose.FOOD, "100", "Groceries until the first cheque", "No Frills, Gerrard St."),
        (Purpose.ID_DOCUMENTS, "35", "Replacement birth certificate", "ServiceOntario"),
    ],
    "fr": [
        (Purpose.FURNITURE, "280", "Lit et table de cuisine", "Renaissance, rue Ontario"),
        (Purpose.DEPOSIT, "450", "Premier mois de loyer", "Gestion immobilière Lachance"),
        (Purpose.FOOD, "90", "Épicerie en attendant le premier chèque", "Maxi Hochelaga"),
        (Purpose.UTILITIES, "120", "Retard Hydro-Québec", "Hydro-Québec"),
    ],
    "da": [
        (Purpose.FURNITURE, "3200", "Seng og spisebord", "Genbrugsbutikken Amager"),
        (Purpose.DEPOSIT, "9500", "Depositum, hjælp til indskud", "KAB"),
        (Purpose.FOOD, "800", "Mad til den første uge", "Netto Enghavevej"),
        (Purpose.TRANSPORT, "375", "Pendlerkort en måned", "DOT Rejsekort"),
    ],
    "pt-br": [
        (Purpose.FURNITURE, "650", "Cama, colchão e fogão usados", "Brechó Solidário da Sé"),
        (Purpose.FIRST_RENT, "800", "Primeiro aluguel", "Imobiliária Centro SP"),
        (Purpose.FOOD, "250", "Cesta básica até o benefício sair", "Atacadão Brás"),
        (Purpose.ID_DOCUMENTS, "42", "Segunda via do RG", "Poupatempo Sé"),
    ],
}

RECEIPT = {
    "en": ("Receipt", "Paid", "Thank you"),
    "fr": ("Reçu", "Payé", "Merci"),
    "da": ("Kvittering", "Betalt", "Tak"),
    "pt-br": ("Recibo", "Pago", "Obrigado"),
}


def receipt_pdf(*, shop: str, what: str, amount: str, on: date, language: str) -> bytes:
    """A one-page receipt, as a shop would print it."""
    from reportlab.lib.pagesizes import A6
    from reportlab.pdfgen import canvas

    title, paid, thanks = RECEIPT.get(language, RECEIPT["en"])
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A6)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(20, 380, shop)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(20, 350, f"{title} · {on.isoformat()}")
    pdf.drawString(20, 320, what)
    pdf.drawString(20, 300, f"{paid}: {amount}")
    pdf.drawString(20, 260, thanks)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _income(case, text, *, today: date, rnd: random.Random, by) -> list[IncomeSource]:
    person = case.person
    opened = case.opened_on
    sources = []

    def add(spec, **fields) -> IncomeSource:
        kind, name, amount, frequency = spec
        source = IncomeSource.objects.create(
            person=person,
            kind=kind,
            name=name,
            amount=Decimal(amount),
            frequency=frequency,
            recorded_by=by,
            **fields,
        )
        sources.append(source)
        return source

    # The disability benefit: applied a month after opening. One refusal per program.
    applied_on = min(opened + timedelta(days=30), today - timedelta(days=5))
    refused_in_program = IncomeSource.objects.filter(
        person__cases__program=case.program, status=ApplicationStatus.REFUSED
    ).exists()
    roll = rnd.random()
    decided_on = min(applied_on + timedelta(days=rnd.randint(40, 90)), today)
    if not refused_in_program or roll < 0.15:
        status = ApplicationStatus.REFUSED
    elif roll < 0.55 and decided_on < today:
        status = ApplicationStatus.GRANTED
    elif roll < 0.8:
        status = ApplicationStatus.APPLIED
    else:
        status = None  # no application
    basic_ends = decided_on if status == ApplicationStatus.GRANTED else None
    add(
        text["basic"], started_on=opened - timedelta(days=rnd.randint(60, 700)), ended_on=basic_ends
    )
    if status == ApplicationStatus.GRANTED:
        add(
            text["disability"],
            status=status,
            applied_on=applied_on,
            decided_on=decided_on,
            started_on=decided_on + timedelta(days=1),
        )
    elif status == ApplicationStatus.APPLIED:
        add(text["disability"], status=status, applied_on=applied_on)
    elif status == ApplicationStatus.REFUSED:
        refused = add(
            text["disability"],
            status=status,
            applied_on=applied_on,
            decided_on=decided_on,
            refusal_reason=text["refusal"],
        )
        record_refusal_barrier(refused, case=case, by=by)
    if rnd.random() < 0.45:
        extra = rnd.choice(text["extra"])
        start = case.moved_in_on or opened
        add(extra, started_on=min(start + timedelta(days=rnd.randint(10, 60)), today))
    return sources


def _budget(case, sources, *, language: str, today: date, rnd: random.Random, by) -> None:
    income = sum((s.monthly_amount for s in sources if s.is_active_on(today)), Decimal(0)).quantize(
        Decimal("1")
    )
    if not income:
        return
    costs = COSTS[language]
    budget = Budget.objects.create(
        person=case.person,
        case=case,
        month=today,
        priorities=rnd.choice(PRIORITIES[language]),
        made_with_person=rnd.random() < 0.85,
        created_by=by,
    )
    # The rent line is the housing demo's: the person's share of the rent of the home they
    # live in, when they have one (housing.demo._rent_shares).
    lines = [("income", "", income)]
    lines += [
        ("food", "", (income * Decimal("0.25")).quantize(Decimal("1"))),
        ("phone", "", Decimal(costs["phone"])),
        ("transport", "", Decimal(costs["transport"])),
        ("utilities", "", Decimal(costs["utilities"])),
    ]
    if rnd.random() < 0.5:
        lines.append(("debts", "", (income * Decimal("0.05")).quantize(Decimal("1"))))
    if rnd.random() < 0.4:
        lines.append(("savings", "", (income * Decimal("0.03")).quantize(Decimal("1"))))
    BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, category=c, label=label, amount=amount)
        for c, label, amount in lines
    )


def _approver(case, requester):
    """The team's lead decides; the program's manager when the lead made the request."""
    active = Membership.objects.active().exclude(user=requester).select_related("user")
    membership = (
        active.filter(team=case.team, role=Role.TEAM_LEAD).order_by("id").first()
        or active.filter(program=case.program, role=Role.PROGRAM_MANAGER).order_by("id").first()
    )
    return membership.user if membership else None


def _assistance(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    options = ASSISTANCE[language]
    start = case.moved_in_on or case.opened_on
    if not FinancialAssistance.objects.filter(
        case__team=case.team, status=AssistanceStatus.REQUESTED
    ).exists():
        purpose, amount, note, _shop = options[2]
        FinancialAssistance.objects.create(
            case=case,
            amount=Decimal(amount),
            purpose=purpose,
            note=note,
            requested_by=by,
            requested_on=today - timedelta(days=1),
        )
    if rnd.random() < 0.4:
        return
    approver = _approver(case, by)
    if approver is None:
        return
    purpose, amount, note, shop = rnd.choice(options)
    requested_on = min(start + timedelta(days=rnd.randint(0, 10)), today)
    decided_on = min(requested_on + timedelta(days=1), today)
    assistance = FinancialAssistance.objects.create(
        case=case,
        amount=Decimal(amount),
        purpose=purpose,
        note=note,
        requested_by=by,
        requested_on=requested_on,
        status=AssistanceStatus.APPROVED,
        decided_by=approver,
        decided_on=decided_on,
    )
    if rnd.random() < 0.8:
        paid_on = min(decided_on + timedelta(days=2), today)
        content = receipt_pdf(shop=shop, what=note, amount=amount, on=paid_on, language=language)
        receipt = store_upload(
            SimpleUploadedFile("receipt.pdf", content),
            person=case.person,
            case=case,
            kind=DocumentKind.RECEIPT,
            title=f"{RECEIPT.get(language, RECEIPT['en'])[0]} · {shop}",
            by=by,
        )
        assistance.status = AssistanceStatus.PAID
        assistance.paid_on = paid_on
        assistance.paid_by = by
        assistance.receipt = receipt
        assistance.save()


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    """Income, a budget and assistance for the person of ``case`` (once per person)."""
    if IncomeSource.objects.filter(person=case.person).exists():
        return
    text = INCOME.get(language, INCOME["en"])
    language = language if language in COSTS else "en"
    sources = _income(case, text, today=today, rnd=rnd, by=by)
    if rnd.random() < 0.8:
        _budget(case, sources, language=language, today=today, rnd=rnd, by=by)
    _assistance(case, language=language, today=today, rnd=rnd, by=by)
