"""Test helpers of the plans app."""

from datetime import timedelta

from django.utils import timezone

from hearth.signatures import AgreementWay
from plans.models import ActionStep, Goal, OwnerKind, Plan, PlanLink, StepStatus
from plans.workflow import plan_for, record_agreement, save_version

# URL arguments that name a person's record: out of reach they must answer 403 or 404.
# (``plan_token`` is the key of a public page: the walk checks it shows only its own plan.)
PERSONAL_ARGUMENTS = {"goal_id", "step_id", "plan_version_id", "plan_link_id"}
# API routes whose detail is a person's record.
PERSONAL_API_BASENAMES = {"plan", "goal", "actionstep", "planversion"}


def make_plan(case, *, by=None, goals: int = 1, steps: int = 1, agreed: bool = True):
    """A plan with goals and steps, and one version (agreed aloud, witnessed, by default)."""
    by = by or case.opened_by
    plan = plan_for(case, by=by)
    for g in range(goals):
        goal = Goal.objects.create(
            plan=plan,
            own_words=f"I want a quiet place to read ({g + 1})",
            what_exactly="Library card",
            how_we_will_know="A book borrowed",
            life_area="daily_activities",
            created_by=by,
            order=plan.next_goal_order(),
        )
        for s in range(steps):
            ActionStep.objects.create(
                goal=goal,
                description=f"Visit the library together ({s + 1})",
                owner_kind=OwnerKind.PERSON if s % 2 == 0 else OwnerKind.CASE_MANAGER,
                status=StepStatus.IN_PROGRESS,
                updated_by=by,
                order=s,
            )
    version = save_version(plan, by=by)
    if agreed:
        record_agreement(
            version,
            way=AgreementWay.AGREED_ALOUD,
            witness="A colleague",
            agreed_on=timezone.localdate(),
            by=by,
        )
    return plan, version


def make_link(plan, *, by=None, days: int = 30):
    return PlanLink.objects.create(
        plan=plan,
        created_by=by or plan.created_by,
        expires_at=timezone.now() + timedelta(days=days),
    )


def walk_ids(case) -> dict:
    """Ids of this app's records about ``case``, for the access walk (hearth/tests)."""
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        plan, version = make_plan(case)
    else:
        version = plan.versions.order_by("-number").first()
    goal = plan.goals.first()
    step = goal.steps.first()
    link = make_link(plan)
    return {
        "goal_id": goal.pk,
        "step_id": step.pk,
        "plan_version_id": version.pk,
        "plan_link_id": link.pk,
        "plan_token": link.token,
        "pk:plan": plan.pk,
        "pk:goal": goal.pk,
        "pk:actionstep": step.pk,
        "pk:planversion": version.pk,
    }
