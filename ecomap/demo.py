"""Demo ecomap for one case: 8–9 ties in the program's language and culture, and two
snapshots — one soon after move-in, one recent — with a tie gained, one lost, one
strengthened and one strained between them."""

import random
from datetime import date, timedelta

from ecomap.models import Direction, Frequency, Quality, Snapshot, Strength, Tie, TieKind
from ecomap.network import TieState, in_drawing_order

S, M, T = Strength.STRONG, Strength.MODERATE, Strength.TENUOUS
SUP, MIX, STR = Quality.SUPPORTIVE, Quality.MIXED, Quality.STRESSFUL
TO, FROM, BOTH, NONE = Direction.TO_PERSON, Direction.FROM_PERSON, Direction.BOTH, Direction.NONE
D, W, MO, R = Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.RARELY

# The story of each tie: (kind, at move-in, now). None at move-in: a tie gained since;
# None now: a tie that ended. (strength, quality, direction, frequency)
STORY = {
    "family": (TieKind.FAMILY, (T, MIX, TO, R), (S, SUP, BOTH, W)),
    "friend": (TieKind.FRIEND, (M, SUP, BOTH, W), (M, SUP, BOTH, W)),
    "landlord": (TieKind.HOUSING, (M, SUP, TO, MO), (M, STR, NONE, MO)),
    "doctor": (TieKind.PROFESSIONAL, (T, SUP, TO, R), (M, SUP, TO, MO)),
    "service": (TieKind.SERVICE, (M, MIX, TO, W), (M, MIX, TO, W)),
    "street": (TieKind.PEER, (S, STR, BOTH, D), None),
    "leisure": (TieKind.LEISURE, None, (M, SUP, BOTH, W)),
    "faith": (TieKind.FAITH, (M, SUP, TO, W), (M, SUP, TO, W)),
    "pet": (TieKind.PET, (S, SUP, BOTH, D), (S, SUP, BOTH, D)),
    "neighbour": (TieKind.NEIGHBOUR, None, (T, SUP, BOTH, R)),
}

# Names (one is picked per person) and a note in the worker's words, per language.
TEXT: dict[str, dict[str, tuple[list[str], str]]] = {
    "en": {
        "family": (["My sister Dana", "Brother Mike", "Aunt Linda"], "Calls every Sunday now."),
        "friend": (["Ray from the shelter", "Jen from Seaton House"], "Watch the game together."),
        "landlord": (["The landlord, Mr. Petrakis"], "Tense since the rent arrears."),
        "doctor": (["Dr. Okafor, family doctor"], "Goes to appointments alone now."),
        "service": (["CAMH addiction clinic"], "Likes the nurse, not the waiting room."),
        "street": (["The guys at Moss Park"], "Stopped going: “it pulls me back”."),
        "leisure": (["Drop-in basketball at the Y", "Community garden"], "The person's own idea."),
        "faith": (["St. Michael's Cathedral", "The mosque on Danforth"], "Goes for the meal."),
        "pet": (["Biscuit (dog)", "Tigger (cat)"], "“Gets me up every morning, rain or shine.”"),
        "neighbour": (["Mrs. Chen next door"], "Borrowed a ladder; said hello since."),
    },
    "fr": {
        "family": (["Ma sœur Nathalie", "Mon frère Éric", "Ma tante Lise"], "Appelle le dimanche."),
        "friend": (["Sylvain, un ami du refuge"], "Ils regardent le hockey ensemble."),
        "landlord": (["Le propriétaire, M. Gagnon"], "Tendu depuis le retard de loyer."),
        "doctor": (["Dre Tremblay, médecin de famille"], "Y va sans accompagnement maintenant."),
        "service": (["Centre de réadaptation en dépendance"], "Aime bien son intervenante."),
        "street": (["Les gars du parc Émilie-Gamelin"], "N'y va plus : « ça me ramène »."),
        "leisure": (
            ["Hockey cosom du quartier", "Jardin communautaire"],
            "Son idée, pas celle de l'équipe.",
        ),
        "faith": (["Paroisse Saint-Pierre-Apôtre", "La mosquée du quartier"], "Pour le repas."),
        "pet": (
            ["Caramel (son chien)", "Minou (sa chatte)"],
            "« Sans mon animal, je resterais au lit. »",
        ),
        "neighbour": (["Mme Lavoie, la voisine d'en face"], "Lui a prêté une échelle."),
    },
    "da": {
        "family": (["Søsteren Mette", "Broren Lars", "Moster Inge"], "Ringer hver søndag nu."),
        "friend": (["Kim fra herberget"], "Ser fodbold sammen."),
        "landlord": (["Boligselskabet og viceværten"], "Anspændt siden huslejerestancen."),
        "doctor": (["Egen læge, dr. Holm"], "Går selv derhen nu."),
        "service": (["Rusmiddelcentret"], "Kan lide sin behandler, ikke ventetiden."),
        "street": (["Drukvennerne på Enghave Plads"], "Kommer der ikke mere: »det trækker«."),
        "leisure": (["Gadefodbold i Fælledparken", "Nyttehaven"], "Borgerens egen idé."),
        "faith": (["Kirken på hjørnet", "Moskeen på Nørrebro"], "Kommer for fællesspisningen."),
        "pet": (["Hunden Bamse", "Katten Misse"], "»Uden dyret kom jeg ikke op om morgenen.«"),
        "neighbour": (["Naboen, fru Jensen"], "Lånte en stige; de hilser nu."),
    },
    "pt-br": {
        "family": (["Irmã Rosângela", "Irmão Júlio", "Tia Neide"], "Liga todo domingo agora."),
        "friend": (["Paulão, amigo do albergue"], "Assistem o jogo juntos."),
        "landlord": (["O proprietário, seu Valdir"], "Tenso desde o aluguel atrasado."),
        "doctor": (["Dra. Luciana, da UBS Sé"], "Vai às consultas sem acompanhamento agora."),
        "service": (["CAPS AD Sé"], "Gosta da terapeuta, não da fila."),
        "street": (["A turma da Praça da Sé"], "Parou de ir: “lá eu volto pra pinga”."),
        "leisure": (["Time de várzea do bairro", "Horta comunitária"], "Ideia da própria pessoa."),
        "faith": (["Igreja do bairro", "Terreiro de umbanda na Zona Leste"], "Vai pela sopa."),
        "pet": (["Pretinha (a cachorra)", "Mimi (a gata)"], "“Ela me tira da cama.”"),
        "neighbour": (["Dona Lurdes, vizinha do 3º andar"], "Emprestou uma escada."),
    },
}

