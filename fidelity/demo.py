"""Demo fidelity: three saved DACTS reviews per team (half a year apart, then today) and two
self-assessments per program, in the program's language."""

import random
from datetime import date, timedelta

from fidelity import self_assessment as phf
from fidelity.models import Review, SelfAssessment
from fidelity.reviews import save_review
from fidelity.scale import builtin, parse

NOTES = {
    "en": "From the team's records and an interview with the team lead.",
    "fr": "D'après les dossiers de l'équipe et un entretien avec la cheffe d'équipe.",
    "da": "Ud fra teamets registreringer og en samtale med teamlederen.",
    "pt-br": "A partir dos registros da equipe e de uma conversa com a coordenação.",
}
REVIEW_NOTE = {
    "en": "Yearly review with the program manager.",
    "fr": "Revue annuelle avec la direction du programme.",
    "da": "Årlig gennemgang med programlederen.",
    "pt-br": "Revisão anual com a gestão do programa.",
}


def load_program(program, *, language: str, today: date, rnd: random.Random, by) -> None:
    if Review.objects.filter(team__program=program).exists():
        return
    note = NOTES.get(language, NOTES["en"])
    judged_items = parse(builtin()).judged
    for team in program.teams.all():
        for step, days_ago in enumerate((180, 90, 0)):
            judged = {
                item.code: (min(5, 2 + step + rnd.randint(0, 1)), note) for item in judged_items
            }
            save_review(
                team,
                on=today - timedelta(days=days_ago),
                by=by,
                judged=judged,
                note=REVIEW_NOTE.get(language, REVIEW_NOTE["en"]) if days_ago == 0 else "",
            )
    for days_ago, base in ((365, 2), (0, 3)):
        answers = {code: min(4, base + rnd.randint(0, 1)) for code in phf.QUESTIONS}
        SelfAssessment.objects.create(
            program=program,
            version=phf.definition()["version"],
            on=today - timedelta(days=days_ago),
            answers=answers,
            scores={k: str(v) for k, v in phf.score(answers).items()},
            by=by,
        )
