"""Likely existing matches for a person about to be registered, within the user's reach, so
nobody is entered twice by accident."""

from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.text import fold
from people.identifiers import InvalidIdentifier, normalise
from people.models import NationalIdentifier, Person

MAX_MATCHES = 8
NAME_THRESHOLD = 0.8


@dataclass
class Match:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def _name_score(person: Person, given: str, family: str) -> float:
    """Best of full-name and swapped-name similarity, preferred names included."""
    target = f"{given} {family}".strip()
    swapped = f"{family} {given}".strip()
    names = {fold(f"{person.given_name} {person.family_name}")}
    if person.preferred_name:
        names.add(fold(f"{person.preferred_name} {person.family_name}"))
    return max(_similarity(n, t) for n in names for t in (target, swapped))


def find_matches(
    user,
    *,
    given_name: str = "",
    family_name: str = "",
    birth_date: date | None = None,
    identifier_kind: str = "",
    identifier_value: str = "",
) -> list[Match]:
    given, family = fold(given_name), fold(family_name)
    compact = ""
    if identifier_kind and identifier_value:
        try:
            compact = normalise(identifier_kind, identifier_value)
        except InvalidIdentifier:
            compact = ""
    if not (given or family or birth_date or compact):
        return []

    # Narrow in the database (same birth year ±1, a shared name fragment, the identifier),
    # then score the few candidates in Python: accents and spelling are forgiven there.
    narrow = Q()
    if birth_date:
        narrow |= Q(
            birth_date__year__in=[birth_date.year - 1, birth_date.year, birth_date.year + 1]
        )
    for fragment in {given[:3], family[:3]} - {""}:
        narrow |= Q(search_name__contains=fragment)
    if compact:
        narrow |= Q(identifiers__kind=identifier_kind, identifiers__value=compact)
    candidates = (
        Person.objects.visible_to(user)
        .filter(narrow)
        .distinct()
        .prefetch_related("identifiers")[:500]
    )

    matches = []
    for person in candidates:
        reasons: list[str] = []
        score = 0.0
        if compact and any(
            i.kind == identifier_kind and i.value == compact for i in person.identifiers.all()
        ):
            score += 1.0
            reasons.append(str(_("same national identifier")))
        name = _name_score(person, given, family) if (given or family) else 0.0
        if name >= NAME_THRESHOLD:
            score += name * 0.7
            reasons.append(str(_("similar name")))
        if birth_date and person.birth_date:
            if person.birth_date == birth_date:
                score += 0.5
                reasons.append(str(_("same date of birth")))
            elif (
                person.birth_date_approximate and abs(person.birth_date.year - birth_date.year) <= 1
            ):
                score += 0.2
                reasons.append(str(_("about the same age")))
        if score >= 0.5 or (compact and reasons):
            matches.append(Match(person=person, score=score, reasons=reasons))
    matches.sort(key=lambda m: -m.score)
    return matches[:MAX_MATCHES]


def identifier_taken(
    organisation_id: int, kind: str, compact: str, *, besides: int | None = None
) -> bool:
    """Another record of the organisation holds this number (``besides``: the one being
    corrected)."""
    return (
        NationalIdentifier.objects.filter(organisation_id=organisation_id, kind=kind, value=compact)
        .exclude(pk=besides)
        .exists()
    )
