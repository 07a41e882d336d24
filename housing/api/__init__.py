"""API endpoints of the housing app, registered on /api/v1/ by hearth/urls.py.

The supply (providers, units) is read by the organisation's staff and written by its team
leads, program managers and data administrators. Tenancies, tenancy events, housing searches
and offers are a person's records: the same reach as the pages, every read audited, updates
carry the version read (409 when stale). No field can carry a sobriety or treatment condition,
and a payload that tries is refused with the R34 message."""

from housing.api.person import (
    HousingSearchViewSet,
    OfferViewSet,
    TenancyEventViewSet,
    TenancyViewSet,
)
from housing.api.supply import HousingProviderViewSet, UnitViewSet


def register(router) -> None:
    """Register this app's viewsets on the API router."""
    router.register("housing-providers", HousingProviderViewSet, basename="housing_provider")
    router.register("housing-units", UnitViewSet, basename="housing_unit")
    router.register("tenancies", TenancyViewSet, basename="tenancy")
    router.register("tenancy-events", TenancyEventViewSet, basename="tenancy_event")
    router.register("housing-searches", HousingSearchViewSet, basename="housing_search")
    router.register("housing-offers", OfferViewSet, basename="housing_offer")
