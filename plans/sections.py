"""The plan on the person's page: each case's goals being worked on, the latest version and
whether the person agreed it. Two queries (and one audit event), however many goals."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest

from audit.log import record
from plans.models import Goal, GoalStatus, Plan, PlanVersion, StepStatus


@dataclass
class LatestVersion:
    number: int
    agreed_on: date | None

    @property
    def is_agreed(self) -> bool:
        return self.agreed_on is not None


@dataclass
class PlanRow:
    case: object
    plan: Plan
    next_review_on: date | None
    latest: LatestVersion | None
    goals: list = field(default_factory=list)


def person_section(request: HttpRequest, person, cases) -> dict:
    cases = list(cases)
    by_id = {case.pk: case for case in cases}
    latest = PlanVersion.objects.filter(plan=OuterRef("pk")).order_by("-number")
    plans = list(
        Plan.objects.filter(case_id__in=by_id)
        .annotate(
            latest_number=Subquery(latest.values("number")[:1]),
            latest_agreed_on=Subquery(latest.values("agreed_on")[:1]),
        )
        .order_by("-case__opened_on", "-id")
    )
    rows = {
        plan.pk: PlanRow(
            case=by_id[plan.case_id],
            plan=plan,
            next_review_on=plan.next_review_on,
            latest=LatestVersion(plan.latest_number, plan.latest_agreed_on)
            if plan.latest_number
            else None,
        )
        for plan in plans
    }
    if rows:
        goals = (
            Goal.objects.filter(plan_id__in=rows, status=GoalStatus.OPEN)
            .annotate(
                open_steps=Count(
                    "steps",
                    filter=Q(steps__status__in=[StepStatus.TO_DO, StepStatus.IN_PROGRESS]),
                )
            )
            .order_by("plan_id", "order", "id")
        )
        for goal in goals:
            rows[goal.plan_id].goals.append(goal)
        record(
            request,
            "view",
            object_type="plans.Plan",
            person_id=person.pk,
            detail={"plans": sorted(rows)},
        )
    with_plan = {plan.case_id for plan in plans}
    section = {
        "plan_rows": list(rows.values()),
        "cases_without_plan": [c for c in cases if c.pk not in with_plan and c.is_open],
    }
    # The template reads ``plans.…``: the dict works pushed into the context as it is, or
    # passed to the include as ``plans``.
    section["plans"] = section
    return section
