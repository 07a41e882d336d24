"""Caseload ratios measured live against the program's standard (R4, R23).

ICM: each case manager's persons (as primary worker) against ``persons_per_worker × FTE``.
ACT: the team's persons against ``persons_per_worker × staff FTE`` (the psychiatrist excluded,
as in DACTS H1). Every figure here is an aggregate in the database: a fixed number of queries
whatever the size of the caseload.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from cases.models import OPEN_STAGES, Case
from programs.models import Membership, ServiceModel, Team
from programs.roles import ACT_CASELOAD_EXCLUDED, ICM_CASELOAD_ROLES, TEAM_ROLES

NEAR_SHARE = Decimal("0.9")  # warn before the standard is exceeded


@dataclass(frozen=True)
class Gauge:
    count: int
    capacity: Decimal  # persons the standard allows (standard × FTE)
    standard: int

    @property
    def state(self) -> str:
        if self.capacity <= 0 or self.count > self.capacity:
            return "over"
        if self.count >= self.capacity * NEAR_SHARE:
            return "near"
        return "ok"

    @property
    def state_label(self) -> str:
        return {
            "over": _("Above the standard"),
            "near": _("Near the standard"),
            "ok": _("Within the standard"),
        }[self.state]

    @property
    def free(self) -> int:
        """Intake capacity: how many more persons fit within the standard."""
        spare = (self.capacity - self.count).to_integral_value(rounding=ROUND_FLOOR)
        return max(int(spare), 0)

    @property
    def capacity_display(self) -> str:
        return f"{self.capacity.normalize():f}"

    @property
    def meter(self) -> dict[str, str]:
        """Attributes for an HTML <meter>: amber from 90 % of capacity, red above it."""
        top = max(self.capacity * Decimal("1.25"), Decimal(self.count), Decimal(1))
        return {
            "max": f"{top:f}",
            "low": f"{self.capacity * NEAR_SHARE:f}",
            "high": f"{self.capacity:f}",
        }

    def with_one_more(self) -> "Gauge":
        return Gauge(count=self.count + 1, capacity=self.capacity, standard=self.standard)


def _counted_roles(model: str) -> set[str]:
    if model == ServiceModel.ACT:
        return set(TEAM_ROLES) - set(ACT_CASELOAD_EXCLUDED)
    return set(ICM_CASELOAD_ROLES)


def team_gauges(teams) -> dict[int, Gauge]:
    teams = list(teams)
    team_ids = [t.pk for t in teams]
    counts = dict(
        Case.objects.filter(team_id__in=team_ids, stage__in=OPEN_STAGES)
        .values_list("team_id")
        .annotate(n=Count("id"))
        .values_list("team_id", "n")
    )
    fte: dict[int, Decimal] = defaultdict(Decimal)
    for team_id, role, total in (
        Membership.objects.active()
        .filter(team_id__in=team_ids)
        .values_list("team_id", "role")
        .annotate(total=Sum("fte"))
        .values_list("team_id", "role", "total")
    ):
        fte[(team_id, role)] = total
    gauges = {}
    for team in teams:
        program = team.program
        roles = _counted_roles(program.model)
        staff_fte = sum((fte.get((team.pk, r), Decimal(0)) for r in roles), Decimal(0))
        gauges[team.pk] = Gauge(
            count=counts.get(team.pk, 0),
            capacity=staff_fte * program.persons_per_worker,
            standard=program.persons_per_worker,
        )
    return gauges


def worker_gauges(teams) -> dict[int, Gauge]:
    """For ICM (and CTI) teams: each case manager's own caseload, across all their teams."""
    memberships = list(
        Membership.objects.active()
        .filter(team__in=[t.pk for t in teams], role__in=ICM_CASELOAD_ROLES)
        .exclude(team__program__model=ServiceModel.ACT)
        .select_related("team__program")
    )
    user_ids = {m.user_id for m in memberships}
    counts = dict(
        Case.objects.filter(primary_worker_id__in=user_ids, stage__in=OPEN_STAGES)
        .values_list("primary_worker_id")
        .annotate(n=Count("id"))
        .values_list("primary_worker_id", "n")
    )
    capacity: dict[int, Decimal] = defaultdict(Decimal)
    standard: dict[int, int] = {}
    for m in memberships:
        capacity[m.user_id] += m.fte * m.team.program.persons_per_worker
        standard[m.user_id] = m.team.program.persons_per_worker
    return {
        uid: Gauge(count=counts.get(uid, 0), capacity=capacity[uid], standard=standard[uid])
        for uid in user_ids
    }


def backup_counts(user_ids) -> dict[int, int]:
    return dict(
        Case.objects.filter(backup_worker_id__in=user_ids, stage__in=OPEN_STAGES)
        .values_list("backup_worker_id")
        .annotate(n=Count("id"))
        .values_list("backup_worker_id", "n")
    )


def gauge_after_assignment(*, team: Team, worker, case: Case | None = None) -> Gauge | None:
    """The gauge the assignment would produce, or None when nothing is counted against it."""
    if team.program.model == ServiceModel.ACT:
        gauge = team_gauges([team])[team.pk]
        already_in_team = case is not None and case.pk and case.team_id == team.pk and case.is_open
        return gauge if already_in_team else gauge.with_one_more()
    if worker is None:
        return None
    gauge = worker_gauges([team]).get(worker.pk)
    if gauge is None:
        # Not a case manager of this team: count their cases against the team's standard.
        count = Case.objects.filter(primary_worker=worker, stage__in=OPEN_STAGES).count()
        gauge = Gauge(count=count, capacity=Decimal(0), standard=team.program.persons_per_worker)
    already_theirs = (
        case is not None and case.pk and case.primary_worker_id == worker.pk and case.is_open
    )
    return gauge if already_theirs else gauge.with_one_more()
