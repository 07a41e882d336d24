"""The program's socio-economic analysis page (R26, R27) and a case's service-use records."""

from fractions import Fraction

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from economics.access import get_case_of_own_team, get_program_for_economics
from economics.analysis import current_prices, money, program_analysis
from economics.chart import cost_chart
from economics.forms import BeforeForm, ScenarioForm, SinceForm, UnitCostForm
from economics.labels import METHOD_CARD
from economics.models import CostKind, Payer, ServiceUse, UnitCost
from hearth.concurrency import STALE_MESSAGE, StaleEdit, save_versioned
from hearth.formatting import format_money


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _rate(value: Fraction | None) -> str:
    return "—" if value is None else number_format(round(float(value), 1), 1)


def _save_unit_cost(request: HttpRequest, program, form: UnitCostForm) -> bool:
    cost = form.save(commit=False)
    cost.organisation = program.organisation
    if cost.pk:
        try:
            save_versioned(cost, expected_version=form.cleaned_data.get("version") or 0)
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
            return False
    else:
        cost.recorded_by = request.user
        cost.save()
    return True


@require_http_methods(["GET", "POST"])
def program_economics(request: HttpRequest, program_id: int) -> HttpResponse:
    program, may_edit = get_program_for_economics(request.user, program_id)
    currency = program.organisation.currency
    costs = UnitCost.objects.for_program(program)
    editing = None
    cost_id = _int(request.POST.get("cost") or request.GET.get("edit"))
    if may_edit and cost_id:
        editing = costs.filter(pk=cost_id).first()
    form = None
    if request.method == "POST":
        if not may_edit:
            messages.error(
                request, _("Only the program's manager or data administrator edits prices.")
            )
            return redirect("economics:program", program_id=program.pk)
        form = UnitCostForm(request.POST, instance=editing, program=program)
        if form.is_valid() and _save_unit_cost(request, program, form):
            messages.success(request, _("The price is saved."))
            return redirect("economics:program", program_id=program.pk)
    elif may_edit:
        initial = {"version": editing.version} if editing else {}
        form = UnitCostForm(instance=editing, program=program, initial=initial)

    today = timezone.localdate()
    scenario = ScenarioForm(request.GET or None)
    overrides, reductions, years = {}, {}, 2
    if scenario.is_bound and scenario.is_valid():
        overrides, reductions = scenario.price_overrides(), scenario.reductions()
        years = scenario.horizon_years()
    in_use = current_prices(program, year=today.year)
    analysis = program_analysis(
        program,
        today=today,
        current=in_use,
        horizon_years=years,
        price_overrides=overrides,
        reductions=reductions,
    )
    current = {cost.pk for cost in in_use.values()}

    def fmt(value: Fraction) -> str:
        return format_money(money(value), currency)

    payers = analysis.by_payer()
    context = {
        "program": program,
        "may_edit": may_edit,
        "form": form,
        "editing": editing,
        "costs": [
            (cost, format_money(cost.amount, currency), cost.pk in current)
            for cost in costs.select_related("program")
        ],
        "scenario": scenario,
        "scenario_used": bool(overrides or reductions or years != 2),
        "analysis": analysis,
        "rows": [
            {
                "label": CostKind(row.kind).label,
                "price": fmt(row.price.amount) if row.price else "",
                "before": _rate(row.before),
                "after": _rate(row.after),
                "assumed": row.assumed,
                "saving": fmt(row.saving) if row.counted else "",
            }
            for row in analysis.rows
        ],
        "totals": {
            "program": fmt(analysis.program_cost),
            "before": fmt(analysis.before_cost),
            "after": fmt(analysis.after_cost),
            "savings": fmt(analysis.savings),
            "net": fmt(analysis.net_cost),
            "net_is_saving": analysis.net_cost < 0,
        },
        "payers": [
            {
                "label": Payer(payer).label,
                "program": fmt(split["program"]),
                "savings": fmt(split["savings"]),
                "net": fmt(split["net"]),
            }
            for payer, split in payers.items()
        ],
        "curve": [
            (point.month, fmt(point.cost), fmt(point.savings), point.observed)
            for point in analysis.curve
        ],
        "chart": cost_chart(analysis.curve, analysis.break_even_month),
        "break_even": analysis.break_even_month,
        "break_even_year": (analysis.break_even_month - 1) // 12 + 1
        if analysis.break_even_month
        else None,
        "person_years_after": _rate(analysis.person_years_after),
        "method": METHOD_CARD,
        "reset_url": reverse("economics:program", args=[program.pk]),
    }
    return render(request, "economics/program.html", context)


@require_http_methods(["GET", "POST"])
def case_service_use(request: HttpRequest, case_id: int) -> HttpResponse:
    """Service use before enrolment (asked at opening) and since (what the records do not
    hold), for the case's own team. Every read and change is audited."""
    case = get_case_of_own_team(request, case_id)
    records = list(ServiceUse.objects.filter(case=case).select_related("recorded_by"))
    before = next((r for r in records if r.period == "before"), None)
    since = [r for r in records if r.period == "since"]
    for item in records:
        record(request, "view", item, person_id=case.person_id)
    editing = next(
        (r for r in since if r.pk == _int(request.POST.get("record") or request.GET.get("since"))),
        None,
    )
    before_form = BeforeForm(
        instance=before, case=case, initial={"version": before.version if before else 0}
    )
    since_form = SinceForm(
        instance=editing,
        case=case,
        initial={"version": editing.version} if editing else {"starts_on": case.opened_on},
    )
    if request.method == "POST":
        which = request.POST.get("form")
        form = (
            BeforeForm(request.POST, instance=before, case=case)
            if which == "before"
            else SinceForm(request.POST, instance=editing, case=case)
        )
        if which == "before":
            before_form = form
        else:
            since_form = form
        if form.is_valid():
            # One record, saved whole or not at all, and its audit event with it.
            with transaction.atomic():
                item = form.save(commit=False)
                try:
                    if item.pk:
                        save_versioned(item, expected_version=form.cleaned_data["version"] or 0)
                        action = "change"
                    else:
                        item.recorded_by = request.user
                        item.save()
                        action = "create"
                except StaleEdit:
                    form.add_error(None, STALE_MESSAGE)
                else:
                    record(request, action, item, person_id=case.person_id)
            if not form.errors:
                messages.success(request, _("The service use is saved."))
                return redirect("economics:service_use", case_id=case.pk)
    return render(
        request,
        "economics/service_use.html",
        {
            "case": case,
            "before": before,
            "since": since,
            "editing": editing,
            "before_form": before_form,
            "since_form": since_form,
        },
    )
