"""Who reaches what in the housing app. The supply is organisation-wide: staff of the
organisation read it, team leads, program managers and data administrators edit it; anyone
else gets a 404. Searches, offers and tenancies are a person's records: reach through the case
or the person, every read audited."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from cases.models import Case
from housing.models import HousingProvider, HousingSearch, Offer, Tenancy, Unit
from programs.models import Membership, Organisation
from programs.roles import Role
from programs.staff import organisations_staffed_by

SUPPLY_EDITORS = frozenset({Role.TEAM_LEAD, Role.PROGRAM_MANAGER, Role.DATA_ADMINISTRATOR})


def organisations_supplied_by(user) -> QuerySet:
    """Organisations whose housing supply the user may edit."""
    return Organisation.objects.filter(
        pk__in=Membership.objects.active()
        .filter(user=user, role__in=SUPPLY_EDITORS)
        .values("organisation_id")
    )


def may_edit_supply(user, organisation_id: int) -> bool:
    return organisations_supplied_by(user).filter(pk=organisation_id).exists()


def providers_visible_to(user) -> QuerySet:
    return HousingProvider.objects.filter(organisation__in=organisations_staffed_by(user))


def get_provider_for_user(user, provider_id: int) -> HousingProvider:
    return get_object_or_404(
        providers_visible_to(user).select_related("organisation"), pk=provider_id
    )


def get_unit_for_user(user, unit_id: int) -> Unit:
    return get_object_or_404(
        Unit.objects.visible_to(user).select_related("provider__organisation"), pk=unit_id
    )


def searches_visible_to(user) -> QuerySet:
    return HousingSearch.objects.filter(case__in=Case.objects.visible_to(user))


def get_search_for_user(request: HttpRequest, search_id: int) -> HousingSearch:
    search = get_object_or_404(
        searches_visible_to(request.user).select_related(
            "case__person", "case__program__organisation"
        ),
        pk=search_id,
    )
    record(request, "view", search, person_id=search.case.person_id)
    return search


def get_offer_for_user(request: HttpRequest, offer_id: int) -> Offer:
    offer = get_object_or_404(
        Offer.objects.filter(search__in=searches_visible_to(request.user)).select_related(
            "search__case__person", "search__case__program__organisation", "unit"
        ),
        pk=offer_id,
    )
    record(request, "view", offer, person_id=offer.search.case.person_id)
    return offer


def get_tenancy_for_person(person, tenancy_id: int) -> Tenancy:
    """The person was reached (and audited) by people.access.get_person_for_user."""
    try:
        return Tenancy.objects.select_related("unit", "provider").get(pk=tenancy_id, person=person)
    except Tenancy.DoesNotExist as exc:
        raise Http404 from exc
