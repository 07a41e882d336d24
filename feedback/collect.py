"""Opening a round and taking an answer sheet (R36), without keeping who answered (R35)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from feedback.models import Answer, Audience, Round, Score, StaffAnswered
from feedback.survey import load


class RoundClosed(Exception):
    """The round is not open today: the answer is refused."""


class AlreadyAnswered(Exception):
    """This staff member has answered this round already."""


def open_round(program, *, by, opens_on: date, closes_on: date, title: str = "") -> Round:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The round closes after it opens.")})
    return Round.objects.create(
        program=program,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        persons_version=load("persons").version,
        staff_version=load("staff").version,
        opened_by=by,
    )


def _save(round_: Round, *, audience: str, channel: str, team, scores, comment) -> Answer:
    answer = Answer.objects.create(
        round=round_,
        team=team,
        audience=audience,
        channel=channel,
        version=round_.persons_version if audience == Audience.PERSONS else round_.staff_version,
        comment=comment,
    )
    Score.objects.bulk_create(
        Score(answer=answer, code=code, value=value) for code, value in scores.items()
    )
    return answer


def take_person_answer(
    round_: Round, *, channel: str, team, scores: dict[str, int], comment: str, today: date
) -> None:
    if not round_.is_open(today=today):
        raise RoundClosed
    # The sheet and its scores together or not at all.
    with transaction.atomic():
        _save(
            round_,
            audience=Audience.PERSONS,
            channel=channel,
            team=team,
            scores=scores,
            comment=comment,
        )


def take_staff_answer(
    round_: Round, *, user, team, scores: dict[str, int], comment: str, today: date
) -> None:
    """The answer is stored without the user; only that they answered is kept, in the same
    transaction, so a second answer (even from two tabs at once) is refused."""
    if not round_.is_open(today=today):
        raise RoundClosed
    try:
        with transaction.atomic():
            StaffAnswered.objects.create(round=round_, user=user)
            _save(
                round_,
                audience=Audience.STAFF,
                channel="signed_in",
                team=team,
                scores=scores,
                comment=comment,
            )
    except IntegrityError as twice:
        raise AlreadyAnswered from twice
