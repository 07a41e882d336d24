"""Demo data of the tools app for one case: the life-areas scale from a baseline around move-in
with change over time, one comprehensive assessment, and a vulnerability framework with one
review, what changed since, and a factor that no longer applies. The person's and the
workers' words are written in the program's language."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tools.assessments import take_assessment
from tools.builtin import COMPREHENSIVE_KEY, LIFE_AREAS_KEY
from tools.models import Factor, FactorCatalogueEntry, FrameworkReview, Instrument
from visits.models import ContactKind

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
# Where the person stands at the baseline, 1 (very hard) to 5 (going well).
BASELINE = {
    "housing": 3,
    "mental_health": 2,
    "physical_health": 2,
    "finances": 1,
    "daily_activities": 2,
    "network": 2,
    "substance_use": 2,
    "education_employment": 1,
}

TEXT = {
    "en": {
        "housing_note": [
            "“Finally a key of my own. I keep checking that the door is locked.”",
            "“I bought a plant. It's still alive.”",
        ],
        "finances_note": ["“The money is gone by the 20th.”", "“We made a budget, it helps.”"],
        "network_note": ["“My sister doesn't know where I live yet.”"],
        "substance_note": ["“I drink less when I have somewhere to be.”"],
        "home_wishes": "Ground floor or a lift (bad knee); near the bus; room for a cat.",
        "health_needs": "Knee pain; blood pressure pills ran out. Wants a family doctor nearby.",
        "what_helps": "Walking by the lake. Talking to someone who does not judge.",
        "skills": "Worked in restaurant kitchens for ten years; good with engines.",
        "wants_to_learn": "To use a computer for job applications.",
        "who_matters": "A sister in Hamilton; a friend from the drop-in centre.",
        "legal_notes": "Health card lost; birth certificate requested.",
        "monthly_income": 890,
        "debt": "Old phone bill of about $400 with a collection agency.",
        "likes_home": "Shows the apartment with pride: “this is my place.”",
        "drinks": "Drinks every day, mostly in the evening; says it helps with sleep.",
        "harm_reduction": "Carries naloxone and knows the supervised consumption site.",
        "sister_text": "A sister who calls every Sunday",
        "sister": "They talk on the phone most Sundays; planning a visit in the spring.",
        "empty_days": "Days were long and empty; now goes to the community garden twice a week.",
        "trauma": "Does not want to talk about it yet; we respect that and follow their lead.",
        "review": "Looked at the framework together at the kitchen table. Proud of the garden; "
        "wants to tackle the phone debt next.",
    },
    "fr": {
        "housing_note": [
            "« Enfin une clé à moi. Je vérifie tout le temps que la porte est barrée. »",
            "« J'ai acheté une plante. Elle est encore vivante. »",
        ],
        "finances_note": [
            "« L'argent est parti le 20 du mois. »",
            "« On a fait un budget, ça aide. »",
        ],
        "network_note": ["« Ma sœur ne sait pas encore où j'habite. »"],
        "substance_note": ["« Je bois moins quand j'ai un endroit où aller. »"],
        "home_wishes": "Rez-de-chaussée ou ascenseur (genou); près du métro; place pour un chat.",
        "health_needs": "Douleur au genou; plus de pilules pour la pression. Veut un médecin "
        "de famille dans le quartier.",
        "what_helps": "Marcher le long du canal. Parler à quelqu'un qui ne juge pas.",
        "skills": "Dix ans en cuisine de restaurant; habile avec les moteurs.",
        "wants_to_learn": "Utiliser un ordinateur pour chercher un emploi.",
        "who_matters": "Une sœur à Laval; un ami du centre de jour.",
        "legal_notes": "Carte d'assurance maladie perdue; acte de naissance demandé.",
        "monthly_income": 770,
        "debt": "Vieux compte de téléphone d'environ 400 $ chez une agence de recouvrement.",
        "likes_home": "Fait visiter l'appartement avec fierté : « c'est chez nous ici ».",
        "drinks": "Boit tous les jours, surtout le soir; dit que ça l'aide à dormir.",
        "harm_reduction": "A toujours de la naloxone sur soi et connaît le site d'injection "
        "supervisée.",
        "sister_text": "Une sœur qui appelle tous les dimanches",
        "sister": "Ils se parlent au téléphone presque tous les dimanches; une visite prévue "
        "au printemps.",
        "empty_days": "Les journées étaient longues et vides; va maintenant au jardin "
        "communautaire deux fois par semaine.",
        "trauma": "Ne veut pas encore en parler; on respecte son rythme.",
        "review": "Revu le cadre ensemble à la table de cuisine. Le jardin est une fierté; veut "
        "s'attaquer à la dette de téléphone ensuite.",
    },
    "da": {
        "housing_note": [
            "»Endelig min egen nøgle. Jeg tjekker hele tiden, om døren er låst.«",
            "»Jeg har købt en plante. Den lever stadig.«",
        ],
        "finances_note": ["»Pengene er væk den 20.«", "»Vi har lavet et budget, det hjælper.«"],
        "network_note": ["»Min søster ved ikke, hvor jeg bor endnu.«"],
        "substance_note": ["»Jeg drikker mindre, når jeg har et sted at være.«"],
        "home_wishes": "Stueetage eller elevator (dårligt knæ); tæt på bussen; plads til en kat.",
        "health_needs": "Ondt i knæet; blodtrykspillerne er sluppet op. Vil gerne have en "
        "læge i nærheden.",
        "what_helps": "At gå langs søerne. At tale med nogen, der ikke dømmer.",
        "skills": "Har arbejdet ti år i restaurantkøkkener; god til motorer.",
        "wants_to_learn": "At bruge en computer til jobansøgninger.",
        "who_matters": "En søster i Odense; en ven fra værestedet.",
        "legal_notes": "Sundhedskortet er væk; NemID/MitID skal genoprettes.",
        "monthly_income": 11200,
        "debt": "Gammel telefonregning på cirka 2.800 kr. hos et inkassofirma.",
        "likes_home": "Viser stolt lejligheden frem: »det her er mit sted«.",
        "drinks": "Drikker hver dag, mest om aftenen; siger, at det hjælper på søvnen.",
        "harm_reduction": "Har altid naloxon på sig og kender stofindtagelsesrummet.",
        "sister_text": "En søster, der ringer hver søndag",
        "sister": "De taler i telefon de fleste søndage; planlægger et besøg til foråret.",
        "empty_days": "Dagene var lange og tomme; kommer nu i byhaven to gange om ugen.",
        "trauma": "Vil ikke tale om det endnu; vi respekterer det og følger borgerens tempo.",
        "review": "Gennemgik rammen sammen ved køkkenbordet. Stolt af byhaven; vil tage fat "
        "på telefongælden som det næste.",
    },
    "pt-br": {
        "housing_note": [
            "“Finalmente uma chave minha. Fico conferindo se a porta está trancada.”",
            "“Comprei uma planta. Ela ainda está viva.”",
        ],
        "finances_note": [
            "“O dinheiro acaba no dia 20.”",
            "“Fizemos um orçamento, ajuda.”",
        ],
        "network_note": ["“Minha irmã ainda não sabe onde eu moro.”"],
        "substance_note": ["“Bebo menos quando tenho um lugar para ir.”"],
        "home_wishes": "Térreo ou com elevador (joelho ruim); perto do ônibus; espaço para um "
        "gato.",
        "health_needs": "Dor no joelho; acabou o remédio de pressão. Quer atendimento na UBS "
        "perto de casa.",
        "what_helps": "Caminhar na praça. Conversar com alguém que não julga.",
        "skills": "Trabalhou dez anos em cozinha de restaurante; tem jeito com motores.",
        "wants_to_learn": "Usar o computador para procurar emprego.",
        "who_matters": "Uma irmã em Guarulhos; um amigo do Centro POP.",
        "legal_notes": "Perdeu o RG; segunda via da certidão de nascimento pedida no cartório.",
        "monthly_income": 600,
        "debt": "Conta de celular antiga de uns R$ 400 com uma empresa de cobrança.",
        "likes_home": "Mostra a casa com orgulho: “aqui é o meu lugar”.",
        "drinks": "Bebe todos os dias, principalmente à noite; diz que ajuda a dormir.",
        "harm_reduction": "Conhece as práticas de redução de danos e o CAPS AD do bairro.",
        "sister_text": "Uma irmã que liga todo domingo",
        "sister": "Conversam por telefone quase todo domingo; planejam uma visita.",
        "empty_days": "Os dias eram longos e vazios; agora vai à horta comunitária duas vezes "
        "por semana.",
        "trauma": "Ainda não quer falar sobre isso; respeitamos o tempo da pessoa.",
        "review": "Revimos o quadro juntos na mesa da cozinha. Orgulho da horta; quer "
        "resolver a dívida do celular em seguida.",
    },
}


def _at(on: date, hour: int = 12) -> datetime:
    """A moment on that day, never later than now (the history is of the past)."""
    return min(timezone.make_aware(datetime.combine(on, time(hour))), timezone.now())


def _later_dates(start: date, today: date) -> list[date]:
    span = (today - start).days
    count = 3 if span >= 180 else 2 if span >= 60 else 1 if span >= 14 else 0
    return [start + timedelta(days=span * n // count) for n in range(1, count + 1)]


def _life_areas(case, *, text, start, today, rnd, by) -> None:
    version = Instrument.objects.get(program=None, key=LIFE_AREAS_KEY).current
    visits = {c.on: c for c in case.contacts.filter(kind=ContactKind.HOME_VISIT)}
    values = {area: max(1, min(5, v + rnd.choice([-1, 0, 0, 1]))) for area, v in BASELINE.items()}
    notes = {
        "housing": iter(text["housing_note"]),
        "finances": iter(text["finances_note"]),
        "network": iter(text["network_note"]),
        "substance_use": iter(text["substance_note"]),
    }
    for index, on in enumerate([start, *_later_dates(start, today)]):
        if index:
            for area in AREAS:
                step = rnd.choice([0, 1, 1]) if area != "substance_use" else rnd.choice([-1, 0, 1])
                values[area] = max(1, min(5, values[area] + step))
        answers = {f"{area}_now": values[area] for area in AREAS}
        for area, words in notes.items():
            if index in (0, 2) and (note := next(words, None)):
                answers[f"{area}_note"] = note
        take_assessment(
            case=case,
            version=version,
            answers=answers,
            taken_on=on,
            contact=visits.get(on),
            by=by,
        )


def _comprehensive(case, *, text, on, by) -> None:
    version = Instrument.objects.get(program=None, key=COMPREHENSIVE_KEY).current
    answers = {
        "slept_mostly": "In shelters or hostels",
        "years_without_home": 6,
        "lost_home_before": "yes",
        "home_wishes": text["home_wishes"],
        "keeping_home": 3,
        "physical_now": 2,
        "pain_limits": 4,
        "family_doctor": "no",
        "health_needs": text["health_needs"],
        "feeling_now": 2,
        "worries_in_way": 4,
        "mental_health_support": "I have none and would like some",
        "what_helps": text["what_helps"],
        "main_income": "Social assistance or another benefit",
        "monthly_income": text["monthly_income"],
        "money_lasts": 2,
        "wants_work": "yes",
        "schooling": "Some secondary school",
        "skills": text["skills"],
        "help_with_forms": "yes",
        "wants_to_learn": text["wants_to_learn"],
        "people_to_count_on": "One person",
        "lonely": 4,
        "family_contact": "no",
        "who_matters": text["who_matters"],
        "id_documents": "Some are missing",
        "court_or_fines": "no",
        "wants_legal_help": "no",
        "legal_notes": text["legal_notes"],
    }
    take_assessment(case=case, version=version, answers=answers, taken_on=on, by=by)


def _factor(case, *, area, kind, label="", text="", strength, evidence, on, by) -> Factor:
    entry = (
        FactorCatalogueEntry.objects.get(program=None, area=area, kind=kind, label=label)
        if label
        else None
    )
    factor = Factor(
        case=case,
        area=area,
        kind=kind,
        catalogue_entry=entry,
        text=text,
        strength=strength,
        evidence=evidence,
        noted_on=on,
        recorded_by=by,
    )
    factor._history_date = _at(on, 10)
    factor._history_user = by
    factor.save()
    return factor


def _change(factor: Factor, on: date, by, **fields) -> None:
    for name, value in fields.items():
        setattr(factor, name, value)
    factor.version += 1
    factor._history_date = _at(on, 15)
    factor._history_user = by
    factor.save()


def _framework(case, *, text, start, today, by) -> None:
    review_on = start + (today - start) / 2
    after = start + (today - start) * 3 / 4
    # (area, kind, catalogue label or None, own words key or None, strength, evidence key,
    #  noted at opening rather than at move-in)
    initial = [
        (
            "housing",
            "protection",
            "Likes the home and wants to keep it",
            None,
            3,
            "likes_home",
            False,
        ),
        ("finances", "risk", "Debts or fines", None, 2, "debt", False),
        ("substance_use", "risk", "Daily or heavy use", None, 3, "drinks", True),
        ("network", "protection", None, "sister_text", 2, "sister", False),
        ("daily_activities", "risk", "Long empty days", None, 2, "empty_days", False),
        ("mental_health", "risk", "Past trauma that still weighs heavily", None, 2, "trauma", True),
    ]
    factors = {}
    for area, kind, label, own_words, strength, evidence, at_opening in initial:
        extra = {"label": label} if label else {"text": text[own_words]}
        factors[evidence] = _factor(
            case,
            area=area,
            kind=kind,
            strength=strength,
            evidence=text[evidence],
            on=case.opened_on if at_opening else start,
            by=by,
            **extra,
        )
    debt, empty_days = factors["debt"], factors["empty_days"]
    review = FrameworkReview(case=case, reviewed_on=review_on, reviewed_by=by, note=text["review"])
    review.recorded_at = _at(review_on, 13)
    review._history_date = review.recorded_at
    review._history_user = by
    review.save()
    # Since the review: a new strength, a factor that no longer applies, a debt plan.
    _factor(
        case,
        area="substance_use",
        kind="protection",
        label="Knows and uses harm reduction",
        strength=2,
        evidence=text["harm_reduction"],
        on=after,
        by=by,
    )
    _change(empty_days, after, by, ended_on=after)
    _change(debt, after, by, strength=1)


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    """Assessments and a vulnerability framework for ``case``, in ``language``."""
    text = TEXT.get(language, TEXT["en"])
    today = min(today, case.closed_on or today)  # nothing after a closure
    start = min(case.moved_in_on or case.opened_on, today)
    _comprehensive(case, text=text, on=min(case.opened_on + timedelta(days=3), today), by=by)
    _life_areas(case, text=text, start=start, today=today, rnd=rnd, by=by)
    _framework(case, text=text, start=start, today=today, by=by)
