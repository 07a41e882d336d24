"""The plan pages: goals, steps, reviews, versions and the person's agreement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.log import record
from cases.access import get_case_for_user
from cases.forms import ReadinessForm
from cases.models import Case
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.forms import add_errors
from plans.forms import (
    AgreementForm,
    GoalForm,
    IntervalForm,
    LinkForm,
    ReviewForm,
    StepForm,
    StepStatusForm,
    VersionForm,
)
from plans.models import ActionStep, Goal, Plan, PlanVersion
from plans.snapshot import read, same_goals, snapshot_of
from plans.views.copy import public_path
from plans.workflow import plan_for, record_agreement, review, save_version, set_step_status
from programs.access import may_see_sensitive
from tools.areas import SENSITIVE_AREAS


def plan_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The plan: goals in the person's own words first, the SMART parts, the barriers and
    strengths they work with, the steps and who does them, and every version agreed."""
    case = get_case_for_user(request, case_id)
    plan = Plan.objects.filter(case=case).first()
    show_sensitive = may_see_sensitive(request.user, case)
    goals, versions, links, changed, last_review = [], [], [], False, None
    if plan is not None:
        goals = list(Goal.objects.filter(plan=plan).for_plan_page())
        versions = list(plan.versions.for_list())
        links = list(plan.links.usable().select_related("created_by"))
        latest = plan.versions.order_by("-number").only("snapshot").first()
        changed = latest is None or not same_goals(snapshot_of(plan, goals), latest.snapshot)
        last_review = (
            plan.versions.filter(is_review=True)
            .order_by("-number")
            .only("snapshot", "reviewed_on", "review_note", "number")
            .first()
        )
    progress = (
        {g["id"]: g.get("progress", "") for g in last_review.snapshot.get("goals", [])}
        if last_review
        else {}
    )
    for goal in goals:
        _factors_for_page(goal, show_sensitive)
        goal.progress = progress.get(goal.pk, "")
    return render(
        request,
        "plans/plan.html",
        {
            "case": case,
            "plan": plan,
            "goals": goals,
            "versions": versions,
            "links": [(link, request.build_absolute_uri(public_path(link))) for link in links],
            "changed_since_version": changed and bool(goals),
            "last_review": last_review,
            "has_agreed_version": any(v.is_agreed for v in versions),
            "link_form": LinkForm(),
            "version_form": VersionForm(),
        },
    )


def _factors_for_page(goal: Goal, show_sensitive: bool) -> None:
    goal.hidden_factors = 0
    for name in ("barriers", "strengths"):
        shown = []
        for factor in getattr(goal, name).all():
            if factor.area in SENSITIVE_AREAS and not show_sensitive:
                goal.hidden_factors += 1
            else:
                shown.append(factor)
        setattr(goal, f"shown_{name}", shown)


def _back_to(request: HttpRequest, case: Case):
    if request.GET.get("next") == "review":
        return redirect("plans:review", case_id=case.pk)
    return redirect("plans:plan", case_id=case.pk)


