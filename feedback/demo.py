"""Demo feedback, per program only (no per-case ``load``): a closed round with answers (the
team's persons show results; the few staff who answered stay hidden, under five) and an open
round to try the link."""

import random
from datetime import date, timedelta

from feedback import survey
from feedback.collect import open_round, take_person_answer, take_staff_answer
from feedback.models import Channel
from programs.models import Membership, Team

# Demo content is data in the program's language, not catalog text.
TEXT = {
    "en": {
        "closed": "Autumn survey",
        "open": "Winter survey",
        "comments": [
            "More evening visits would help.",
            "I wish I could reach someone on weekends.",
            "Keep coming, it matters.",
            "Help with finding work.",
            "Less paperwork at the office.",
        ],
        "staff": ["More time for each person.", "Supervision every two weeks would help."],
    },
    "fr": {
        "closed": "Sondage d'automne",
        "open": "Sondage d'hiver",
        "comments": [
            "Plus de visites le soir, ce serait bien.",
            "J'aimerais pouvoir joindre quelqu'un la fin de semaine.",
            "Continuez à venir, ça compte.",
            "De l'aide pour trouver du travail.",
            "Moins de paperasse au bureau.",
        ],
        "staff": ["Plus de temps pour chaque personne.", "Une supervision aux deux semaines."],
    },
    "da": {
        "closed": "Efterårsundersøgelse",
        "open": "Vinterundersøgelse",
        "comments": [
            "Flere besøg om aftenen ville hjælpe.",
            "Jeg ville ønske, jeg kunne få fat i nogen i weekenden.",
            "Bliv ved med at komme, det betyder noget.",
            "Hjælp til at finde arbejde.",
            "Mindre papirarbejde på kontoret.",
        ],
        "staff": ["Mere tid til hver person.", "Supervision hver anden uge ville hjælpe."],
    },
    "pt-br": {
        "closed": "Pesquisa de outono",
        "open": "Pesquisa de inverno",
        "comments": [
            "Mais visitas à noite ajudariam.",
            "Queria conseguir falar com alguém no fim de semana.",
            "Continuem vindo, isso importa.",
            "Ajuda para encontrar trabalho.",
            "Menos papelada no escritório.",
        ],
        "staff": ["Mais tempo para cada pessoa.", "Supervisão a cada duas semanas ajudaria."],
    },
}


def _scores(rnd: random.Random, audience: str) -> dict[str, int]:
    # Mostly positive, now and then a low answer or a skipped question.
    return {
        q.code: rnd.choice([2, 3, 4, 4, 5, 5])
        for q in survey.load(audience).questions
        if rnd.random() > 0.08
    } or {survey.load(audience).questions[0].code: 4}


def load_program(program, *, language: str, today: date, rnd: random.Random, by) -> None:
    text = TEXT.get(language, TEXT["en"])
    team = Team.objects.filter(program=program).order_by("id").first()
    closed = open_round(
        program,
        by=by,
        title=text["closed"],
        opens_on=today - timedelta(days=70),
        closes_on=today - timedelta(days=42),
    )
    day = closed.opens_on + timedelta(days=3)
    # Handed over by the team's workers (the team shows results) and by the round link.
    handed, linked = rnd.randrange(7, 15), rnd.randrange(5, 10)
    for n in range(handed + linked):
        comment = text["comments"][n % len(text["comments"])] if n % 3 == 0 else ""
        take_person_answer(
            closed,
            channel=Channel.HANDED if n < handed else Channel.LINK,
            team=team if n < handed else None,
            scores=_scores(rnd, "persons"),
            comment=comment,
            today=day,
        )
    # Three of the staff answered: too few to show (the page says so).
    staff = (
        Membership.objects.active(on=day).filter(team=team).select_related("user").order_by("id")
    )
    for n, membership in enumerate(list(staff)[:3]):
        take_staff_answer(
            closed,
            user=membership.user,
            team=team,
            scores=_scores(rnd, "staff"),
            comment=text["staff"][n] if n < len(text["staff"]) else "",
            today=day,
        )
    open_round(
        program,
        by=by,
        title=text["open"],
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=25),
    )
