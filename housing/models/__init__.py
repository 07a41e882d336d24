"""The person's housing timeline (living situations, tenancies and their events), the
organisation's housing supply, and the housing search of a case."""

from housing.models.home import (
    AT_RISK_KINDS,
    EndReason,
    LeaseKind,
    LivingSituation,
    LivingSituationQuerySet,
    Obligation,
    Tenancy,
    TenancyEvent,
    TenancyEventKind,
    TenancyEventQuerySet,
    TenancyQuerySet,
    days_housed_from,
)
from housing.models.search import REFUSALS, Answer, HousingSearch, Offer, SearchReason
from housing.models.supply import (
    Accessibility,
    CooperationAgreement,
    HousingProvider,
    ProviderKind,
    Unit,
    UnitQuerySet,
    UnitStatus,
    UnitType,
)

__all__ = [
    "AT_RISK_KINDS",
    "REFUSALS",
    "Accessibility",
    "Answer",
    "CooperationAgreement",
    "EndReason",
    "HousingProvider",
    "HousingSearch",
    "LeaseKind",
    "LivingSituation",
    "LivingSituationQuerySet",
    "Obligation",
    "Offer",
    "ProviderKind",
    "SearchReason",
    "Tenancy",
    "TenancyEvent",
    "TenancyEventKind",
    "TenancyEventQuerySet",
    "TenancyQuerySet",
    "Unit",
    "UnitQuerySet",
    "UnitStatus",
    "UnitType",
    "days_housed_from",
]
