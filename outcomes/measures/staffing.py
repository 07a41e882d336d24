"""Caseloads, coverage and planned transfers over time (issue 6 §2; R1–R5)."""

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from cases.models import CaseTransfer
from outcomes.measures.scope import Scope
from programs.models import Membership, ServiceModel
from programs.roles import ACT_CASELOAD_EXCLUDED, ICM_CASELOAD_ROLES, TEAM_ROLES
from roster.coverage import hours_between, merge, required_windows, subtract, zone_of
from roster.models import Shift
from visits.cadence import add_months

# Caseloads, coverage and transfers over time (§2) ------------------------------------------


def month_ends(end: date, count: int = 12) -> list[date]:
    """The last day of each of the ``count`` months up to ``end``'s month; the last is ``end``."""
    days = []
    for back in range(count - 1, -1, -1):
        first = add_months(end.replace(day=1), -back)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        days.append(min(last, end))
    return days


def _open(opened_on: date, closed_on: date | None, day: date) -> bool:
    return opened_on <= day and (closed_on is None or closed_on > day)


def _counted(model: str) -> frozenset:
    if model == ServiceModel.ACT:
        return frozenset(TEAM_ROLES - ACT_CASELOAD_EXCLUDED)
    return frozenset(ICM_CASELOAD_ROLES)


@dataclass
class CaseloadMonth:
    day: date
    persons: int
    fte: Decimal
    capacity: Decimal  # persons the standard allows

    @property
    def per_worker(self) -> Decimal | None:
        if not self.fte:
            return None
        return (Decimal(self.persons) / self.fte).quantize(Decimal("0.1"))

    @property
    def over(self) -> bool:
        return self.persons > self.capacity


@dataclass
class Caseloads:
    months: list[date]
    teams: dict[str, list[CaseloadMonth]]  # team name → months
    workers: dict[str, list[CaseloadMonth]]  # worker (staff) → months, ICM only
    total: list[CaseloadMonth]


