"""The person's consent to share (R35): which consent covers a sharing, and withdrawing one.

The receiving organisation of a referral:
- a referral to a **partner** goes to that partner;
- a referral to a **resource** goes to the partner the directory links to that resource (the
  first active one, ``directory.Partner.resource``); a resource with no partner of its own is the
  receiver itself, and the person's consent then names the resource.

Consent is per purpose: a consent for statistics or for general sharing with a partner does not
cover a referral, and a consent for one receiver never covers another.
"""

from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.concurrency import StaleEdit
from referrals.models import Consent, ConsentPurpose


class ConsentRequired(Exception):
    """A consent rule refused the change: sharing personal data without a valid consent for
    that purpose and receiver, or an impossible withdrawal. ``message`` is translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def receiver_of(*, resource=None, partner=None) -> tuple:
    """``(partner, resource)`` naming who receives a referral: exactly one is set."""
    if partner is not None:
        return partner, None
    if resource is None:
        raise ValueError("A referral goes to a resource or a partner.")
    from directory.models import Partner

    linked = Partner.objects.filter(resource=resource, active=True).order_by("id").first()
    if linked is not None:
        return linked, None
    return None, resource


def valid_consent(person, *, purpose: str, partner=None, on: date, resource=None) -> Consent | None:
    """The consent in force on ``on`` that covers sharing ``person``'s information for
    ``purpose`` with ``partner`` (or, for a resource without a partner, ``resource``);
    ``None`` when there is none. A statistics consent names no receiver."""
    consents = Consent.objects.filter(person=person, purpose=purpose).in_force(on=on)
    if purpose == ConsentPurpose.STATISTICS:
        consents = consents.filter(partner__isnull=True, resource__isnull=True)
    elif partner is not None:
        consents = consents.filter(partner=partner)
    elif resource is not None:
        consents = consents.filter(resource=resource, partner__isnull=True)
    else:
        return None
    return consents.select_related("partner", "resource").order_by("-given_on", "-id").first()


def may_share(person, *, purpose: str, partner=None, on: date, resource=None) -> bool:
    return (
        valid_consent(person, purpose=purpose, partner=partner, on=on, resource=resource)
        is not None
    )


def consent_for_referral(person, *, resource=None, partner=None, on: date) -> Consent:
    """The consent a referral that shares personal data relies on, or ConsentRequired with a
    message naming the receiver."""
    to_partner, to_resource = receiver_of(resource=resource, partner=partner)
    consent = valid_consent(
        person, purpose=ConsentPurpose.REFERRAL, partner=to_partner, resource=to_resource, on=on
    )
    if consent is None:
        receiver = to_partner or to_resource
        raise ConsentRequired(
            _(
                "%(person)s has not given a valid consent to share personal information with "
                "%(receiver)s for a referral. Record their consent first, or share nothing "
                "personal."
            )
            % {"person": person.display_name, "receiver": receiver.name}
        )
    return consent


def withdraw_consent(
    consent: Consent, *, by, on: date, note: str = "", expected_version: int
) -> Consent:
    """Withdraw a consent: sharing under it stops from ``on`` (today, normally) and every
    referral relying on it shows that the sharing stopped. The row stays, with who recorded
    the withdrawal."""
    # Lock the row: two workers recording a withdrawal must not both succeed on one version.
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.version != expected_version:
            raise StaleEdit
        if locked.withdrawn_on is not None:
            raise ConsentRequired(
                _("This consent was already withdrawn on %(date)s.")
                % {"date": date_format(locked.withdrawn_on, "SHORT_DATE_FORMAT")}
            )
        if on < locked.given_on:
            raise ConsentRequired(_("A consent cannot be withdrawn before it was given."))
        locked.withdrawn_on = on
        locked.withdrawn_by = by
        locked.withdrawal_note = note
        locked.version += 1
        locked.save()
    consent.refresh_from_db()
    return consent


def record_consent(*, person, by, **fields) -> Consent:
    """Record a consent given by the person. Open referrals whose sharing had stopped, to the
    same receiver and for the same purpose, rely on the new consent from now on."""
    from referrals.models import Referral

    # The consent and the referrals that now rely on it change together.
    with transaction.atomic():
        consent = Consent(person=person, recorded_by=by, **fields)
        consent.full_clean()
        consent.save()
        if consent.purpose != ConsentPurpose.REFERRAL:
            return consent
        today = consent.given_on
        for referral in (
            Referral.objects.open()
            .filter(case__person=person)
            .select_related("consent", "resource", "partner")
        ):
            if not referral.shares_personal_data:
                continue
            if referral.consent is not None and referral.consent.is_in_force(on=today):
                continue
            if receiver_of(resource=referral.resource, partner=referral.partner) == (
                consent.partner,
                consent.resource,
            ):
                referral.consent = consent
                referral.save(update_fields=["consent"])
    return consent
