"""Whose outcomes, over which period; shared helpers."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet

from cases.models import Case
from people.models import Person
from programs.models import Team


def share(numerator, denominator) -> Decimal | None:
    """numerator / denominator to three places (0.800), None without a denominator."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class Scope:
    """Whose outcomes: a team, else a program, else an organisation; over [start, end]."""

    start: date
    end: date
    today: date
    program: object = None
    team: object = None
    organisation: object = None

    def cases(self) -> QuerySet:
        if self.team is not None:
            return Case.objects.filter(team=self.team)
        if self.program is not None:
            return Case.objects.filter(program=self.program)
        return Case.objects.filter(program__organisation=self.organisation)

    def served(self) -> QuerySet:
        return (
            self.cases()
            .filter(opened_on__lte=self.end)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=self.start))
        )

    def open_on(self, day: date) -> QuerySet:
        return (
            self.cases()
            .filter(opened_on__lte=day)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        )

    def persons(self) -> QuerySet:
        return Person.objects.filter(pk__in=self.served().values("person_id"))

    def teams(self) -> QuerySet:
        if self.team is not None:
            return Team.objects.filter(pk=self.team.pk).select_related("program__organisation")
        if self.program is not None:
            teams = Team.objects.filter(program=self.program)
        else:
            teams = Team.objects.filter(program__organisation=self.organisation)
        return teams.select_related("program__organisation").order_by("name", "pk")


def mean(values) -> Decimal | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return (Decimal(str(sum(values))) / len(values)).quantize(Decimal("0.01"))
