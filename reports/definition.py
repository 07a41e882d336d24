"""A report template is data: sections of fields, each of a known type (R9, R10).

    {"sections": [{"title": "The dwelling",
                   "fields": [{"key": "dwelling", "label": "How is the home organised?",
                               "type": "text", "required": true, "help": ""}]}]}

Types: text, choice (one of "choices"), scale (1–5), checklist (any of "choices"), yesno.
"""

import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hearth.validators import TextLimit

FIELD_TYPES = {
    "text": gettext_lazy("Text"),
    "choice": gettext_lazy("Choice"),
    "scale": gettext_lazy("Scale 1–5"),
    "checklist": gettext_lazy("Checklist"),
    "yesno": gettext_lazy("Yes / no"),
}
KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
# A text answer of a report holds what happened on a visit: generous, as a life history is.
ANSWER_LIMIT = TextLimit.STORY


def display_answer(field: dict, value) -> str:
    """An answer as a reader sees it, in the reader's language."""
    if value in (None, "", []):
        return "—"
    if field["type"] == "yesno":
        return _("Yes") if value == "yes" else _("No")
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def fields_of(definition: dict) -> list[dict]:
    return [field for section in definition.get("sections", []) for field in section["fields"]]


def answers_too_long(definition: dict, answers: dict) -> list[str]:
    """What to shorten: one message per text answer above ANSWER_LIMIT, naming its field."""
    return [
        ngettext(
            "“%(field)s” is too long: at most %(limit)s character (it has %(length)s).",
            "“%(field)s” is too long: at most %(limit)s characters (it has %(length)s).",
            ANSWER_LIMIT,
        )
        % {
            "field": field["label"],
            "limit": number_format(ANSWER_LIMIT, force_grouping=True),
            "length": number_format(len(answers[field["key"]]), force_grouping=True),
        }
        for field in fields_of(definition)
        if field["type"] == "text"
        and isinstance(answers.get(field["key"]), str)
        and len(answers[field["key"]]) > ANSWER_LIMIT
    ]


def validate(definition) -> list[str]:
    """Every problem with a definition, in words a program manager understands."""
    if not isinstance(definition, dict) or not isinstance(definition.get("sections"), list):
        return [_('The template needs a list of "sections".')]
    errors, keys = [], set()
    if not definition["sections"]:
        errors.append(_("The template needs at least one section."))
    for s_index, section in enumerate(definition["sections"], start=1):
        if not isinstance(section, dict) or not str(section.get("title", "")).strip():
            errors.append(_("Section %(number)s needs a title.") % {"number": s_index})
            continue
        fields = section.get("fields")
        if not isinstance(fields, list) or not fields:
            errors.append(_("Section %(number)s needs at least one field.") % {"number": s_index})
            continue
        for f_index, field in enumerate(fields, start=1):
            where = _("section %(s)s, field %(f)s") % {"s": s_index, "f": f_index}
            if not isinstance(field, dict):
                errors.append(_("%(where)s is not a field.") % {"where": where})
                continue
            key = field.get("key", "")
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
            if not str(field.get("label", "")).strip():
                errors.append(_("%(where)s needs a label.") % {"where": where})
            kind = field.get("type")
            if kind not in FIELD_TYPES:
                errors.append(
                    _("%(where)s: unknown type “%(type)s”.") % {"where": where, "type": kind}
                )
            if kind in ("choice", "checklist"):
                choices = field.get("choices")
                if (
                    not isinstance(choices, list)
                    or len(choices) < 2
                    or not all(isinstance(c, str) and c.strip() for c in choices)
                ):
                    errors.append(_("%(where)s needs at least two choices.") % {"where": where})
    return errors
