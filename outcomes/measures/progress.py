"""Person-level progress in aggregate: income, supportive ties, assessments, readiness,
visit cadence, referrals (R10, R14, R20, R25, R37)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber, TruncMonth

from cases.models import ReadinessRecord
from ecomap.models import Snapshot
from ecomap.network import SUPPORTIVE_QUALITIES
from money.income import with_income
from outcomes.measures.scope import Scope, mean
from referrals.models import Barrier, Referral
from tools.definition import domains_of, is_scored_domain, is_sensitive
from tools.models import Assessment, InstrumentVersion
from visits.cadence import interval_on

# Person-level progress ----------------------------------------------------------------------


def income_change(scope: Scope) -> dict:
    """Monthly income at the case's opening against the period's end, for the cases open at
    the end (R16, R20, R25). One query."""
    cases = with_income(scope.open_on(scope.end), today=scope.end)
    return cases.aggregate(
        cases=Count("pk"),
        at_opening=Avg("income_at_opening"),
        at_end=Avg("income_now"),
        more=Count("pk", filter=Q(income_now__gt=F("income_at_opening"))),
        less=Count("pk", filter=Q(income_now__lt=F("income_at_opening"))),
    )


def _first_and_last(queryset: QuerySet, *, by: tuple[str, ...], order: tuple[str, ...]) -> QuerySet:
    """The rows of ``queryset`` that are the first or the last of their group (``by``) in
    ``order``: two window functions over one sorted pass (correlated subqueries per row took
    minutes on SQLite at 20,000 persons)."""
    partition = [F(name) for name in by]
    return queryset.annotate(
        _first=Window(RowNumber(), partition_by=partition, order_by=[F(o).asc() for o in order]),
        _last=Window(RowNumber(), partition_by=partition, order_by=[F(o).desc() for o in order]),
    ).filter(Q(_first=1) | Q(_last=1))


def supportive_ties_change(scope: Scope) -> dict:
    """Supportive ties on each person's first and latest network snapshot up to the period's
    end (ecomap; R20 'social support network'). One query, two rows per person."""
    snapshots = Snapshot.objects.filter(
        person__in=scope.served().values("person_id"), taken_on__lte=scope.end
    )
    rows = _first_and_last(snapshots, by=("person_id",), order=("taken_on", "id")).values_list(
        "person_id", "taken_on", "id", "ties"
    )
    seen: dict[int, list] = defaultdict(list)
    for person_id, taken_on, pk, ties in rows:
        count = sum(1 for tie in ties if tie.get("quality") in SUPPORTIVE_QUALITIES)
        seen[person_id].append(((taken_on, pk), count))
    pairs = [sorted(v) for v in seen.values() if len(v) == 2]
    first = [p[0][1] for p in pairs]
    last = [p[1][1] for p in pairs]
    return {
        "persons": len(pairs),
        "first": mean(first),
        "latest": mean(last),
        "more": sum(1 for a, b in zip(first, last, strict=True) if b > a),
        "fewer": sum(1 for a, b in zip(first, last, strict=True) if b < a),
    }


@dataclass
class DomainChange:
    instrument: str
    domain: str
    persons: int
    first: Decimal | None
    latest: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first


def assessment_change(scope: Scope) -> list[DomainChange]:
    """Mean score by domain on each case's first and latest assessment of an instrument up to
    the period's end (tools; R25 finances, daily functioning, treatment). Sensitive domains
    (mental health, substance use) are left out: their answers are for the roles the program
    allows (R35). Two queries."""

    assessments = Assessment.objects.filter(
        case__in=scope.served().values("pk"), taken_on__lte=scope.end
    )
    rows = _first_and_last(
        assessments, by=("case_id", "instrument_id"), order=("taken_on", "id")
    ).values_list("case_id", "instrument_id", "taken_on", "id", "scores", "instrument_version_id")
    pairs: dict[tuple[int, int], list] = defaultdict(list)
    versions: dict[int, int] = {}
    for case_id, instrument_id, taken_on, pk, scores, version_id in rows:
        pairs[(case_id, instrument_id)].append(((taken_on, pk), scores))
        versions[instrument_id] = max(versions.get(instrument_id, 0), version_id)
    titles: dict[tuple[int, str], tuple[str, str]] = {}
    for version in InstrumentVersion.objects.filter(pk__in=versions.values()).select_related(
        "instrument"
    ):
        for domain in domains_of(version.display_definition()):
            if is_scored_domain(domain) and not is_sensitive(domain):
                titles[(version.instrument_id, domain["key"])] = (
                    version.instrument.display_name,
                    domain["title"],
                )
    scores: dict[tuple[int, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for (_case, instrument_id), found in pairs.items():
        if len(found) != 2:
            continue
        (_, first), (_, latest) = sorted(found, key=lambda item: item[0])
        for key in first.keys() & latest.keys():
            if (instrument_id, key) in titles and None not in (first[key], latest[key]):
                scores[(instrument_id, key)][0].append(first[key])
                scores[(instrument_id, key)][1].append(latest[key])
    return [
        DomainChange(
            instrument=titles[k][0],
            domain=titles[k][1],
            persons=len(a),
            first=mean(a),
            latest=mean(b),
        )
        for k, (a, b) in sorted(scores.items(), key=lambda item: titles[item[0]])
    ]


def readiness_by_month(scope: Scope) -> dict[date, dict[str, int]]:
    """How many readiness reviews in each month found the person feeling ready, not yet or
    unsure (R20). One query."""
    result: dict[date, dict[str, int]] = defaultdict(dict)
    for row in (
        ReadinessRecord.objects.filter(
            case__in=scope.cases().values("pk"),
            recorded_on__range=(scope.start, scope.end),
        )
        .annotate(month=TruncMonth("recorded_on"))
        .order_by()
        .values("month", "feels_ready")
        .annotate(n=Count("pk"))
    ):
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        result[month][row["feels_ready"]] = row["n"]
    return dict(sorted(result.items()))


def visit_cadence(scope: Scope) -> dict[str, int]:
    """Open cases today whose visits keep the agreed cadence (not overdue) (R10). One query,
    one row per open case."""
    today = scope.today
    kept = overdue = 0
    for opened_on, moved_in_on, weekly_months, last_visit, agreed in (
        scope.cases()
        .open()
        .with_cadence()
        .values_list(
            "opened_on",
            "moved_in_on",
            "program__weekly_visits_months",
            "last_visit_on",
            "agreed_interval",
        )
    ):
        interval = interval_on(
            moved_in_on=moved_in_on, weekly_months=weekly_months, agreed_interval=agreed, on=today
        )
        since = last_visit or moved_in_on or opened_on
        if today > since + timedelta(days=interval):
            overdue += 1
        else:
            kept += 1
    return {"open": kept + overdue, "kept": kept, "overdue": overdue}


def referral_outcomes(scope: Scope) -> dict[str, int]:
    """Referrals sent in the period, by status (R14, R37). One query."""
    return dict(
        Referral.objects.filter(
            case__in=scope.cases().values("pk"), sent_on__range=(scope.start, scope.end)
        )
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def barriers_by_category(scope: Scope) -> dict[str, int]:
    """Barriers met in the period, by category (R37): refused referrals, housing denied,
    refused benefits, unmet needs… Counts only. One query."""
    return dict(
        Barrier.objects.filter(
            case__in=scope.cases().values("pk"), on__range=(scope.start, scope.end)
        )
        .order_by()
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
