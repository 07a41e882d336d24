"""Test helpers of the directory app."""

from directory import survey
from directory.models import (
    CollaborationAgreement,
    Partner,
    PartnerContact,
    PartnerKind,
    Resource,
    ResourceKind,
)

# A suggestion made from a case is a person's record: its author and the organisation's data
# administrators reach it, and only while they reach the case.
PERSONAL_ARGUMENTS = {"suggestion_id"}
PERSONAL_API_BASENAMES = {"directory_suggestion"}
# Organisation records: staff of another organisation get 404 (see directory/tests.py).
ORGANISATION_ARGUMENTS = {"resource_id", "partner_id", "partner_contact_id", "agreement_id"}
ORGANISATION_API_BASENAMES = {
    "directory_resource",
    "directory_partner",
    "directory_contact",
    "directory_agreement",
}


def make_resource(
    organisation,
    *,
    name: str = "Food bank",
    kind: str = ResourceKind.VOLUNTARY_INITIATIVE,
    **fields,
) -> Resource:
    return Resource.objects.create(organisation=organisation, name=name, kind=kind, **fields)


def make_partner(
    organisation, *, name: str = "Community health centre", kind=PartnerKind.HEALTH, **fields
) -> Partner:
    return Partner.objects.create(organisation=organisation, name=name, kind=kind, **fields)


def walk_ids(case) -> dict:
    """Ids of this app's records in the case's organisation, for the access walk."""
    organisation = case.program.organisation
    resource = make_resource(organisation, name="Walk resource")
    partner = make_partner(organisation, name="Walk partner", resource=resource)
    contact = PartnerContact.objects.create(partner=partner, name="Walk contact")
    agreement = CollaborationAgreement.objects.create(
        partner=partner, title="Walk agreement", starts_on=case.opened_on
    )
    suggestion = survey.suggest(
        organisation=organisation,
        resource=resource,
        changes={"phone": "555-0100"},
        note="",
        by=case.opened_by,
        case=case,
    )
    return {
        "resource_id": resource.pk,
        "partner_id": partner.pk,
        "partner_contact_id": contact.pk,
        "agreement_id": agreement.pk,
        "suggestion_id": suggestion.pk,
        "pk:directory_resource": resource.pk,
        "pk:directory_partner": partner.pk,
        "pk:directory_contact": contact.pk,
        "pk:directory_agreement": agreement.pk,
        "pk:directory_suggestion": suggestion.pk,
    }
