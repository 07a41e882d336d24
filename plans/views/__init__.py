"""The plans app's pages (a package: the plan itself, and the person's copy and link)."""

from plans.views.copy import (
    copy_language,
    link_create,
    link_revoke,
    plan_copy,
    plan_copy_pdf,
    public_plan,
)
from plans.views.plan import (
    goal_add,
    goal_edit,
    plan_detail,
    plan_interval,
    plan_review,
    step_add,
    step_edit,
    step_status,
    version_agreement,
    version_create,
    version_detail,
)

__all__ = [
    "copy_language",
    "goal_add",
    "goal_edit",
    "link_create",
    "link_revoke",
    "plan_copy",
    "plan_copy_pdf",
    "plan_detail",
    "plan_interval",
    "plan_review",
    "public_plan",
    "step_add",
    "step_edit",
    "step_status",
    "version_agreement",
    "version_create",
    "version_detail",
]
