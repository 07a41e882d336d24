"""Test helpers of the economics app, and its part of the access walk (hearth/tests)."""

from datetime import date
from decimal import Decimal

from economics.analysis import add_months
from economics.models import Answerer, CostKind, Period, ServiceUse, UnitCost

# URL arguments naming a person's record: out of reach they must answer 403 or 404. The pages
# of this app take only case_id (already personal) and program_id.
PERSONAL_ARGUMENTS: set[str] = set()
# API routes whose detail is a person's record.
PERSONAL_API_BASENAMES = {"service_use"}


def make_unit_cost(
    program,
    *,
    by,
    kind: str = CostKind.PROGRAM,
    amount: Decimal | int | str = 100,
    year: int = 2026,
    shares: tuple = (100, 0, 0),
    source: str = "Test figure",
    organisation_wide: bool = True,
    **fields,
) -> UnitCost:
    municipality, region, state = shares
    return UnitCost.objects.create(
        organisation=program.organisation,
        program=None if organisation_wide else program,
        kind=kind,
        amount=Decimal(amount),
        year=year,
        source=source,
        municipality_share=municipality,
        region_share=region,
        state_share=state,
        recorded_by=by,
        **fields,
    )


def make_before(case, *, by, months: int = 12, **counts) -> ServiceUse:
    """A before-enrolment record about the ``months`` before the case opened."""
    return ServiceUse.objects.create(
        case=case,
        period=Period.BEFORE,
        starts_on=add_months(case.opened_on, -months),
        ends_on=case.opened_on,
        answered_by=Answerer.PERSON,
        answered_on=case.opened_on,
        recorded_by=by,
        **counts,
    )


def make_since(case, *, by, starts_on: date, ends_on: date, **counts) -> ServiceUse:
    return ServiceUse.objects.create(
        case=case,
        period=Period.SINCE,
        starts_on=starts_on,
        ends_on=ends_on,
        answered_by=Answerer.WORKER,
        answered_on=ends_on,
        recorded_by=by,
        **counts,
    )


def walk_ids(case) -> dict:
    """Ids of this app's records about ``case``, for the access walk (hearth/tests)."""
    # The walk may ask twice about the same organisation or case: reuse what is there.
    cost = UnitCost.objects.filter(
        organisation_id=case.program.organisation_id, program=None, kind=CostKind.PROGRAM
    ).first() or make_unit_cost(case.program, by=case.opened_by)
    before = ServiceUse.objects.before().filter(case=case).first() or make_before(
        case, by=case.opened_by, shelter_nights=30
    )
    return {
        "pk:economics_unit_cost": cost.pk,
        "pk:service_use": before.pk,
        "pk:economics_analysis": case.program_id,
    }
