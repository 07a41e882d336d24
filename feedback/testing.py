"""Feedback records for the access walk and the tests (hearth/tests/test_access_walk.py)."""

from datetime import timedelta

from django.utils import timezone

from feedback.collect import open_round, take_person_answer
from feedback.models import Channel, Round

# A round is a program's, not a person's record: no personal URL arguments or API routes.
PERSONAL_ARGUMENTS: set[str] = set()
PERSONAL_API_BASENAMES: set[str] = set()


def make_round(program, *, by, days_open: int = 14, past: bool = False) -> Round:
    today = timezone.localdate()
    if past:
        return open_round(
            program,
            by=by,
            opens_on=today - timedelta(days=days_open + 7),
            closes_on=today - timedelta(days=7),
        )
    return open_round(program, by=by, opens_on=today, closes_on=today + timedelta(days=days_open))


def answer_persons(round_: Round, n: int, *, team=None, value: int = 4, comment: str = "") -> None:
    """``n`` person answers, given while the round was open."""
    for i in range(n):
        take_person_answer(
            round_,
            channel=Channel.HANDED if team else Channel.LINK,
            team=team,
            scores={"P1": value, "P5": (i % 5) + 1},
            comment=comment,
            today=round_.opens_on,
        )


def walk_ids(case) -> dict:
    round_ = make_round(case.program, by=case.opened_by)
    answer_persons(round_, 5, team=case.team, comment="Walk comment")
    return {"round_id": round_.pk, "round_token": round_.token, "pk:feedback_round": round_.pk}
