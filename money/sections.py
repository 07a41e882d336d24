"""The money section of the person page: monthly income now against at opening, the latest
budget's balance, and the program's assistance this year."""

from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from money.income import rounded
from money.models import (
    MONEY,
    ZERO,
    AssistanceStatus,
    Budget,
    FinancialAssistance,
    IncomeSource,
    _monthly_expression,
    active_on_q,
)

# The heading of the section on the person page (and of its entry in the page's menu).
TITLE = gettext_lazy("Money")


def person_section(request: HttpRequest, person, cases) -> dict:
    """Three queries, however many sources, budgets and requests. Part of the person page,
    whose opening is already in the audit trail."""
    today = timezone.localdate()
    current = next((c for c in cases if c.is_open), cases[0] if cases else None)
    opened_on = current.opened_on if current else today
    output = DecimalField(**MONEY)
    income = IncomeSource.objects.filter(person=person).aggregate(
        now=Coalesce(
            Sum(_monthly_expression(), filter=active_on_q(today)), ZERO, output_field=output
        ),
        at_opening=Coalesce(
            Sum(_monthly_expression(), filter=active_on_q(opened_on)), ZERO, output_field=output
        ),
    )
    budget = Budget.objects.filter(person=person).with_totals().order_by("-month", "-id").first()
    granted = Q(status__in=[AssistanceStatus.APPROVED, AssistanceStatus.PAID])
    assistance = FinancialAssistance.objects.filter(
        case__in=[c.pk for c in cases], requested_on__year=today.year
    ).aggregate(
        count=Count("id", filter=granted),
        total=Coalesce(Sum("amount", filter=granted), ZERO, output_field=output),
        waiting=Count("id", filter=Q(status=AssistanceStatus.REQUESTED)),
    )
    return {
        "person": person,
        "currency": person.organisation.currency,
        "income_now": rounded(income["now"]),
        "income_at_opening": rounded(income["at_opening"]),
        "budget": budget,
        "assistance_count": assistance["count"],
        "assistance_total": assistance["total"],
        "waiting": assistance["waiting"],
    }
