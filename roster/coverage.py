"""Coverage: the hours a program promises (R1–R3) against the hours its team has rostered.

Interval arithmetic in Python on aware datetimes, converted to UTC before anything is
compared or subtracted: Python subtracts two datetimes that share a tzinfo by their wall
clocks, which is an hour wrong across a daylight-saving change. The policy itself is kept in
the organisation's wall-clock time: 08:00–20:00 stays 08:00–20:00 on the day the clocks change,
and a whole day of 24/7 coverage is 23 or 25 real hours on those days.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from programs.models import CoveragePolicy
from roster.models import Shift

Interval = tuple[datetime, datetime]

# How far ahead the roster is checked (issue 3, item 7: the next four weeks).
ROSTER_DAYS = 28


@dataclass(frozen=True)
class DailyHours:
    weekdays: frozenset[int]  # Monday is 0
    opens: time
    closes: time


# What each policy promises, in local wall-clock time; None is every hour of every day.
POLICY_HOURS: dict[str, DailyHours | None] = {
    CoveragePolicy.ALWAYS: None,
    CoveragePolicy.DAYS_7_HOURS_12: DailyHours(frozenset(range(7)), time(8), time(20)),
    CoveragePolicy.OFFICE_HOURS: DailyHours(frozenset(range(5)), time(9), time(17)),
}


def zone_of(program) -> ZoneInfo:
    return ZoneInfo(program.organisation.time_zone)


def utc(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError("coverage needs aware datetimes")
    return moment.astimezone(UTC)


def hours_between(start: datetime, end: datetime) -> float:
    """Real elapsed hours, whatever the clocks did in between."""
    return (utc(end) - utc(start)).total_seconds() / 3600


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class Gap:
    """An uncovered stretch of required hours."""

    start: datetime
    end: datetime
    hours: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours", hours_between(self.start, self.end))


@dataclass(frozen=True)
class CoverageSummary:
    policy: str
    start: datetime
    end: datetime
    required_hours: float
    covered_hours: float
    gaps: list[Gap]

    @property
    def uncovered_hours(self) -> float:
        return sum(gap.hours for gap in self.gaps)

    @property
    def is_covered(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class Period:
    """The days a roster page shows and the stretch whose coverage it checks."""

    first_day: date
    days: int
    start: datetime  # the beginning of the current local hour: the past cannot be covered
    end: datetime  # local midnight after the last day
    zone: ZoneInfo

    @property
    def day_list(self) -> list[date]:
        return [self.first_day + timedelta(days=i) for i in range(self.days)]

    @property
    def day_start(self) -> datetime:
        return _local(self.first_day, time(0), self.zone)


def next_four_weeks(program, *, now: datetime | None = None) -> Period:
    zone = zone_of(program)
    local_now = utc(now or timezone.now()).astimezone(zone)
    first_day = local_now.date()
    hour = local_now.replace(minute=0, second=0, microsecond=0)
    return Period(
        first_day=first_day,
        days=ROSTER_DAYS,
        start=hour.astimezone(UTC),
        end=_local(first_day + timedelta(days=ROSTER_DAYS), time(0), zone),
        zone=zone,
    )


def required_windows(program, *, start: datetime, end: datetime) -> list[Interval]:
    """The stretches of [start, end) the program's coverage policy asks to be covered, as
    sorted, disjoint UTC intervals."""
    start, end = utc(start), utc(end)
    if end <= start:
        return []
    hours = POLICY_HOURS[CoveragePolicy(program.coverage_policy)]
    if hours is None:
        return [(start, end)]
    zone = zone_of(program)
    windows: list[Interval] = []
    # From the day before: a window that opens in the evening may reach past midnight.
    day = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    while day <= last:
        if day.weekday() in hours.weekdays:
            closing_day = day if hours.closes > hours.opens else day + timedelta(days=1)
            lo = max(_local(day, hours.opens, zone), start)
            hi = min(_local(closing_day, hours.closes, zone), end)
            if lo < hi:
                windows.append((lo, hi))
        day += timedelta(days=1)
    return windows


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of intervals, as sorted disjoint UTC intervals (touching ones join)."""
    merged: list[Interval] = []
    for lo, hi in sorted((utc(a), utc(b)) for a, b in intervals):
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def subtract(
    windows: list[Interval], covered: Iterable[Interval], *, merged: bool = False
) -> list[Interval]:
    """What is left of sorted disjoint ``windows`` once ``covered`` is taken away
    (``merged``: ``covered`` is already what ``merge`` returns, as when one cover serves many
    calls)."""
    cover = covered if merged else merge(covered)
    left: list[Interval] = []
    i = 0
    for lo, hi in windows:
        # Cover that ends before this window cannot touch any later window either.
        while i < len(cover) and cover[i][1] <= lo:
            i += 1
        cursor = lo
        j = i
        while j < len(cover) and cover[j][0] < hi:
            c_lo, c_hi = cover[j]
            if c_lo > cursor:
                left.append((cursor, c_lo))
            cursor = max(cursor, c_hi)
            j += 1
        if cursor < hi:
            left.append((cursor, hi))
    return left


def _shift_intervals(
    team, start: datetime, end: datetime, shifts: Iterable[Shift] | None
) -> list[Interval]:
    if shifts is None:  # one query, whatever the length of the period
        return list(
            Shift.objects.for_team(team)
            .overlapping(start, end)
            .order_by()
            .values_list("starts_at", "ends_at")
        )
    return [(s.starts_at, s.ends_at) for s in shifts]


def uncovered(
    team, *, start: datetime, end: datetime, shifts: Iterable[Shift] | None = None
) -> list[Gap]:
    """Every stretch of required hours in [start, end) that no shift of the team covers.

    ``shifts`` may be passed when the caller has already loaded the team's shifts."""
    windows = required_windows(team.program, start=start, end=end)
    covered = _shift_intervals(team, start, end, shifts)
    return [Gap(lo, hi) for lo, hi in subtract(windows, covered)]


def coverage_summary(
    team, *, start: datetime, end: datetime, shifts: Iterable[Shift] | None = None
) -> CoverageSummary:
    windows = required_windows(team.program, start=start, end=end)
    covered = _shift_intervals(team, start, end, shifts)
    gaps = [Gap(lo, hi) for lo, hi in subtract(windows, covered)]
    required = sum(hours_between(lo, hi) for lo, hi in windows)
    uncovered_hours = sum(gap.hours for gap in gaps)
    return CoverageSummary(
        policy=team.program.coverage_policy,
        start=utc(start),
        end=utc(end),
        required_hours=required,
        covered_hours=required - uncovered_hours,
        gaps=gaps,
    )
