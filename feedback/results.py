"""A round's results, shown only for groups of at least five answers (R35, R36).

A group is the whole round or one team, for each survey. Below five answers nothing of the
group is shown, not even per question; a question answered by fewer than five in a shown group
is hidden too. The round-wide figures are also hidden when taking a shown team away from them
would leave one to four answers (that difference would show a small group). Free text is shown
only with the round-wide group, never beside a team. Four queries, whatever the number of
answers: pinned in the tests.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from feedback.labels import ANSWERS
from feedback.models import Answer, Audience, Round, Score
from feedback.survey import MIN_GROUP, Question, load
from programs.models import Team


@dataclass
class QuestionResult:
    question: Question
    n: int
    mean: Decimal | None
    # (value, words, count, percent) from 1 to 5
    distribution: list[tuple[int, str, int, int]]

    @property
    def shown(self) -> bool:
        return self.mean is not None


@dataclass
class Group:
    audience: str
    team: Team | None
    n: int
    shown: bool
    questions: list[QuestionResult] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _mean(counts: dict[int, int]) -> Decimal:
    total = sum(counts.values())
    return (Decimal(sum(v * c for v, c in counts.items())) / total).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )


def _question(q: Question, counts: dict[int, int], *, hidden: bool) -> QuestionResult:
    n = sum(counts.values())
    if hidden or n < MIN_GROUP:
        return QuestionResult(q, n, None, [])
    return QuestionResult(
        q,
        n,
        _mean(counts),
        [
            (v, str(words), counts.get(v, 0), round(100 * counts.get(v, 0) / n))
            for v, words in ANSWERS.items()
        ],
    )


def round_results(round_: Round, *, teams: list[Team] | None = None) -> dict[str, list[Group]]:
    """``{audience: [round-wide group (when ``teams`` is None), team groups…]}``. ``teams``
    limits the groups to those teams (a team lead's own), without the round-wide group."""
    whole = teams is None
    all_teams = list(Team.objects.filter(program_id=round_.program_id).order_by("name"))
    wanted = all_teams if whole else [t for t in all_teams if t in teams]
    sizes: dict[tuple[str, int | None], int] = defaultdict(int)
    for row in (
        Answer.objects.filter(round=round_).values("audience", "team").annotate(n=Count("id"))
    ):
        sizes[(row["audience"], row["team"])] = row["n"]
    # counts[(audience, team_id)][code][value]
    counts: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for row in (
        Score.objects.filter(answer__round=round_)
        .values("answer__audience", "answer__team", "code", "value")
        .annotate(n=Count("id"))
    ):
        counts[(row["answer__audience"], row["answer__team"])][row["code"]][row["value"]] = row["n"]
    comments: dict[str, list[str]] = defaultdict(list)
    if whole and sum(sizes.values()) >= MIN_GROUP:
        # Sorted, so the order says nothing about when or where an answer was given.
        for audience, comment in (
            Answer.objects.filter(round=round_)
            .exclude(comment="")
            .order_by("comment")
            .values_list("audience", "comment")
        ):
            comments[audience].append(comment)
    out: dict[str, list[Group]] = {}
    for audience in (Audience.PERSONS, Audience.STAFF):
        survey = load(audience)
        team_groups = []
        for team in wanted:
            n = sizes[(audience, team.pk)]
            shown = n >= MIN_GROUP
            team_groups.append(
                Group(
                    audience,
                    team,
                    n,
                    shown,
                    [
                        _question(q, counts[(audience, team.pk)][q.code], hidden=not shown)
                        for q in survey.questions
                    ],
                )
            )
        groups = []
        if whole:
            total = sum(n for (a, _t), n in sizes.items() if a == audience)
            shown_teams = [g for g in team_groups if g.shown]
            rest = total - sum(g.n for g in shown_teams)
            shown = total >= MIN_GROUP and not (0 < rest < MIN_GROUP)
            questions = []
            for q in survey.questions:
                merged: dict[int, int] = defaultdict(int)
                for (a, _t), by_code in counts.items():
                    if a == audience:
                        for value, c in by_code[q.code].items():
                            merged[value] += c
                rest_q = sum(merged.values()) - sum(
                    r.n for g in shown_teams for r in g.questions if r.question == q and r.shown
                )
                questions.append(_question(q, merged, hidden=not shown or 0 < rest_q < MIN_GROUP))
            groups.append(
                Group(
                    audience,
                    None,
                    total,
                    shown,
                    questions,
                    comments[audience] if shown else [],
                )
            )
        out[audience] = groups + team_groups
    return out
