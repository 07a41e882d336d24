"""Income over time (R16, R20, R25): monthly income from granted sources active at the case's
opening against today, for many cases in one query (outcomes reuse it), and what happens when
a benefit application is decided."""

from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from money.models import MONEY, ZERO, ApplicationStatus, IncomeSource, _monthly_expression
from referrals.barriers import record_barrier


def _monthly_income_on(on) -> Subquery:
    return Subquery(
        IncomeSource.objects.filter(person=OuterRef("person_id"))
        .active_on(on)
        .order_by()
        .values("person")
        .annotate(total=Sum(_monthly_expression()))
        .values("total")[:1],
        output_field=DecimalField(**MONEY),
    )


def with_income(cases: QuerySet, *, today: date) -> QuerySet:
    """Annotate cases with ``income_at_opening`` and ``income_now`` (monthly amounts from
    granted sources active on the day the case opened, and today): one query for any number
    of cases."""
    output = DecimalField(**MONEY)
    return cases.annotate(
        income_at_opening=Coalesce(
            _monthly_income_on(OuterRef("opened_on")), ZERO, output_field=output
        ),
        income_now=Coalesce(_monthly_income_on(today), ZERO, output_field=output),
    )


def rounded(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


def record_refusal_barrier(source: IncomeSource, *, case, by) -> bool:
    """A refused benefit is a systemic barrier (R37): it goes to the referrals app's barrier
    record, for advocacy. Returns False when there is no case to record it on."""
    if case is None:
        return False
    label = source.name or source.get_kind_display()
    record_barrier(
        case=case,
        category="benefit_refused",
        on=source.decided_on or source.applied_on or timezone.localdate(),
        description=f"{label}: {source.refusal_reason}".strip(),
        by=by,
        area="",
    )
    return True


def became_refused(before: str | None, source: IncomeSource) -> bool:
    return source.status == ApplicationStatus.REFUSED and before != ApplicationStatus.REFUSED
