"""The plan on the person's page: each case's goals being worked on, the latest version and
whether the person agreed it, and the open steps for the summary at the top of the page (what
a visit needs). Three queries (and one audit event), however many goals and steps."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from audit.log import record
from people.summary import ForVisit, Item
from plans.models import ActionStep, Goal, GoalStatus, Plan, PlanVersion, StepStatus

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("Goals and plan")

OPEN_STEPS = (StepStatus.TO_DO, StepStatus.IN_PROGRESS)


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
            .prefetch_related(
                Prefetch(
                    "steps",
                    queryset=ActionStep.objects.filter(status__in=OPEN_STEPS)
                    .select_related("owner_user")
                    .order_by("order", "id"),
                    to_attr="open_step_list",
                )
            )
            .order_by("plan_id", "order", "id")
        )
        for goal in goals:
            goal.open_steps = len(goal.open_step_list)
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
        "for_visit": ForVisit(steps=_open_steps(rows.values())),
    }
    # The template reads ``plans.…``: the dict works pushed into the context as it is, or
    # passed to the include as ``plans``.
    section["plans"] = section
    return section


def _open_steps(rows) -> list[Item]:
    """The open steps of the open cases' plans, goal by goal, in the plan's order."""
    steps = []
    for row in rows:
        if not row.case.is_open:
            continue
        link = reverse("plans:plan", args=[row.case.pk])
        for goal in row.goals:
            for step in goal.open_step_list:
                detail = _owner(step)
                if step.status == StepStatus.IN_PROGRESS:
                    detail = f"{detail} · {step.get_status_display()}"
                steps.append(Item(text=step.description, detail=detail, link=link))
    return steps


def _owner(step: ActionStep) -> str:
    """Who does the step, as the plan page says it."""
    name = step.partner_name or (str(step.owner_user) if step.owner_user else "")
    label = step.get_owner_kind_display()
    return f"{label}: {name}" if name else str(label)