@require_http_methods(["GET", "POST"])
def goal_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    form = GoalForm(
        request.POST or None,
        case=case,
        show_sensitive=may_see_sensitive(request.user, case),
        instance=Goal(created_by=request.user),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # the plan (on its first goal), the goal and its links
            plan = plan_for(case, by=request.user)
            form.instance.plan = plan
            form.instance.order = plan.next_goal_order()
            form.save_checked()
        record(request, "create", form.instance, person_id=case.person_id)
        messages.success(request, _("Goal saved."))
        return redirect("plans:plan", case_id=case.pk)
    return render(
        request,
        "plans/goal_form.html",
        {"form": form, "case": case, "title": _("A new goal"), "hopes": case.hopes},
    )


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    goal = get_object_or_404(Goal, pk=goal_id, plan__case=case)
    form = GoalForm(
        request.POST or None,
        case=case,
        show_sensitive=may_see_sensitive(request.user, case),
        instance=goal,
    )
    if request.method == "POST" and form.is_valid() and form.save_checked():
        record(request, "change", goal, person_id=case.person_id)
        messages.success(request, _("Goal saved."))
        return _back_to(request, case)
    return render(
        request,
        "plans/goal_form.html",
        {"form": form, "case": case, "title": _("Revise the goal"), "hopes": case.hopes},
    )


@require_http_methods(["GET", "POST"])
def step_add(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    goal = get_object_or_404(Goal.objects.select_related("plan__case"), pk=goal_id, plan__case=case)
    last = goal.steps.order_by("-order").values_list("order", flat=True).first()
    step = ActionStep(goal=goal, updated_by=request.user, order=0 if last is None else last + 1)
    form = StepForm(request.POST or None, case=case, instance=step)
    if request.method == "POST" and form.is_valid() and form.save_checked():
        record(request, "create", step, person_id=case.person_id)
        messages.success(request, _("Step saved."))
        return _back_to(request, case)
    return render(
        request,
        "plans/step_form.html",
        {"form": form, "case": case, "goal": goal, "title": _("A new step")},
    )


@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, case_id: int, step_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    step = get_object_or_404(
        ActionStep.objects.select_related("goal__plan__case"), pk=step_id, goal__plan__case=case
    )
    step.updated_by = request.user
    form = StepForm(request.POST or None, case=case, instance=step)
    if request.method == "POST" and form.is_valid() and form.save_checked():
        record(request, "change", step, person_id=case.person_id)
        messages.success(request, _("Step saved."))
        return _back_to(request, case)
    return render(
        request,
        "plans/step_form.html",
        {"form": form, "case": case, "goal": step.goal, "title": _("Change the step")},
    )


@require_POST
def step_status(request: HttpRequest, case_id: int, step_id: int) -> HttpResponse:
    """htmx: the status of one step, changed from the plan page; a stale change is refused."""
    case = get_case_for_user(request, case_id, action="change")
    step = get_object_or_404(
        ActionStep.objects.select_related("owner_user"), pk=step_id, goal__plan__case=case
    )
    form = StepStatusForm(request.POST)
    problem = ""
    if not form.is_valid():
        problem = _("Choose a status.")
    else:
        try:
            set_step_status(
                step,
                status=form.cleaned_data["status"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            problem = STALE_MESSAGE
            step.refresh_from_db()
        else:
            record(request, "change", step, person_id=case.person_id)
    if request.htmx:
        return render(
            request, "plans/plan.html#step", {"step": step, "case": case, "problem": problem}
        )
    if problem:
        messages.error(request, problem)
    return redirect("plans:plan", case_id=case.pk)


@require_http_methods(["GET", "POST"])
def plan_interval(request: HttpRequest, case_id: int) -> HttpResponse:
    """How often the person would like to look at the plan together (or no set interval)."""
    case = get_case_for_user(request, case_id)
    plan = Plan.objects.filter(case=case).first() or Plan(case=case, created_by=request.user)
    form = IntervalForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        saved = True
        if plan.pk is None:
            form.save()
        else:
            saved = form.save_versioned()
        if saved:
            record(request, "change", plan, person_id=case.person_id)
            messages.success(request, _("Saved."))
            return redirect("plans:plan", case_id=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "title": _("How often to look at the plan together")},
    )


@require_POST
def version_create(request: HttpRequest, case_id: int) -> HttpResponse:
    """Freeze the plan as it stands now, for the person to agree."""
    case = get_case_for_user(request, case_id, action="change")
    plan = get_object_or_404(Plan, case=case)
    form = VersionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    version = save_version(plan, by=request.user, note=note)
    record(request, "create", version, person_id=case.person_id)
    messages.success(request, _("Version %(number)s saved.") % {"number": version.number})
    return redirect("plans:agreement", case_id=case.pk, plan_version_id=version.pk)


@require_http_methods(["GET", "POST"])
def plan_review(request: HttpRequest, case_id: int) -> HttpResponse:
    """A review at the interval the person chose: progress per goal, goals revised, and the
    closure indicators recorded at the same time, so closure later reads their trend."""
    case = get_case_for_user(request, case_id)
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        messages.info(request, _("Write a first goal with the person before a review."))
        return redirect("plans:plan", case_id=case.pk)
    goals = list(plan.goals.order_by("order", "id"))
    form = ReviewForm(request.POST or None, plan=plan, goals=goals)
    readiness_form = ReadinessForm(request.POST or None, prefix="readiness")
    if request.method == "POST" and form.is_valid() & readiness_form.is_valid():
        try:
            version = review(
                plan,
                by=request.user,
                on=form.cleaned_data["on"],
                goals=form.goal_reviews(),
                readiness=readiness_form.save(commit=False),
                note=form.cleaned_data["review_note"],
                interval_days=form.cleaned_data["review_interval_days"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            record(request, "create", version, person_id=case.person_id)
            record(request, "create", version.readiness, person_id=case.person_id)
            messages.success(request, _("Review saved. Now record the person's agreement."))
            return redirect("plans:agreement", case_id=case.pk, plan_version_id=version.pk)
    return render(
        request,
        "plans/review.html",
        {"case": case, "plan": plan, "form": form, "readiness_form": readiness_form},
    )


def _version_for(case: Case, plan_version_id: int) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.select_related(
            "plan", "created_by", "agreement_recorded_by", "readiness"
        ),
        pk=plan_version_id,
        plan__case=case,
    )


def version_detail(request: HttpRequest, case_id: int, plan_version_id: int) -> HttpResponse:
    """One version as it was frozen, whatever changed since."""
    case = get_case_for_user(request, case_id)
    version = _version_for(case, plan_version_id)
    goals = read(version.snapshot, show_sensitive=may_see_sensitive(request.user, case))
    return render(request, "plans/version.html", {"case": case, "version": version, "goals": goals})


@require_http_methods(["GET", "POST"])
def version_agreement(request: HttpRequest, case_id: int, plan_version_id: int) -> HttpResponse:
    """The person agrees this version: signed on the phone's screen, signed on paper, or
    agreed aloud before a witness."""
    case = get_case_for_user(request, case_id)
    version = _version_for(case, plan_version_id)
    if version.is_agreed:
        messages.info(request, _("The person's agreement on this version is already recorded."))
        return redirect("plans:version", case_id=case.pk, plan_version_id=version.pk)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_agreement(
                version,
                way=data["way"],
                agreed_on=data["agreed_on"],
                by=request.user,
                signature=data["signature"],
                witness=data["witness"],
                person_comment=data["person_comment"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            record(
                request,
                "change",
                version,
                person_id=case.person_id,
                detail={"agreement": data["way"]},
            )
            messages.success(request, _("The person's agreement is recorded."))
            return redirect("plans:plan", case_id=case.pk)
    goals = read(version.snapshot, show_sensitive=may_see_sensitive(request.user, case))
    return render(
        request,
        "plans/agreement.html",
        {"case": case, "version": version, "goals": goals, "form": form},
    )