def caseloads(scope: Scope, *, months: int = 12) -> Caseloads:
    """Persons per team and per worker at the end of each month, against the program's
    standard × FTE (R4). Three queries, whatever the number of months, workers or cases."""
    days = month_ends(scope.end, months)
    first = days[0].replace(day=1)
    teams = list(scope.teams())
    team_by_id = {t.pk: t for t in teams}
    case_rows = list(
        scope.cases()
        .filter(opened_on__lte=scope.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .values_list("team_id", "primary_worker_id", "opened_on", "closed_on")
    )
    staff = list(
        Membership.objects.filter(team__in=[t.pk for t in teams], start_date__lte=scope.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .values_list(
            "user_id",
            "team_id",
            "role",
            "fte",
            "start_date",
            "end_date",
            "user__first_name",
            "user__last_name",
        )
    )
    names = {row[0]: f"{row[6]} {row[7]}".strip() for row in staff}
    result = Caseloads(months=days, teams={}, workers={}, total=[])
    for day in days:
        by_team: Counter = Counter()
        by_worker: Counter = Counter()
        for team_id, worker_id, opened_on, closed_on in case_rows:
            if _open(opened_on, closed_on, day):
                by_team[team_id] += 1
                # An ACT person is the whole team's (R3): their main contact holds no caseload
                # of their own against a ratio, so is not a row of the per-worker table.
                if team_by_id[team_id].program.model != ServiceModel.ACT:
                    by_worker[worker_id] += 1
        team_fte: dict[int, Decimal] = defaultdict(Decimal)
        worker_fte: dict[int, Decimal] = defaultdict(Decimal)
        worker_standard: dict[int, int] = {}
        for user_id, team_id, role, fte, start, stop, _f, _l in staff:
            if not (start <= day and (stop is None or stop >= day)):
                continue
            program = team_by_id[team_id].program
            if role in _counted(program.model):
                team_fte[team_id] += fte
            if role in ICM_CASELOAD_ROLES and program.model != ServiceModel.ACT:
                worker_fte[user_id] += fte
                worker_standard[user_id] = program.persons_per_worker
        total_persons, total_fte, total_capacity = 0, Decimal(0), Decimal(0)
        for team in teams:
            standard = team.program.persons_per_worker
            month = CaseloadMonth(
                day, by_team[team.pk], team_fte[team.pk], team_fte[team.pk] * standard
            )
            result.teams.setdefault(team.name, []).append(month)
            total_persons += month.persons
            total_fte += month.fte
            total_capacity += month.capacity
        result.total.append(CaseloadMonth(day, total_persons, total_fte, total_capacity))
        for user_id in names:
            if user_id in worker_fte or by_worker.get(user_id):
                fte = worker_fte.get(user_id, Decimal(0))
                capacity = fte * worker_standard.get(user_id, 0)
                result.workers.setdefault(names[user_id], []).append(
                    CaseloadMonth(day, by_worker.get(user_id, 0), fte, capacity)
                )
    # Workers who came or left during the year: pad their missing months with zeros.
    for rows in result.workers.values():
        have = {m.day for m in rows}
        rows.extend(CaseloadMonth(d, 0, Decimal(0), Decimal(0)) for d in days if d not in have)
        rows.sort(key=lambda m: m.day)
    result.workers = dict(sorted(result.workers.items()))
    return result


def uncovered_hours(scope: Scope, *, months: int = 12) -> dict[str, list[tuple[date, float]]]:
    """Hours the coverage policy asks for that no shift covered, per team and month (R1–R3;
    roster.coverage). Two queries."""
    days = month_ends(scope.end, months)
    teams = list(scope.teams())
    lo = datetime.combine(days[0].replace(day=1), time.min, tzinfo=UTC) - timedelta(days=1)
    hi = datetime.combine(scope.end + timedelta(days=1), time.min, tzinfo=UTC) + timedelta(days=1)
    shifts: dict[int, list] = defaultdict(list)
    for team_id, starts_at, ends_at in (
        Shift.objects.filter(team__in=[t.pk for t in teams])
        .overlapping(lo, hi)
        .order_by()
        .values_list("team_id", "starts_at", "ends_at")
    ):
        shifts[team_id].append((starts_at, ends_at))
    # The hours a program's policy asks for are the same for each of its teams: worked out once
    # per program and month, and each team's shifts merged once (a program has dozens of teams).
    windows_of: dict[tuple[int, date], list] = {}
    result = {}
    for team in teams:
        cover = merge(shifts[team.pk])
        series = []
        for day in days:
            key = (team.program_id, day)
            if key not in windows_of:
                zone = zone_of(team.program)
                start = datetime.combine(day.replace(day=1), time.min, tzinfo=zone)
                stop = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
                windows_of[key] = required_windows(team.program, start=start, end=stop)
            gaps = subtract(windows_of[key], cover, merged=True)
            series.append((day, round(sum(hours_between(a, b) for a, b in gaps), 1)))
        result[team.name] = series
    return result


INTENSITY = {ServiceModel.ACT: 3, ServiceModel.ICM: 2, ServiceModel.CTI: 1}


def transfers(scope: Scope) -> dict[str, int]:
    """Planned transfers in the period (R5): all, to a lower intensity (ACT → ICM, ICM → CTI)
    and those the person agreed to. One query."""
    teams = scope.teams().values("pk")
    result = {"all": 0, "lower": 0, "agreed": 0}
    for row in (
        CaseTransfer.objects.filter(on__range=(scope.start, scope.end))
        .filter(Q(from_team__in=teams) | Q(to_team__in=teams))
        .order_by()
        .values("from_team__program__model", "to_team__program__model", "person_agreed")
        .annotate(n=Count("pk"))
    ):
        n = row["n"]
        result["all"] += n
        if row["person_agreed"]:
            result["agreed"] += n
        source = INTENSITY.get(row["from_team__program__model"], 0)
        if INTENSITY.get(row["to_team__program__model"], 0) < source:
            result["lower"] += n
    return result
