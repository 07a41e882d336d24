"""A plan version's frozen snapshot, and how a snapshot reads for staff and for the person.

The snapshot keeps everything as it stood (texts, owners' names, statuses), so a version reads
the same however the goals, the factors or the staff change later. Labels of codes (life areas,
statuses, owner kinds) are kept as codes and shown through the catalogs, in the language of the
page that shows them.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plans.models import Goal, GoalStatus, OwnerKind, Plan, StepStatus
from tools.areas import SENSITIVE_AREAS, LifeArea


def factor_text(factor) -> str:
    """A factor as the team wrote it, or the catalogue's wording (translated)."""
    if factor.text:
        return factor.text
    return _(factor.catalogue_entry.label) if factor.catalogue_entry_id else ""


def _factor(factor) -> dict:
    return {
        "id": factor.pk,
        "area": factor.area,
        "text": factor.text or (factor.catalogue_entry.label if factor.catalogue_entry_id else ""),
        "catalogue": not factor.text,
    }


def _step(step) -> dict:
    user = step.owner_user
    return {
        "id": step.pk,
        "description": step.description,
        "owner_kind": step.owner_kind,
        "owner_user_id": step.owner_user_id,
        "owner_first_name": user.first_name if user else "",
        "owner_name": (user.get_full_name() or user.username) if user else "",
        "partner_name": step.partner_name,
        "status": step.status,
    }


def goal_snapshot(goal: Goal) -> dict:
    """One goal as it stands (its factors and steps prefetched: no query here)."""
    return {
        "id": goal.pk,
        "own_words": goal.own_words,
        "what_exactly": goal.what_exactly,
        "how_we_will_know": goal.how_we_will_know,
        "life_area": goal.life_area,
        "time_frame": goal.time_frame,
        "status": goal.status,
        "barriers": [_factor(f) for f in goal.barriers.all()],
        "strengths": [_factor(f) for f in goal.strengths.all()],
        "steps": [_step(s) for s in goal.steps.all()],
    }


def snapshot_of(plan: Plan, goals: list[Goal] | None = None, *, progress=None) -> dict:
    """The whole plan now. ``progress`` maps goal ids to the progress noted at a review."""
    if goals is None:
        goals = list(Goal.objects.filter(plan=plan).for_plan_page())
    progress = progress or {}
    return {
        "review_interval_days": plan.review_interval_days,
        "goals": [
            goal_snapshot(g) | ({"progress": progress[g.pk]} if progress.get(g.pk) else {})
            for g in goals
        ],
    }


def same_goals(a: dict, b: dict) -> bool:
    """Whether two snapshots hold the same plan (review notes aside)."""

    def strip(snapshot):
        return [
            {k: v for k, v in goal.items() if k != "progress"} for goal in snapshot.get("goals", [])
        ]

    return strip(a) == strip(b) and a.get("review_interval_days") == b.get("review_interval_days")


# Reading a snapshot ----------------------------------------------------------------------------


@dataclass
class FactorView:
    area: str
    area_label: str
    text: str


@dataclass
class StepView:
    description: str
    owner: str
    status: str
    status_label: str


@dataclass
class GoalView:
    own_words: str
    what_exactly: str
    how_we_will_know: str
    life_area: str
    area_label: str
    time_frame: str
    status: str
    status_label: str
    progress: str
    barriers: list[FactorView] = field(default_factory=list)
    strengths: list[FactorView] = field(default_factory=list)
    hidden_factors: int = 0
    steps: list[StepView] = field(default_factory=list)


def owner_text(step: dict, *, for_person: bool) -> str:
    """Who does the step. The person's copy says "you" and names staff by first name only."""
    kind = step["owner_kind"]
    if kind == OwnerKind.PARTNER:
        return step["partner_name"] or str(OwnerKind.PARTNER.label)
    if for_person:
        if kind == OwnerKind.PERSON:
            return _("You")
        name = step["owner_first_name"]
        if kind == OwnerKind.CASE_MANAGER:
            return (
                _("%(name)s, your case manager") % {"name": name}
                if name
                else _("Your case manager")
            )
        if kind == OwnerKind.MONITORING_AGENT:
            return (
                _("%(name)s, your monitoring agent") % {"name": name}
                if name
                else _("Your monitoring agent")
            )
        return _("%(name)s, from the team") % {"name": name} if name else _("Someone from the team")
    label = str(OwnerKind(kind).label)
    return f"{label}: {step['owner_name']}" if step["owner_name"] else label


def _factor_view(f: dict) -> FactorView:
    return FactorView(
        area=f["area"],
        area_label=str(LifeArea(f["area"]).label),
        text=_(f["text"]) if f.get("catalogue") else f["text"],
    )


def read(snapshot: dict, *, show_sensitive: bool, for_person: bool = False) -> list[GoalView]:
    """The goals of a snapshot, labelled in the active language. Factors of sensitive areas
    (R35) appear only where ``show_sensitive``; the person's copy never carries them, so no
    print-out or link shows more than the worker who made it may see."""
    goals = []
    for g in snapshot.get("goals", []):
        view = GoalView(
            own_words=g["own_words"],
            what_exactly=g["what_exactly"],
            how_we_will_know=g["how_we_will_know"],
            life_area=g["life_area"],
            area_label=str(LifeArea(g["life_area"]).label),
            time_frame=g["time_frame"],
            status=g["status"],
            status_label=str(GoalStatus(g["status"]).label),
            progress=g.get("progress", ""),
            steps=[
                StepView(
                    description=s["description"],
                    owner=owner_text(s, for_person=for_person),
                    status=s["status"],
                    status_label=str(StepStatus(s["status"]).label),
                )
                for s in g["steps"]
            ],
        )
        for kind in ("barriers", "strengths"):
            for f in g[kind]:
                if f["area"] in SENSITIVE_AREAS and (for_person or not show_sensitive):
                    view.hidden_factors += 1
                else:
                    getattr(view, kind).append(_factor_view(f))
        goals.append(view)
    return goals
