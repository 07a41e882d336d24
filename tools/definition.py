"""An instrument is data (R28): domains of items, each of a known type, with scoring rules.

    {"domains": [{"key": "housing", "title": "Housing", "life_area": "housing",
                  "sensitive": false, "scoring": "mean",
                  "items": [{"key": "housing_now", "label": "How is it going with your home?",
                             "type": "scale", "min": 1, "max": 5,
                             "min_label": "very hard", "max_label": "going well"}]}]}

Item types: choice ("choices": [{"label": "…", "score": 2}], the score optional), scale (whole
numbers from "min" to "max", 1–5 unless said; "reverse": true counts it backwards), number
("min" / "max" optional), text, yesno. Every item may have a "help" line.

A domain's score is the "sum" or the "mean" of its answered scale items and scored choice
items, or "none". A domain about mental health or substance use (its "life_area"), or marked
"sensitive", is shown only to the roles the program allows (R35).

Answers are one flat object keyed by item key: a scale answer is a whole number, a choice
answer the choice's label as written in the definition, a yesno answer "yes" or "no".
"""

import copy
import re
from numbers import Real

from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tools.areas import SENSITIVE_AREAS, LifeArea

ITEM_TYPES = ("choice", "scale", "number", "text", "yesno")
SCORING = ("sum", "mean", "none")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
# More steps than this do not fit a row of radio buttons on a phone.
MAX_SCALE_STEPS = 11
TEXT_LIMIT = 4000


def _is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def domains_of(definition: dict) -> list[dict]:
    return definition.get("domains", [])


def items_of(definition: dict) -> list[dict]:
    return [item for domain in domains_of(definition) for item in domain["items"]]


def is_sensitive(domain: dict) -> bool:
    return bool(domain.get("sensitive")) or domain.get("life_area") in SENSITIVE_AREAS


def scale_bounds(item: dict) -> tuple[int, int]:
    return item.get("min", 1), item.get("max", 5)


def _choice_is_scored(item: dict) -> bool:
    return any(_is_number(c.get("score")) for c in item.get("choices", []))


def is_scored(item: dict) -> bool:
    return item["type"] == "scale" or (item["type"] == "choice" and _choice_is_scored(item))


def is_scored_domain(domain: dict) -> bool:
    return domain.get("scoring", "none") != "none"


# Validation ---------------------------------------------------------------------------------


def _validate_choice(item: dict, where: str) -> list[str]:
    choices = item.get("choices")
    if (
        not isinstance(choices, list)
        or len(choices) < 2
        or not all(isinstance(c, dict) and str(c.get("label", "")).strip() for c in choices)
    ):
        return [_("%(where)s needs at least two choices, each with a label.") % {"where": where}]
    errors = []
    labels = [c["label"] for c in choices]
    if len(set(labels)) != len(labels):
        errors.append(_("%(where)s: two choices have the same label.") % {"where": where})
    scores = [c.get("score") for c in choices]
    if any(s is not None and not _is_number(s) for s in scores):
        errors.append(_("%(where)s: a choice's score must be a number.") % {"where": where})
    elif any(s is not None for s in scores) and any(s is None for s in scores):
        errors.append(_("%(where)s: give every choice a score, or none.") % {"where": where})
    return errors


def _validate_scale(item: dict, where: str) -> list[str]:
    low, high = scale_bounds(item)
    if not isinstance(low, int) or not isinstance(high, int) or isinstance(low, bool):
        return [_("%(where)s: a scale's min and max are whole numbers.") % {"where": where}]
    if low >= high:
        return [_("%(where)s: the scale's min must be below its max.") % {"where": where}]
    if high - low + 1 > MAX_SCALE_STEPS:
        return [
            ngettext(
                "%(where)s: a scale has at most %(n)s step.",
                "%(where)s: a scale has at most %(n)s steps.",
                MAX_SCALE_STEPS,
            )
            % {"where": where, "n": MAX_SCALE_STEPS}
        ]
    if not isinstance(item.get("reverse", False), bool):
        return [_("%(where)s: “reverse” is true or false.") % {"where": where}]
    return []


def _validate_number(item: dict, where: str) -> list[str]:
    low, high = item.get("min"), item.get("max")
    if any(v is not None and not _is_number(v) for v in (low, high)):
        return [_("%(where)s: min and max must be numbers.") % {"where": where}]
    if low is not None and high is not None and low > high:
        return [_("%(where)s: min must not be above max.") % {"where": where}]
    return []


