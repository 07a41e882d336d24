"""Sending a referral and following it up (R14, R30), with the consent rule (R35) and the
barrier a refusal leaves for advocacy (R37).

A follow-up date is a reminder for the worker: nothing closes or penalises anything when it
passes (R18). A refusal costs the person nothing; it is counted as a barrier met by the system.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.concurrency import lock_current
from referrals.barriers import record_barrier
from referrals.consent import ConsentRequired, consent_for_referral
from referrals.models import BarrierCategory, Referral, ReferralStatus, SharedCategory
from visits.models import Appointment, AppointmentStatus, ContactKind, Place


class ReferralRefused(Exception):
    """A referral change that breaks a rule; ``message`` is translated for the worker."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# Recording that the receiver refused or never answered passes nothing on about the person:
# these updates are allowed after the sharing stopped. Every other update keeps the exchange
# with the receiver going and needs a consent in force.
STATUSES_WITHOUT_SHARING = (ReferralStatus.REFUSED, ReferralStatus.NO_ANSWER)


@dataclass
class Accompaniment:
    """An accompaniment to plan on the worker's agenda with the referral."""

    starts_at: datetime
    minutes: int = 60


def _check_target(case, *, resource, partner) -> None:
    if (resource is None) == (partner is None):
        raise ReferralRefused(_("Choose one service or one partner."))
    target = resource or partner
    if target.organisation_id != case.program.organisation_id:
        raise ReferralRefused(_("Choose a service or partner of your organisation's directory."))


def _check_shares(shares: list[str]) -> list[str]:
    unknown = set(shares) - set(SharedCategory.values)
    if unknown:
        raise ReferralRefused(_("Unknown kind of information."), field="shares")
    # Keep the order of the choices, without repeats.
    return [value for value in SharedCategory.values if value in shares]


def _plan_accompaniment(referral: Referral, accompaniment: Accompaniment, *, by):
    target = referral.target
    appointment = Appointment.objects.create(
        case=referral.case,
        starts_at=accompaniment.starts_at,
        minutes=accompaniment.minutes,
        kind=ContactKind.ACCOMPANIMENT,
        place=Place.COMMUNITY,
        where=(getattr(target, "address", "") or "")[:300],
        accompany_to=target.name[:200],
        note=referral.purpose[:300],
        created_by=by,
    )
    appointment.staff.add(by)
    return appointment


def send_referral(
    *,
    case,
    by,
    purpose: str,
    resource=None,
    partner=None,
    shares: list[str] = (),
    shared_note: str = "",
    sent_on: date,
    follow_up_on: date | None = None,
    accompaniment: Accompaniment | None = None,
    contact=None,
) -> Referral:
    """Record a referral sent for the person of ``case``. Sharing any personal information
    needs the person's valid consent for that receiver, or nothing is saved (ConsentRequired)."""
    _check_target(case, resource=resource, partner=partner)
    shares = _check_shares(list(shares))
    if contact is not None and contact.case_id != case.pk:
        raise ReferralRefused(_("Choose a visit of this case."), field="contact")
    consent = None
    if shares:
        consent = consent_for_referral(case.person, resource=resource, partner=partner, on=sent_on)
    # The referral and its accompaniment on the agenda are saved together or not at all.
    with transaction.atomic():
        referral = Referral(
            case=case,
            resource=resource,
            partner=partner,
            purpose=purpose,
            shares=shares,
            shared_note=shared_note,
            sent_on=sent_on,
            follow_up_on=follow_up_on,
            consent=consent,
            contact=contact,
            sent_by=by,
        )
        referral.save()
        if accompaniment is not None:
            referral.appointment = _plan_accompaniment(referral, accompaniment, by=by)
            referral.save(update_fields=["appointment"])
    return referral


# An accompaniment goes with a referral still under way: not one the receiver refused or never
# answered, nor one already completed.
ACCOMPANIED_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


