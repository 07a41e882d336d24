"""The money pages (R16): a person's income, budgets and assistance; the forms; and a team
lead's list of assistance waiting for approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from cases.models import Case
from documents.models import DocumentKind
from documents.storing import discard, store_upload
from hearth.concurrency import STALE_MESSAGE, StaleEdit, save_versioned
from money.assistance import decide, mark_paid, may_decide
from money.forms import (
    AssistanceRequestForm,
    BudgetForm,
    BudgetLineFormSet,
    DecisionForm,
    IncomeSourceForm,
    NewIncomeSourceForm,
    PaymentForm,
)
from money.income import became_refused, record_refusal_barrier, with_income
from money.models import AssistanceStatus, Budget, BudgetLine, FinancialAssistance, IncomeSource
from people.access import get_person_for_user
from programs.access import is_team_lead_of
from programs.roles import Role


def _cases(request: HttpRequest, person) -> list[Case]:
    return list(
        Case.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("program", "team")
        .order_by("-opened_on", "-id")
    )


def _current_case(cases: list[Case]) -> Case | None:
    return next((c for c in cases if c.is_open), cases[0] if cases else None)


def money_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """Income sources and applications, income at opening against now, budgets, and the
    program's assistance — a fixed number of queries however long the lists."""
    person = get_person_for_user(request, person_id)
    today = timezone.localdate()
    cases = list(
        with_income(
            Case.objects.visible_to(request.user)
            .filter(person=person)
            .select_related("program", "team__program__organisation"),
            today=today,
        ).order_by("-opened_on", "-id")
    )
    budgets = list(
        Budget.objects.filter(person=person)
        .with_totals()
        .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("id")))
    )
    assistance = list(
        FinancialAssistance.objects.filter(case__in=[c.pk for c in cases]).select_related(
            "requested_by", "decided_by", "receipt"
        )
    )
    waiting_cases = {a.case_id for a in assistance if a.status == AssistanceStatus.REQUESTED}
    # One check per case with a waiting request (a person has one or two cases), not per row.
    lead_of = {c.pk: is_team_lead_of(request.user, c.team) for c in cases if c.pk in waiting_cases}
    return render(
        request,
        "money/money.html",
        {
            "person": person,
            "currency": person.organisation.currency,
            "sources": list(IncomeSource.objects.filter(person=person)),
            "cases": cases,
            "budgets": budgets,
            "assistance": assistance,
            "may_decide_ids": {
                a.pk
                for a in assistance
                if lead_of.get(a.case_id) and a.requested_by_id != request.user.pk
            },
            "today": today,
        },
    )


def _form_page(request, person, form, *, title: str, intro: str = "", **extra) -> HttpResponse:
    return render(
        request,
        "money/form.html",
        {"person": person, "form": form, "title": title, "intro": intro, **extra},
        status=400 if form.is_bound and form.errors else 200,
    )


def _after_income_saved(request, person, source, *, before: str | None) -> None:
    if became_refused(before, source):
        case = _current_case(_cases(request, person))
        if not record_refusal_barrier(source, case=case, by=request.user):
            messages.info(request, _("The refusal is saved; it could not be added to barriers."))


@require_http_methods(["GET", "POST"])
def income_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = NewIncomeSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # a refusal and its barrier, together or not at all
            source = form.save(commit=False)
            source.person = person
            source.recorded_by = request.user
            source.save()
            _after_income_saved(request, person, source, before=None)
        record(request, "create", source, person_id=person.pk)
        messages.success(request, _("Saved."))
        return redirect("money:money", person_id=person.pk)
    return _form_page(request, person, form, title=_("Add an income source or application"))


