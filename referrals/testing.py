"""Test helpers of the referrals app: factories and the ids for the access walk."""

from datetime import date

from django.utils import timezone

from directory.models import Partner, Resource
from hearth.signatures import AgreementWay
from referrals.barriers import record_barrier
from referrals.models import Barrier, BarrierCategory, Consent, ConsentPurpose, Referral

# URL arguments naming a person's record: out of reach they must answer 403 or 404.
PERSONAL_ARGUMENTS = {"referral_id", "consent_id"}
# API routes whose detail is a person's record.
PERSONAL_API_BASENAMES = {"referral", "consent", "barrier"}


def make_resource(organisation, *, name: str = "CAPS AD", area: str = "Centro", **fields):
    fields.setdefault("kind", "public_service")
    return Resource.objects.create(organisation=organisation, name=name, area=area, **fields)


def make_partner(organisation, *, name: str = "CRAS Sé", resource=None, **fields):
    fields.setdefault("kind", "social_assistance")
    return Partner.objects.create(organisation=organisation, name=name, resource=resource, **fields)


def make_consent(
    person,
    *,
    by,
    purpose: str = ConsentPurpose.REFERRAL,
    partner=None,
    resource=None,
    given_on: date | None = None,
    given_how: str = AgreementWay.SIGNED_PAPER,
    **fields,
) -> Consent:
    return Consent.objects.create(
        person=person,
        recorded_by=by,
        purpose=purpose,
        partner=partner,
        resource=resource,
        given_on=given_on or timezone.localdate(),
        given_how=given_how,
        **fields,
    )


def make_referral(case, *, by, partner=None, resource=None, **fields) -> Referral:
    """A referral saved directly (no consent check): for tests of what happens next."""
    fields.setdefault("purpose", "Support")
    return Referral.objects.create(
        case=case, sent_by=by, partner=partner, resource=resource, **fields
    )


def make_barrier(case, *, by, category: str = BarrierCategory.UNMET_NEED, **fields) -> Barrier:
    fields.setdefault("on", timezone.localdate())
    fields.setdefault("description", "No dentist takes new patients")
    return record_barrier(case=case, category=category, by=by, **fields)


def walk_ids(case) -> dict:
    """Ids of this app's records about ``case``, for the access walk (hearth/tests)."""
    organisation = case.program.organisation
    partner = make_partner(organisation, name=f"Partner {case.pk}")
    consent = make_consent(case.person, by=case.opened_by, partner=partner)
    referral = make_referral(
        case, by=case.opened_by, partner=partner, consent=consent, shares=["contact"]
    )
    barrier = make_barrier(case, by=case.opened_by)
    return {
        "referral_id": referral.pk,
        "consent_id": consent.pk,
        "pk:referral": referral.pk,
        "pk:consent": consent.pk,
        "pk:barrier": barrier.pk,
    }
