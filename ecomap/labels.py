"""Labels that fit inside the ecomap's circles: a one-word kind, and names wrapped (and if
need be shortened) by an estimate of their width, without measuring fonts on the server."""

from django.utils.translation import pgettext

from ecomap.models import TieKind


def short_kind(kind: str) -> str:
    """A one-word kind for inside the circle (the full label is in the list)."""
    labels = {
        TieKind.FAMILY: pgettext("ecomap circle", "Family"),
        TieKind.FRIEND: pgettext("ecomap circle", "Friend"),
        TieKind.NEIGHBOUR: pgettext("ecomap circle", "Neighbour"),
        TieKind.PEER: pgettext("ecomap circle", "Peer"),
        TieKind.PET: pgettext("ecomap circle", "Pet"),
        TieKind.WORK: pgettext("ecomap circle", "Work"),
        TieKind.FAITH: pgettext("ecomap circle", "Faith"),
        TieKind.LEISURE: pgettext("ecomap circle", "Leisure"),
        TieKind.HOUSING: pgettext("ecomap circle", "Housing"),
        TieKind.SERVICE: pgettext("ecomap circle", "Service"),
        TieKind.PROFESSIONAL: pgettext("ecomap circle", "Professional"),
        TieKind.OTHER: pgettext("ecomap circle", "Other"),
    }
    return labels.get(kind, kind)


# Rough advance widths of a bold sans-serif, in ems: enough to keep names inside the circles
# without measuring fonts on the server.
_NARROW = set("iljI.,:;'!|·")
_SEMI = set("frt()[]-/ ")
_WIDE = set("mwMW@")


def _em(char: str) -> float:
    if char in _NARROW:
        return 0.3
    if char in _SEMI:
        return 0.38
    if char in _WIDE:
        return 0.88
    if char.isupper():
        return 0.72
    return 0.61


def text_width(text: str, size: float) -> float:
    return sum(_em(c) for c in text) * size


def _cut(word: str, room: float, size: float) -> str:
    """``word`` shortened with an ellipsis to fit ``room``."""
    while word and text_width(word + "…", size) > room:
        word = word[:-1]
    return word + "…"


def _split(word: str, room: float, size: float) -> list[str]:
    """A word too long for one line, broken with hyphens into pieces that fit."""
    pieces = []
    while text_width(word, size) > room and len(word) > 3:
        cut = len(word) - 3  # never leave fewer than three letters on the next line
        while cut > 2 and text_width(word[:cut] + "-", size) > room:
            cut -= 1
        pieces.append(word[:cut] + "-")
        word = word[cut:]
    return [*pieces, word]


def wrap(text: str, *, room: float, size: float, count: int) -> list[str]:
    """Wrap ``text`` into at most ``count`` lines of at most ``room`` units at ``size``, long
    words broken with a hyphen, and an ellipsis where the text had to be cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.extend(_split(word, room, size))
    lines = lines or [""]
    if len(lines) > count:
        lines = lines[:count]
        last = lines[-1].removesuffix("-")
        lines[-1] = _cut(last, room, size) if text_width(last + "…", size) > room else last + "…"
    return lines


def fitting(text: str, *, room: float, size: float, count: int) -> tuple[list[str], float]:
    """The lines of ``text`` and their size: up to two points smaller when that keeps every
    word whole (a name broken with a hyphen is harder to read than a smaller one)."""
    for smaller in (size, size - 1, size - 2):
        if all(text_width(word, smaller) <= room for word in text.split()):
            return wrap(text, room=room, size=smaller, count=count), smaller
    return wrap(text, room=room, size=size, count=count), size
