"""Housing outcomes: retention (Kaplan–Meier), days housed, out of homelessness, returns
to homelessness (R7, R19, R25)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Min, OuterRef, Q, Subquery

from housing.models import EndReason, LivingSituation, Tenancy
from housing.models.home import days_housed_from
from housing.situations import OWN_HOME_CODES, Situation, group_of
from outcomes.measures.scope import Scope, share
from outcomes.survival import Step, kaplan_meier, survival_at

# Tenancy ends that are a loss of the home in themselves; other ends are a loss when the
# person goes somewhere that is not a home of their own (a LivingSituation with
# is_housing_loss, recorded by housing.tenancies.end_tenancy).
LOSS_END_REASONS = (EndReason.EVICTED, EndReason.ABANDONED)
# Retention is read at these points of the curve (days after move-in).
RETENTION_POINTS = {6: 183, 12: 365, 24: 730}


# Housing retention ------------------------------------------------------------------------


@dataclass
class Retention:
    steps: list[Step]
    persons: int
    losses: int
    at_months: dict[int, float | None] = field(default_factory=dict)


def retention_durations(scope: Scope) -> list[tuple[int, bool]]:
    """(days from the first move-in to the first housing loss or the censoring day, lost?)
    for each person served who moved in on or before the period's end.

    Four queries of plain rows (first move-ins grouped in the database; losses, deaths and
    closures as they are), combined here: correlated subqueries per person were measured at
    seconds for a few thousand persons on SQLite."""
    end = scope.end
    served = scope.served()
    person_ids = served.values("person_id")
    move_ins = dict(
        Tenancy.objects.filter(person_id__in=person_ids, started_on__lte=end)
        .order_by()
        .values_list("person_id")
        .annotate(first=Min("started_on"))
        .values_list("person_id", "first")
    )
    losses: dict[int, list[date]] = defaultdict(list)
    for person_id, on in LivingSituation.objects.filter(
        person_id__in=person_ids, is_housing_loss=True, started_on__lte=end
    ).values_list("person_id", "started_on"):
        losses[person_id].append(on)
    deaths: dict[int, date] = {}
    for person_id, ended_on, reason in Tenancy.objects.filter(
        person_id__in=person_ids,
        end_reason__in=(*LOSS_END_REASONS, EndReason.DEATH),
        ended_on__lte=end,
    ).values_list("person_id", "ended_on", "end_reason"):
        if reason == EndReason.DEATH:
            deaths[person_id] = min(ended_on, deaths.get(person_id, ended_on))
        else:
            losses[person_id].append(ended_on)
    # Censored at closure only when every case of the scope had closed by the period's end.
    closed: dict[int, date | None] = {}
    for person_id, closed_on in served.values_list("person_id", "closed_on"):
        if closed_on is None or closed_on > end or closed.get(person_id, date.min) is None:
            closed[person_id] = None
        else:
            closed[person_id] = max(closed_on, closed.get(person_id) or closed_on)
    result = []
    for person_id, move_in in move_ins.items():
        censor = min(d for d in (end, closed.get(person_id), deaths.get(person_id)) if d)
        lost = min((d for d in losses.get(person_id, ()) if d >= move_in), default=None)
        if lost is not None and lost <= censor:
            result.append(((lost - move_in).days, True))
        else:
            result.append((max((censor - move_in).days, 0), False))
    return result


def retention(scope: Scope) -> Retention:
    """Kaplan–Meier curve of time from move-in to the first housing loss (R19, R25)."""
    durations = retention_durations(scope)
    steps = kaplan_meier([d for d, _ in durations], [e for _, e in durations])
    return Retention(
        steps=steps,
        persons=len(durations),
        losses=sum(1 for _, e in durations if e),
        at_months={m: survival_at(steps, days) for m, days in RETENTION_POINTS.items()},
    )


# Housing over the period -------------------------------------------------------------------


@dataclass
class DaysHoused:
    housed: int
    followed: int

    @property
    def share(self) -> Decimal | None:
        return share(self.housed, self.followed)


def days_housed(scope: Scope) -> DaysHoused:
    """Days in a home of their own against the days each person was followed in the period
    (from the case's opening or the period's start to its closure or the period's end) (R19).
    Two queries."""
    start, end = scope.start, scope.end
    windows: dict[int, list] = {}
    for person_id, opened_on, closed_on in scope.served().values_list(
        "person_id", "opened_on", "closed_on"
    ):
        lo, hi = max(opened_on, start), min(closed_on or end, end)
        if person_id in windows:
            w = windows[person_id]
            w[0], w[1] = min(w[0], lo), max(w[1], hi)
        else:
            windows[person_id] = [lo, hi]
    followed = sum(max((hi - lo).days + 1, 0) for lo, hi in windows.values())
    rows = []
    for person_id, started_on, ended_on in (
        Tenancy.objects.filter(person_id__in=scope.served().values("person_id"))
        .filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
        .values_list("person_id", "started_on", "ended_on")
    ):
        lo, hi = windows[person_id]
        stop = min(ended_on or hi + timedelta(days=1), hi + timedelta(days=1))
        begin = max(started_on, lo)
        if stop > begin:
            rows.append((person_id, begin, stop))
    housed = days_housed_from(rows, today=scope.today, since=start, through=end)
    return DaysHoused(housed=sum(housed.values()), followed=followed)


@dataclass
class AtEnd:
    persons: int  # served, alive at the end
    own_home: int
    by_group: dict[str, int]
    deceased: int

    @property
    def share(self) -> Decimal | None:
        return share(self.own_home, self.persons)


def out_of_homelessness(scope: Scope) -> AtEnd:
    """Where each person served lived on the period's last day: the share sleeping in a home
    of their own is the Danish outcome (seed 003, R25). One query."""
    latest = Subquery(
        LivingSituation.objects.filter(person=OuterRef("pk"), started_on__lte=scope.end)
        .order_by("-started_on", "-id")
        .values("code")[:1]
    )
    counts = scope.persons().annotate(code=latest).order_by().values("code").annotate(n=Count("pk"))
    by_group: Counter = Counter()
    own = deceased = total = 0
    for row in counts:
        code, n = row["code"], row["n"]
        if code == Situation.DECEASED:
            deceased += n
            continue
        total += n
        if code in OWN_HOME_CODES:
            own += n
        by_group[str(group_of(code)) if code is not None else "unknown"] += n
    return AtEnd(persons=total, own_home=own, by_group=dict(by_group), deceased=deceased)


def returns_to_homelessness(scope: Scope) -> dict[str, int]:
    """Housing losses after a move-in recorded in the period, and how many persons lost a
    home. Support continued for every one of them (R7). One query."""
    return LivingSituation.objects.filter(
        person__in=scope.served().values("person_id"),
        is_housing_loss=True,
        started_on__range=(scope.start, scope.end),
    ).aggregate(losses=Count("pk"), persons=Count("person", distinct=True))