def _validate_item(item, where: str, keys: set) -> list[str]:
    if not isinstance(item, dict):
        return [_("%(where)s is not an item.") % {"where": where}]
    errors = []
    key = item.get("key", "")
    if not KEY.match(str(key)):
        errors.append(
            _("%(where)s: the key must be lower-case letters, digits and underscores.")
            % {"where": where}
        )
    elif key in keys:
        errors.append(
            _("%(where)s: the key “%(key)s” is used twice.") % {"where": where, "key": key}
        )
    keys.add(key)
    if not isinstance(item.get("label"), str) or not item["label"].strip():
        errors.append(_("%(where)s needs a label.") % {"where": where})
    for text in ("help", "min_label", "max_label"):
        if text in item and not isinstance(item[text], str):
            errors.append(_("%(where)s: “%(name)s” must be text.") % {"where": where, "name": text})
    kind = item.get("type")
    if kind not in ITEM_TYPES:
        errors.append(_("%(where)s: unknown type “%(type)s”.") % {"where": where, "type": kind})
    elif kind == "choice":
        errors += _validate_choice(item, where)
    elif kind == "scale":
        errors += _validate_scale(item, where)
    elif kind == "number":
        errors += _validate_number(item, where)
    return errors


def _validate_domain(domain, d_index: int, domain_keys: set, item_keys: set) -> list[str]:
    where = _("domain %(number)s") % {"number": d_index}
    if not isinstance(domain, dict):
        return [_("%(where)s is not a domain.") % {"where": where}]
    errors = []
    key = domain.get("key", "")
    if not KEY.match(str(key)):
        errors.append(
            _("%(where)s: the key must be lower-case letters, digits and underscores.")
            % {"where": where}
        )
    elif key in domain_keys:
        errors.append(
            _("%(where)s: the key “%(key)s” is used twice.") % {"where": where, "key": key}
        )
    domain_keys.add(key)
    if not isinstance(domain.get("title"), str) or not domain["title"].strip():
        errors.append(_("%(where)s needs a title.") % {"where": where})
    area = domain.get("life_area")
    if area not in (None, "") and area not in LifeArea.values:
        errors.append(
            _("%(where)s: unknown life area “%(area)s”; use one of %(areas)s.")
            % {"where": where, "area": area, "areas": ", ".join(LifeArea.values)}
        )
    if not isinstance(domain.get("sensitive", False), bool):
        errors.append(_("%(where)s: “sensitive” is true or false.") % {"where": where})
    scoring = domain.get("scoring", "none")
    if scoring not in SCORING:
        errors.append(
            _("%(where)s: scoring is “sum”, “mean” or “none”, not “%(scoring)s”.")
            % {"where": where, "scoring": scoring}
        )
    items = domain.get("items")
    if not isinstance(items, list) or not items:
        errors.append(_("%(where)s needs at least one item.") % {"where": where})
        return errors
    item_errors = []
    for i_index, item in enumerate(items, start=1):
        item_where = _("domain %(d)s, item %(i)s") % {"d": d_index, "i": i_index}
        item_errors += _validate_item(item, item_where, item_keys)
    errors += item_errors
    if (
        not item_errors
        and scoring in ("sum", "mean")
        and not any(is_scored(item) for item in items)
    ):
        errors.append(
            _("%(where)s is scored but has no scale item and no choice with scores.")
            % {"where": where}
        )
    return errors


def validate(definition) -> list[str]:
    """Every problem with a definition, in words a program manager understands."""
    if not isinstance(definition, dict) or not isinstance(definition.get("domains"), list):
        return [_('The instrument needs a list of "domains".')]
    if not definition["domains"]:
        return [_("The instrument needs at least one domain.")]
    errors, domain_keys, item_keys = [], set(), set()
    for d_index, domain in enumerate(definition["domains"], start=1):
        errors += _validate_domain(domain, d_index, domain_keys, item_keys)
    return errors


# Answers and scores -------------------------------------------------------------------------


def check_answer(item: dict, value) -> str | None:
    """What is wrong with one answer, or None."""
    kind = item["type"]
    if kind == "scale":
        low, high = scale_bounds(item)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            return _("Choose a whole number from %(min)s to %(max)s.") % {"min": low, "max": high}
    elif kind == "choice":
        if value not in [c["label"] for c in item["choices"]]:
            return _("Choose one of the choices.")
    elif kind == "yesno":
        if value not in ("yes", "no"):
            return _("Answer “yes” or “no”.")
    elif kind == "number":
        if not _is_number(value):
            return _("Enter a number.")
        if item.get("min") is not None and value < item["min"]:
            return _("Enter at least %(min)s.") % {"min": item["min"]}
        if item.get("max") is not None and value > item["max"]:
            return _("Enter at most %(max)s.") % {"max": item["max"]}
    elif not isinstance(value, str) or len(value) > TEXT_LIMIT:
        return ngettext(
            "Enter a text of at most %(n)s character.",
            "Enter a text of at most %(n)s characters.",
            TEXT_LIMIT,
        ) % {"n": TEXT_LIMIT}
    return None


