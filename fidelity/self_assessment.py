"""The program's Housing First self-assessment: five domains, each question answered from 1
(not yet) to 4 (fully), domain scores as the mean of their answers (issue 6 §3)."""

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SCALE = Path(__file__).parent / "scales" / "phf-self-assessment-1.json"

DOMAINS = {
    "housing_choice": gettext_lazy("Housing choice and structure"),
    "separation": gettext_lazy("Separation of housing and services"),
    "philosophy": gettext_lazy("Service philosophy"),
    "service_array": gettext_lazy("Service array"),
    "structure": gettext_lazy("Program structure"),
}
ANSWERS = {
    1: gettext_lazy("Not yet"),
    2: gettext_lazy("Partly"),
    3: gettext_lazy("Mostly"),
    4: gettext_lazy("Fully"),
}
QUESTIONS = {
    "HC1": gettext_lazy("People choose the neighbourhood and the home they move into."),
    "HC2": gettext_lazy(
        "People move into a home of their own within weeks of joining, not months."
    ),
    "HC3": gettext_lazy(
        "Homes are ordinary flats scattered in the community; few buildings hold more than one "
        "home of the program."
    ),
    "HC4": gettext_lazy("People pay no more than about a third of their income for rent."),
    "HC5": gettext_lazy(
        "People hold an ordinary, permanent lease with the same rights as any other tenant."
    ),
    "SH1": gettext_lazy(
        "Getting a home asks for no sobriety, no treatment and no proof of being “ready”."
    ),
    "SH2": gettext_lazy("Keeping the home asks for nothing beyond an ordinary tenant's duties."),
    "SH3": gettext_lazy(
        "Someone who loses their home keeps their support and is helped into a new one."
    ),
    "SH4": gettext_lazy(
        "The team that supports people is not their landlord: housing and support are separate."
    ),
    "SP1": gettext_lazy("People choose which support they take, when and how often."),
    "SP2": gettext_lazy("The team works with harm reduction; nobody is asked to stop using first."),
    "SP3": gettext_lazy("Plans start from the person's own wishes, hopes and dreams."),
    "SP4": gettext_lazy("The team engages through motivation and trust, never through pressure."),
    "SP5": gettext_lazy("The team believes in recovery and shows it in how it works."),
    "SA1": gettext_lazy("Help to keep the home: rent, neighbours, repairs, daily living."),
    "SA2": gettext_lazy("Psychiatric care, from the team or by a close partner."),
    "SA3": gettext_lazy("Help with substance use, from the team or by a close partner."),
    "SA4": gettext_lazy("Help towards work, education and meaningful activity."),
    "SA5": gettext_lazy("Peer support from people with lived experience."),
    "SA6": gettext_lazy("Help to build a social life and a place in the community."),
    "PS1": gettext_lazy("Caseloads keep to the program's standard."),
    "PS2": gettext_lazy("The team meets regularly and reviews everyone it supports."),
    "PS3": gettext_lazy("Everyone is seen at least as often as agreed with them."),
    "PS4": gettext_lazy("People supported by the program take part in running it."),
    "PS5": gettext_lazy("Support can be reached when it is needed, evenings and weekends too."),
}


def definition() -> dict:
    return json.loads(SCALE.read_text(encoding="utf-8"))


def score(answers: dict[str, int]) -> dict[str, Decimal]:
    """Each domain's mean answer (two decimals); every question must be answered 1–4."""
    domains = definition()["domains"]
    errors = {}
    for codes in domains.values():
        for code in codes:
            if answers.get(code) not in ANSWERS:
                errors[code] = _("Answer this question from 1 to 4.")
    if errors:
        raise ValidationError(errors)
    return {
        domain: (Decimal(sum(answers[c] for c in codes)) / len(codes)).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        for domain, codes in domains.items()
    }
