"""The housing search of a case: opening it, offers and their answers, and its end at move-in.

Refusing costs the person nothing (R34): a refusal by the person changes nothing about their
case, their search or any priority (there is none), and no count of refusals is kept or used.
A refusal by the landlord is a systemic barrier, recorded for advocacy (R37)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from cases.models import Case
from hearth.concurrency import lock_current
from housing.models import (
    Answer,
    HousingSearch,
    Offer,
    SearchReason,
    Tenancy,
    Unit,
    UnitStatus,
)

# Sent inside answer_offer's transaction when a landlord refuses the person (keyword arguments
# offer, on, by): a systemic barrier, which the referrals app records for advocacy (R37). A
# signal because the apps built on housing plug into it, not the other way round.
landlord_refused = Signal()


def open_search(case, *, on: date, by, reason: str = SearchReason.FIRST_HOME, **preferences):
    """A search for the case, unless one is already open (then that one is returned)."""
    with transaction.atomic():  # one open search per case, even when two open it at once
        lock_current(case, None)
        current = case.housing_searches.filter(closed_on__isnull=True).first()
        if current is not None:
            return current
        return HousingSearch.objects.create(
            case=case, opened_on=on, reason=reason, opened_by=by, **preferences
        )


def open_rehousing_searches(person, *, on: date, by) -> list[HousingSearch]:
    """After a home is lost, rehousing starts on every open case of the person (R7)."""
    return [
        open_search(case, on=on, by=by, reason=SearchReason.REHOUSING)
        for case in Case.objects.filter(person=person).open()
    ]


def make_offer(
    search: HousingSearch, *, on: date, by, unit: Unit | None = None, address: str = ""
) -> Offer:
    if unit is None and not address.strip():
        raise ValidationError({"unit": _("Choose a unit from the supply or write the address.")})
    if not search.is_open:
        raise ValidationError(_("This search has ended."))
    with transaction.atomic():  # the offer and the unit's status together
        if unit is not None:
            unit = lock_current(unit, None)
            if unit.provider.organisation_id != search.case.program.organisation_id:
                raise ValidationError({"unit": _("This unit is not in your organisation.")})
            if unit.status == UnitStatus.OCCUPIED:
                raise ValidationError({"unit": _("This unit is occupied.")})
            unit.status = UnitStatus.OFFERED
            unit.version += 1
            unit.save()
        return Offer.objects.create(
            search=search, unit=unit, address=address, offered_on=on, recorded_by=by
        )


def answer_offer(
    offer: Offer,
    *,
    answer: str,
    on: date | None,
    reason: str,
    by,
    expected_version: int | None = None,
) -> Offer:
    """Record the answer. Nothing else about the person's case or search changes."""
    errors = {}
    if answer != Answer.WAITING and on is None:
        errors["answered_on"] = _("Say when the answer was given.")
    if on is not None and on < offer.offered_on:
        errors["answered_on"] = _("The answer cannot come before the offer.")
    if answer in (Answer.REFUSED_BY_PERSON, Answer.REFUSED_BY_LANDLORD) and not reason.strip():
        errors["reason"] = _(
            "Write down the reason, in the person's words if they refused (or that they did "
            "not say)."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():  # the answer, the unit's status and the barrier together
        current = lock_current(offer, expected_version)
        was = current.answer
        offer.answer = answer
        offer.answered_on = on if answer != Answer.WAITING else None
        offer.reason = reason.strip()
        offer.version = current.version + 1
        offer.save()
        if offer.unit_id:
            unit = lock_current(offer.unit, None)
            if unit.status != UnitStatus.OCCUPIED:
                unit.status = (
                    UnitStatus.AVAILABLE
                    if answer in (Answer.REFUSED_BY_PERSON, Answer.REFUSED_BY_LANDLORD)
                    else UnitStatus.OFFERED
                )
                unit.version += 1
                unit.save()
        if answer == Answer.REFUSED_BY_LANDLORD and was != Answer.REFUSED_BY_LANDLORD:
            landlord_refused.send(sender=Offer, offer=offer, on=on, by=by)
    return offer


def close_searches_on_move_in(case, *, tenancy: Tenancy, on: date) -> None:
    """Called inside cases.lifecycle.move_in's transaction: the open search ends with the
    move-in, and an accepted offer's unit becomes the tenancy's home (occupied)."""
    for search in case.housing_searches.select_for_update().filter(closed_on__isnull=True):
        accepted = (
            search.offers.filter(answer=Answer.ACCEPTED, unit__isnull=False)
            .select_related("unit__provider")
            .order_by("-answered_on", "-id")
            .first()
        )
        if accepted is not None and tenancy.unit_id is None:
            unit = accepted.unit
            tenancy.unit = unit
            tenancy.provider = unit.provider
            tenancy.address = unit.address
            tenancy.rent = unit.rent
            tenancy.save()
            unit.status = UnitStatus.OCCUPIED
            unit.version += 1
            unit.save()
        search.closed_on = on
        search.tenancy = tenancy if search.tenancy_id is None else search.tenancy
        search.version += 1
        search.save()