def check_answers(definition: dict, answers) -> dict[str, str]:
    """Problems with a set of answers, keyed by item key ("" for the whole)."""
    if not isinstance(answers, dict):
        return {"": _("The answers are an object keyed by item key.")}
    items = {item["key"]: item for item in items_of(definition)}
    problems = {}
    for key, value in answers.items():
        if key not in items:
            problems[key] = _("There is no item “%(key)s” in this instrument.") % {"key": key}
        elif (problem := check_answer(items[key], value)) is not None:
            problems[key] = problem
    if not problems and not any(v not in (None, "") for v in answers.values()):
        problems[""] = _("Answer at least one question.")
    return problems


def item_score(item: dict, value) -> float | None:
    """What one answer counts for in its domain's score (None: it does not count)."""
    if value in (None, ""):
        return None
    if item["type"] == "scale":
        low, high = scale_bounds(item)
        return (low + high - value) if item.get("reverse") else value
    if item["type"] == "choice":
        for choice in item["choices"]:
            if choice["label"] == value and _is_number(choice.get("score")):
                return choice["score"]
    return None


def _tidy(number: float) -> int | float:
    number = round(number, 2)
    return int(number) if float(number).is_integer() else number


def domain_score(domain: dict, answers: dict) -> int | float | None:
    scoring = domain.get("scoring", "none")
    if scoring == "none":
        return None
    values = [
        s
        for item in domain["items"]
        if (s := item_score(item, answers.get(item["key"]))) is not None
    ]
    if not values:
        return None
    return _tidy(sum(values) if scoring == "sum" else sum(values) / len(values))


def scores(definition: dict, answers: dict) -> dict[str, int | float | None]:
    """Each scored domain's score: None where nothing in it was answered."""
    return {
        domain["key"]: domain_score(domain, answers)
        for domain in domains_of(definition)
        if is_scored_domain(domain)
    }


def _item_range(item: dict) -> tuple[float, float]:
    if item["type"] == "scale":
        return scale_bounds(item)
    values = [c["score"] for c in item["choices"] if _is_number(c.get("score"))]
    return min(values), max(values)


def domain_range(domain: dict) -> tuple[float, float] | None:
    """The lowest and highest score the domain can have, for drawing it."""
    if not is_scored_domain(domain):
        return None
    ranges = [_item_range(item) for item in domain["items"] if is_scored(item)]
    if not ranges:
        return None
    if domain["scoring"] == "sum":
        return _tidy(sum(r[0] for r in ranges)), _tidy(sum(r[1] for r in ranges))
    return _tidy(min(r[0] for r in ranges)), _tidy(max(r[1] for r in ranges))


# Reading ------------------------------------------------------------------------------------

_TRANSLATED = ("title", "label", "help", "min_label", "max_label")


def translated(definition: dict) -> dict:
    """A built-in instrument's definition in the reader's language: Hearth's own wording is
    English in the database and translated by the catalogs (R38). Choice answers keep their
    stored English label as their value."""
    result = copy.deepcopy(definition)
    for domain in domains_of(result):
        domain["title"] = _(domain["title"])
        for item in domain["items"]:
            for name in _TRANSLATED[1:]:
                if item.get(name):
                    item[name] = _(item[name])
            for choice in item.get("choices", []):
                choice["value"] = choice["label"]
                choice["label"] = _(choice["label"])
    return result


def display_answer(item: dict, value) -> str:
    """An answer as a reader sees it; ``item`` from a (possibly translated) definition."""
    if value in (None, ""):
        return "—"
    if item["type"] == "yesno":
        return _("Yes") if value == "yes" else _("No")
    if item["type"] == "choice":
        for choice in item["choices"]:
            if choice.get("value", choice["label"]) == value:
                return choice["label"]
    if item["type"] == "scale":
        low, high = scale_bounds(item)
        return _("%(value)s of %(min)s–%(max)s") % {"value": value, "min": low, "max": high}
    if item["type"] == "number":
        return localize(value)
    return str(value)
