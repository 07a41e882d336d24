"""Reach of referrals and consents: the same as the case or person they belong to. Each
helper returns the record or 404, and records the read in the audit trail."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from cases.models import Case
from people.models import Person
from referrals.models import Barrier, Consent, Referral


def referrals_visible_to(user):
    return Referral.objects.filter(case__in=Case.objects.visible_to(user))


def consents_visible_to(user):
    return Consent.objects.filter(person__in=Person.objects.visible_to(user))


def barriers_visible_to(user):
    return Barrier.objects.filter(case__in=Case.objects.visible_to(user))


def get_referral_for_user(
    request: HttpRequest, referral_id: int, *, action: str = "view"
) -> Referral:
    referral = get_object_or_404(
        referrals_visible_to(request.user).select_related(
            "case__person",
            "case__program__organisation",
            "case__team",
            "resource",
            "partner",
            "consent",
            "appointment",
            "contact",
            "sent_by",
        ),
        pk=referral_id,
    )
    record(request, action, referral, person_id=referral.case.person_id)
    return referral


def get_consent_for_user(request: HttpRequest, consent_id: int, *, action: str = "view") -> Consent:
    consent = get_object_or_404(
        consents_visible_to(request.user).select_related(
            "person__organisation", "partner", "resource", "recorded_by", "withdrawn_by"
        ),
        pk=consent_id,
    )
    record(request, action, consent, person_id=consent.person_id)
    return consent
