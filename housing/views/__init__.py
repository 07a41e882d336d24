"""Housing pages: the organisation's supply (R24), the housing search of a case with its offers
(R8, R34), and the person's tenancies with their events and their end (R7, R19)."""

from housing.views.search import offer_add, offer_answer, search_edit, search_open
from housing.views.supply import (
    agreement_edit,
    provider_add,
    provider_detail,
    provider_edit,
    supply,
    unit_add,
    unit_edit,
)
from housing.views.tenancies import (
    tenancy_edit,
    tenancy_end,
    tenancy_event_add,
    tenancy_event_edit,
)

__all__ = [
    "agreement_edit",
    "offer_add",
    "offer_answer",
    "provider_add",
    "provider_detail",
    "provider_edit",
    "search_edit",
    "search_open",
    "supply",
    "tenancy_edit",
    "tenancy_end",
    "tenancy_event_add",
    "tenancy_event_edit",
    "unit_add",
    "unit_edit",
]
