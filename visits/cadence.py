"""Visit cadence (R10): weekly for the first months after move-in, then at the frequency agreed
with the person. The next visit due and what is overdue are computed for the worker and the team
lead. A cadence is a promise of support, never a deadline for the person (R18): nothing in
Hearth acts on a case because a visit is late; it only tells the team to reach out."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

WEEKLY = 7
DUE_SOON_DAYS = 2


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interval_on(
    *, moved_in_on: date | None, weekly_months: int, agreed_interval: int | None, on: date
) -> int:
    """Days between visits on ``on``: weekly in the first months after move-in, whatever was
    agreed; afterwards the agreed frequency, weekly until one is agreed."""
    if moved_in_on and on < add_months(moved_in_on, weekly_months):
        return WEEKLY
    return agreed_interval or WEEKLY


@dataclass(frozen=True)
class Cadence:
    interval: int
    last_visit: date | None
    next_due: date
    today: date

    @property
    def overdue_days(self) -> int:
        return max((self.today - self.next_due).days, 0)

    @property
    def state(self) -> str:
        if self.today > self.next_due:
            return "overdue"
        if (self.next_due - self.today).days <= DUE_SOON_DAYS:
            return "due"
        return "ok"


def cadence_of(case, *, today: date) -> Cadence:
    """The cadence of a case annotated by ``Case.objects.with_cadence()`` (no query here)."""
    interval = interval_on(
        moved_in_on=case.moved_in_on,
        weekly_months=case.program.weekly_visits_months,
        agreed_interval=case.agreed_interval,
        on=today,
    )
    since = case.last_visit_on or case.moved_in_on or case.opened_on
    return Cadence(
        interval=interval,
        last_visit=case.last_visit_on,
        next_due=since + timedelta(days=interval),
        today=today,
    )
