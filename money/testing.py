"""Test helpers of the money app."""

from datetime import date
from decimal import Decimal

from money.models import (
    ApplicationStatus,
    Budget,
    BudgetLine,
    FinancialAssistance,
    Frequency,
    IncomeKind,
    IncomeSource,
    Purpose,
)

PERSONAL_ARGUMENTS = {"income_id", "budget_id", "assistance_id"}
PERSONAL_API_BASENAMES = {"income_source", "budget", "assistance"}


def make_income(
    person,
    *,
    by,
    kind: str = IncomeKind.SOCIAL_ASSISTANCE,
    amount: str | Decimal = "733.00",
    frequency: str = Frequency.MONTHLY,
    status: str = ApplicationStatus.GRANTED,
    started_on: date | None = None,
    ended_on: date | None = None,
    **fields,
) -> IncomeSource:
    return IncomeSource.objects.create(
        person=person,
        recorded_by=by,
        kind=kind,
        amount=Decimal(amount),
        frequency=frequency,
        status=status,
        started_on=started_on,
        ended_on=ended_on,
        **fields,
    )


def make_budget(person, *, by, month: date, lines=(("income", "1000"), ("rent", "600")), **f):
    budget = Budget.objects.create(person=person, month=month, created_by=by, **f)
    for category, amount in lines:
        BudgetLine.objects.create(budget=budget, category=category, amount=Decimal(amount))
    return budget


def make_assistance(
    case, *, by, amount: str = "150.00", purpose: str = Purpose.FURNITURE, **fields
) -> FinancialAssistance:
    return FinancialAssistance.objects.create(
        case=case, requested_by=by, amount=Decimal(amount), purpose=purpose, **fields
    )


def walk_ids(case) -> dict:
    income = make_income(case.person, by=case.opened_by)
    budget = make_budget(case.person, by=case.opened_by, month=case.opened_on, case=case)
    assistance = make_assistance(case, by=case.opened_by)
    return {
        "income_id": income.pk,
        "budget_id": budget.pk,
        "assistance_id": assistance.pk,
        "pk:income_source": income.pk,
        "pk:budget": budget.pk,
        "pk:assistance": assistance.pk,
    }
