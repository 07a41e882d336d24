"""The surveys as versioned data (feedback/surveys/*.json) and the checking of one answer
sheet. A changed question is a new version of the file: the answers keep the version they
were given on (R36)."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from feedback.labels import ANSWERS, QUESTIONS, TOPICS
from hearth.validators import TextLimit

SURVEYS = Path(__file__).parent / "surveys"
CURRENT = {"persons": "persons-1.json", "staff": "staff-1.json"}
# Fewer answers than this in a group and nothing of the group is shown (R35, R36).
MIN_GROUP = 5
COMMENT_MAX = TextLimit.NOTE  # Answer.comment's limit


@dataclass(frozen=True)
class Question:
    code: str
    topic: str

    @property
    def text(self) -> str:
        return str(QUESTIONS[self.code])

    @property
    def topic_name(self) -> str:
        return str(TOPICS[self.topic])


@dataclass(frozen=True)
class Survey:
    code: str
    version: str
    source: str
    questions: tuple[Question, ...]
    free_text: str

    @property
    def free_text_label(self) -> str:
        return str(QUESTIONS[self.free_text])


@cache
def load(audience: str) -> Survey:
    data = json.loads((SURVEYS / CURRENT[audience]).read_text(encoding="utf-8"))
    questions = tuple(Question(q["code"], q["topic"]) for q in data["questions"])
    for q in questions:
        if q.code not in QUESTIONS or q.topic not in TOPICS:
            raise ValueError(f"survey {data['code']}: no words for {q.code}/{q.topic}")
    return Survey(
        code=data["code"],
        version=data["version"],
        source=data["source"],
        questions=questions,
        free_text=data["free_text"],
    )


def check(survey: Survey, data) -> tuple[dict[str, int], str]:
    """The answered questions (each may be skipped: nobody has to answer anything) and the
    free text. At least one answer is needed."""
    scores: dict[str, int] = {}
    errors: dict[str, str] = {}
    for q in survey.questions:
        raw = (data.get(q.code) or "").strip()
        if not raw:
            continue
        if raw.isdigit() and int(raw) in ANSWERS:
            scores[q.code] = int(raw)
        else:
            errors[q.code] = _("Choose one of the five answers.")
    comment = (data.get("comment") or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = ngettext(
            "Please keep it under %(n)s character.",
            "Please keep it under %(n)s characters.",
            COMMENT_MAX,
        ) % {"n": COMMENT_MAX}
    if not errors and not scores and not comment:
        errors["__all__"] = _("Answer at least one question.")
    if errors:
        raise ValidationError(errors)
    return scores, comment
