"""The person's consent to share (R35): which consent covers a sharing, and withdrawing one.

The receiving organisation of a referral:
- a referral to a **partner** goes to that partner;
- a referral to a **resource** goes to the partner the directory links to that resource (the
  first active one, ``directory.Partner.resource``); a resource with no partner of its own is the
  receiver itself, and the person's consent then names the resource.

Consent is per purpose: a consent for statistics or for general sharing with a partner does not
cover a referral, and a consent for one receiver never covers another.

How it was given: signed on the worker's phone — a fact that follows from the drawn signature,
with its signed copy kept as the person's document (``documents.signed``) — or, as the worker
chooses, on paper or aloud before a witness (issue 12 §8).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from directory.models import Partner
from documents.signed import SignedText, keep_signed_copy
from hearth.concurrency import lock_current
from hearth.signatures import given_way
from referrals.models import Consent, ConsentPurpose, Referral


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
        locked = lock_current(consent, expected_version)
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


def consent_text(consent: Consent) -> SignedText:
    """What the person signs, in the active language: the purpose, who receives the
    information, what is shared, since when and until when."""
    if consent.purpose == ConsentPurpose.STATISTICS:
        receiver = _("Nobody by name: for statistics and research only")
    else:
        receiver = consent.receiver_name
    return SignedText(
        title=_("Consent to share information"),
        facts=[
            (_("Person"), consent.person.display_name),
            (_("Purpose"), str(consent.get_purpose_display())),
            (_("Receiving organisation"), receiver),
            (_("What is shared"), consent.scope_note or "—"),
            (_("Given on"), date_format(consent.given_on, "DATE_FORMAT")),
            (
                _("Expires on"),
                date_format(consent.expires_on, "DATE_FORMAT")
                if consent.expires_on
                else _("No end date: until the person withdraws it"),
            ),
        ],
        statement=_(
            "I agree that my information is shared as written above. I can withdraw this "
            "consent at any time; the sharing then stops the same day."
        ),
    )


def record_consent(
    *, person, by, signature: str = "", signed_at: datetime | None = None, **fields
) -> Consent:
    """Record a consent given by the person. Signed on the worker's phone (``signature``, a
    PNG data URL) it is "signed on the screen" and its signed copy is kept as the person's
    document in the same transaction; without a signature the way it was given is the
    worker's choice, never "signed on the screen". ValidationError (keyed by field) when
    refused, with nothing kept. Open referrals whose sharing had stopped, to the same receiver
    and for the same purpose, rely on the new consent from now on. Call it outside a
    transaction."""
    fields["given_how"] = given_way(
        way=fields.get("given_how", ""), signature=signature, witness=fields.get("witness", "")
    )
    signed_at = signed_at or timezone.now()
    given_on = fields.get("given_on") or timezone.localdate()
    if signature and given_on != timezone.localdate(signed_at):
        raise ValidationError({"given_on": _("A signature on the screen is given today.")})
    consent = Consent(person=person, recorded_by=by, signature=signature, **fields)

    def save(copy=None) -> Consent:
        consent.signed_copy = copy
        consent.full_clean()
        consent.save()
        _rely_on(consent)
        return consent

    if not signature:
        # The consent and the referrals that now rely on it change together.
        with transaction.atomic():
            return save()
    consent.full_clean(exclude=["signed_copy"])
    return keep_signed_copy(
        person,
        text=lambda: consent_text(consent),
        signed_at=signed_at,
        by=by,
        signature=signature,
        then=save,
    )


def _rely_on(consent: Consent) -> None:
    """Open referrals whose sharing had stopped, to the consent's receiver and for its purpose,
    rely on it from now on."""

    if consent.purpose != ConsentPurpose.REFERRAL:
        return
    today = consent.given_on
    for referral in (
        Referral.objects.open()
        .filter(case__person=consent.person)
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