SNAPSHOT_NOTES = {
    "en": ("First map together, the week after moving in.", "Looked at the map together again."),
    "fr": ("Première carte ensemble, la semaine de l'emménagement.", "Revue de la carte."),
    "da": ("Første kort sammen, ugen efter indflytningen.", "Vi så på kortet sammen igen."),
    "pt-br": ("Primeiro ecomapa juntos, na semana da mudança.", "Revimos o ecomapa juntos."),
}


def _state(tie: Tie, attributes: tuple) -> dict:
    strength, quality, direction, frequency = attributes
    return TieState(
        id=tie.pk,
        name=tie.name,
        kind=tie.kind,
        strength=strength,
        quality=quality,
        direction=direction,
        frequency=frequency,
        note=tie.note,
    ).as_dict()


def load(case, *, language: str, today: date, rnd: random.Random, by) -> None:
    """Create the person's ties and two snapshots (once per person)."""
    person = case.person
    if Tie.objects.filter(person=person).exists():
        return
    text = TEXT.get(language, TEXT["en"])
    notes = SNAPSHOT_NOTES.get(language, SNAPSHOT_NOTES["en"])
    relative = person.household.exclude(name="").order_by("id").first()
    # Two snapshots for everyone: one soon after the start, one recent (for a
    # person who arrived last week, the two are only days apart).
    start = case.moved_in_on or case.opened_on
    first_on = max(min(start + timedelta(days=7), today - timedelta(days=2)), case.opened_on)
    second_on = max(today - timedelta(days=rnd.randint(3, 20)), first_on + timedelta(days=1))
    second_on = min(second_on, today)
    changed = second_on > first_on
    before: list[dict] = []
    after: list[dict] = []
    for key, (kind, then, now) in STORY.items():
        names, note = text[key]
        if not changed and then is None:
            continue  # no time yet for new ties
        name = relative.name if key == "family" and relative else rnd.choice(names)
        current = now if changed else then
        attributes = current or then
        tie = Tie.objects.create(
            person=person,
            name=name,
            kind=kind,
            strength=attributes[0],
            quality=attributes[1],
            direction=attributes[2],
            frequency=attributes[3],
            note=note,
            recorded_by=by,
            ended_on=first_on + (second_on - first_on) * 2 / 3 if current is None else None,
        )
        if then is not None:
            before.append(_state(tie, then))
        if changed and now is not None:
            after.append(_state(tie, now))
    Snapshot.objects.create(
        person=person, taken_on=first_on, taken_by=by, note=notes[0], ties=_frozen(before)
    )
    if changed:
        Snapshot.objects.create(
            person=person, taken_on=second_on, taken_by=by, note=notes[1], ties=_frozen(after)
        )


def _frozen(ties: list[dict]) -> list[dict]:
    return [s.as_dict() for s in in_drawing_order(TieState.from_dict(d) for d in ties)]
