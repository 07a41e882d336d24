"""Test helpers of the housing app: factories and the ids of the access walk."""

from datetime import date, timedelta
from decimal import Decimal

from housing.models import (
    CooperationAgreement,
    HousingProvider,
    HousingSearch,
    Offer,
    ProviderKind,
    SearchReason,
    Tenancy,
    TenancyEvent,
    Unit,
    UnitType,
)

# URL arguments naming a person's record: out of reach they must answer 403 or 404.
# (provider_id, agreement_id and unit_id name the organisation's supply, not a person's
# record: staff of the organisation reach them, everyone else gets a 404.)
PERSONAL_ARGUMENTS = {"search_id", "offer_id", "tenancy_id"}
# API routes whose detail is a person's record.
PERSONAL_API_BASENAMES = {"tenancy", "tenancy_event", "housing_search", "housing_offer"}


def make_provider(organisation, *, name: str = "City Housing", **fields) -> HousingProvider:
    fields.setdefault("kind", ProviderKind.MUNICIPAL)
    return HousingProvider.objects.create(organisation=organisation, name=name, **fields)


def make_unit(
    provider: HousingProvider,
    *,
    address: str = "12 Elm Street, apt 3",
    area: str = "Downtown",
    rooms: int = 1,
    rent: str = "950.00",
    **fields,
) -> Unit:
    fields.setdefault("unit_type", UnitType.SCATTERED)
    return Unit.objects.create(
        provider=provider, address=address, area=area, rooms=rooms, rent=Decimal(rent), **fields
    )


def make_search(case, *, by=None, opened_on: date | None = None, **fields) -> HousingSearch:
    """The case's open search (opening a case without a home opens one), with ``fields``."""
    fields.setdefault("reason", SearchReason.FIRST_HOME)
    search = case.housing_searches.filter(closed_on__isnull=True).first()
    if search is None:
        return HousingSearch.objects.create(
            case=case,
            opened_on=opened_on or case.opened_on,
            opened_by=by or case.opened_by,
            **fields,
        )
    for field, value in fields.items():
        setattr(search, field, value)
    if opened_on:
        search.opened_on = opened_on
    search.save()
    return search


def make_tenancy(
    person, *, by, started_on: date, ended_on: date | None = None, **fields
) -> Tenancy:
    return Tenancy.objects.create(
        person=person, started_on=started_on, ended_on=ended_on, recorded_by=by, **fields
    )


def walk_ids(case) -> dict:
    """Ids of this app's records about ``case``, for the access walk (hearth/tests)."""
    by = case.opened_by
    provider = make_provider(case.program.organisation)
    agreement = CooperationAgreement.objects.create(
        provider=provider, homes=5, starts_on=case.opened_on - timedelta(days=30)
    )
    unit = make_unit(provider)
    search = make_search(case)
    offer = Offer.objects.create(
        search=search, unit=unit, offered_on=case.opened_on, recorded_by=by
    )
    tenancy = make_tenancy(case.person, by=by, started_on=case.opened_on)
    event = TenancyEvent.objects.create(tenancy=tenancy, kind="repair", recorded_by=by)
    return {
        "provider_id": provider.pk,
        "agreement_id": agreement.pk,
        "unit_id": unit.pk,
        "search_id": search.pk,
        "offer_id": offer.pk,
        "tenancy_id": tenancy.pk,
        "pk:housing_provider": provider.pk,
        "pk:housing_unit": unit.pk,
        "pk:tenancy": tenancy.pk,
        "pk:tenancy_event": event.pk,
        "pk:housing_search": search.pk,
        "pk:housing_offer": offer.pk,
    }