def why_not_accompany(referral: Referral) -> str | None:
    """Why no accompaniment can be added to the referral now, or None when one can."""
    if referral.status not in ACCOMPANIED_STATUSES:
        return _("Only a referral that is sent or accepted can be accompanied.")
    appointment = referral.appointment
    if appointment is not None and appointment.status != AppointmentStatus.CANCELLED:
        return _("An accompaniment is already planned for this referral.")
    return None


def accompany(referral: Referral, accompaniment: Accompaniment, *, by, expected_version: int):
    """Plan an accompaniment for a referral already sent (the worker goes with the person to
    the service): an appointment on ``by``'s agenda, linked to the referral. Refused when one
    is planned already (a cancelled one may be replaced) or the referral is over."""
    with transaction.atomic():
        locked = lock_current(
            referral, expected_version, related=("case", "resource", "partner", "appointment")
        )
        refusal = why_not_accompany(locked)
        if refusal:
            raise ReferralRefused(refusal, field="accompany_at")
        locked.appointment = _plan_accompaniment(locked, accompaniment, by=by)
        locked.version += 1
        locked.save(update_fields=["appointment", "version"])
    referral.refresh_from_db()
    return referral.appointment


def _area_of(referral: Referral) -> str:
    """Where a refusal happened, for the report: the service's area, or the area of the
    service a partner is linked to in the directory."""
    if referral.resource_id:
        return referral.resource.area
    if referral.partner_id and referral.partner.resource_id:
        return referral.partner.resource.area
    return ""


def sharing_stopped_message(referral: Referral, *, on: date) -> str:
    stopped = referral.sharing_stopped_on(on=on)
    return _(
        "Sharing with %(receiver)s stopped on %(date)s: the person's consent was withdrawn or "
        "has expired. Record a new consent before this referral goes on."
    ) % {
        "receiver": referral.target_name,
        "date": date_format(stopped, "SHORT_DATE_FORMAT") if stopped else "",
    }


def update_referral(
    referral: Referral,
    *,
    by,
    on: date,
    expected_version: int,
    status: str,
    refusal_reason: str = "",
    follow_up_on: date | None = None,
    outcome_note: str = "",
    contact=None,
) -> Referral:
    """Record the answer or the outcome of a referral. A refusal needs its reason and records
    a barrier (R37) in the same transaction. While the referral shares personal information,
    an update that keeps it going needs a consent in force: the sharing stops the day the
    consent is withdrawn or expires, until a new consent is recorded."""
    if status not in ReferralStatus.values:
        raise ReferralRefused(_("Unknown status."), field="status")
    refusal_reason = refusal_reason.strip()
    if status == ReferralStatus.REFUSED and not refusal_reason:
        raise ReferralRefused(_("Say why the referral was refused."), field="refusal_reason")
    if contact is not None and contact.case_id != referral.case_id:
        raise ReferralRefused(_("Choose a visit of this case."), field="contact")
    # The status change, the consent it relies on and the barrier of a refusal are one change.
    with transaction.atomic():
        locked = lock_current(
            referral,
            expected_version,
            related=("case__person", "case__program", "resource", "partner__resource", "consent"),
        )
        if locked.shares_personal_data and status not in STATUSES_WITHOUT_SHARING:
            try:
                locked.consent = consent_for_referral(
                    locked.case.person, resource=locked.resource, partner=locked.partner, on=on
                )
            except ConsentRequired as exc:
                raise ConsentRequired(sharing_stopped_message(locked, on=on)) from exc
        newly_refused = status == ReferralStatus.REFUSED and locked.status != ReferralStatus.REFUSED
        locked.status = status
        locked.refusal_reason = refusal_reason if status == ReferralStatus.REFUSED else ""
        locked.follow_up_on = follow_up_on
        locked.outcome_note = outcome_note
        if contact is not None:
            locked.contact = contact
        locked.version += 1
        locked.save()
        if newly_refused:
            record_barrier(
                case=locked.case,
                category=BarrierCategory.REFERRAL_REFUSED,
                on=on,
                description=refusal_reason,
                by=by,
                area=_area_of(locked),
                source_referral=locked,
            )
    referral.refresh_from_db()
    return referral