@require_http_methods(["GET", "POST"])
def income_edit(request: HttpRequest, person_id: int, income_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    source = get_object_or_404(IncomeSource, pk=income_id, person=person)
    before = source.status
    form = IncomeSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # a refusal and its barrier, together or not at all
            saved = form.save_versioned()
            if saved:
                _after_income_saved(request, person, source, before=before)
        if saved:
            record(
                request, "change", source, person_id=person.pk, detail={"fields": form.changed_data}
            )
            messages.success(request, _("Saved."))
            return redirect("money:money", person_id=person.pk)
    return _form_page(request, person, form, title=str(source))


def _budget_page(request, person, budget: Budget | None) -> HttpResponse:
    instance = budget or Budget(person=person, month=timezone.localdate().replace(day=1))
    form = BudgetForm(request.POST or None, instance=instance)
    lines = BudgetLineFormSet(request.POST or None, instance=instance, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            # The budget and its lines are saved together or not at all.
            with transaction.atomic():
                saved = form.save(commit=False)
                if budget is None:
                    saved.person = person
                    saved.case = _current_case(_cases(request, person))
                    saved.created_by = request.user
                    saved.save()
                else:
                    save_versioned(saved, expected_version=form.cleaned_data["version"] or 0)
                lines.instance = saved
                lines.save()
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        else:
            record(request, "create" if budget is None else "change", saved, person_id=person.pk)
            messages.success(request, _("Saved."))
            return redirect("money:money", person_id=person.pk)
    status = 400 if form.is_bound and (form.errors or lines.errors) else 200
    return render(
        request,
        "money/budget_form.html",
        {"person": person, "form": form, "lines": lines, "budget": budget},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def budget_add(request: HttpRequest, person_id: int) -> HttpResponse:
    return _budget_page(request, get_person_for_user(request, person_id), None)


@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, person_id: int, budget_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    budget = get_object_or_404(Budget, pk=budget_id, person=person)
    return _budget_page(request, person, budget)


@require_http_methods(["GET", "POST"])
def assistance_request(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    case = _current_case(_cases(request, person))
    form = AssistanceRequestForm(request.POST or None)
    if case is None:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        assistance = form.save(commit=False)
        assistance.case = case
        assistance.requested_by = request.user
        assistance.save()
        record(request, "create", assistance, person_id=person.pk)
        messages.success(request, _("The request is waiting for a team lead's approval."))
        return redirect("money:money", person_id=person.pk)
    return _form_page(request, person, form, title=_("Request financial assistance"))


def _assistance(request, person, assistance_id: int) -> FinancialAssistance:
    return get_object_or_404(
        FinancialAssistance.objects.select_related("case__team__program", "requested_by"),
        pk=assistance_id,
        case__in=Case.objects.visible_to(request.user).filter(person=person),
    )


@require_http_methods(["GET", "POST"])
def assistance_decide(request: HttpRequest, person_id: int, assistance_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    assistance = _assistance(request, person, assistance_id)
    if not may_decide(request.user, assistance):
        return render(
            request,
            "403.html",
            {
                "message": _(
                    "Only a team lead or the program's manager decides, never the requester."
                )
            },
            status=403,
        )
    form = DecisionForm(request.POST or None, initial={"version": assistance.version})
    if request.method == "POST" and form.is_valid():
        try:
            decide(
                assistance,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                on=timezone.localdate(),
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            record(
                request,
                "change",
                assistance,
                person_id=person.pk,
                detail={"status": assistance.status},
            )
            messages.success(request, _("Decision saved."))
            if request.POST.get("next") == "waiting":
                return redirect("money:waiting")
            return redirect("money:money", person_id=person.pk)
    return _form_page(
        request,
        person,
        form,
        title=_("Decide on a request for assistance"),
        assistance=assistance,
        currency=person.organisation.currency,
    )


@require_http_methods(["GET", "POST"])
def assistance_pay(request: HttpRequest, person_id: int, assistance_id: int) -> HttpResponse:
    """Record the payment and keep its receipt with the person's documents. The file is
    stored first (outside the transaction); if the payment is refused it is discarded."""
    person = get_person_for_user(request, person_id)
    assistance = _assistance(request, person, assistance_id)
    form = PaymentForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": assistance.version, "paid_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        receipt = None
        try:
            if form.cleaned_data["receipt"]:
                receipt = store_upload(
                    form.cleaned_data["receipt"],
                    person=person,
                    case=assistance.case,
                    kind=DocumentKind.RECEIPT,
                    title=_("Receipt: %(purpose)s") % {"purpose": assistance.get_purpose_display()},
                    by=request.user,
                )
            mark_paid(
                assistance,
                by=request.user,
                on=form.cleaned_data["paid_on"],
                receipt=receipt,
                expected_version=form.cleaned_data["version"],
            )
        except (StaleEdit, ValidationError) as exc:
            if receipt is not None:
                discard(receipt)
            if isinstance(exc, StaleEdit):
                form.add_error(None, STALE_MESSAGE)
            elif receipt is None and form.cleaned_data["receipt"]:
                form.add_error("receipt", exc)
            else:
                form.add_error(None, exc)
        else:
            if receipt is not None:
                record(request, "create", receipt, person_id=person.pk)
            record(request, "change", assistance, person_id=person.pk, detail={"status": "paid"})
            messages.success(request, _("The payment is recorded."))
            return redirect("money:money", person_id=person.pk)
    return _form_page(
        request,
        person,
        form,
        title=_("Record the payment"),
        assistance=assistance,
        currency=person.organisation.currency,
        multipart=True,
    )


def waiting(request: HttpRequest) -> HttpResponse:
    """Requests waiting for the user's approval: their teams as team lead, their programs as
    manager. A constant number of queries whatever the number of requests."""
    cases = Case.objects.visible_to(request.user, roles=[Role.TEAM_LEAD, Role.PROGRAM_MANAGER])
    requests = list(FinancialAssistance.objects.for_approval_page().filter(case__in=cases))
    if requests:
        record(
            request,
            "list",
            object_type="money.FinancialAssistance",
            person_ids=[a.case.person_id for a in requests],
        )
    return render(request, "money/waiting.html", {"requests": requests})
