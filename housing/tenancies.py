"""The end of a tenancy. Support is independent of the housing (R7): every case stays open and
rehousing starts; the housing loss is the person's own timeline, never the case's."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.lifecycle import record_living_situation
from hearth.concurrency import StaleEdit, lock_current
from hearth.validators import past_date
from housing.models import EndReason, LivingSituation, Tenancy, UnitStatus
from housing.situations import Situation, is_own_home


def end_tenancy(
    tenancy: Tenancy,
    *,
    on: date,
    reason: str,
    next_situation: int,
    by,
    note: str = "",
    expected_version: int | None = None,
) -> LivingSituation:
    """End the tenancy, record where the person goes next (a housing loss unless it is a home
    of their own), keep every case open and open a rehousing search on each (not after a
    death: there the next situation is "deceased")."""

    errors = {}
    if reason not in EndReason.values:
        errors["reason"] = _("Choose why the tenancy ended.")
    if reason == EndReason.DEATH:
        next_situation = Situation.DECEASED
    if next_situation not in Situation.values:
        errors["next_situation"] = _("Choose where the person is staying now.")
    try:
        past_date(on)
    except ValidationError as refused:
        errors["on"] = refused.messages
    else:
        if on < tenancy.started_on:
            errors["on"] = _("The tenancy cannot end before it started.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():  # the end, the new situation and the rehousing together
        current = lock_current(tenancy, None)
        if current.ended_on is not None:
            raise ValidationError(_("This tenancy has already ended."))
        if expected_version is not None and current.version != expected_version:
            raise StaleEdit
        tenancy.ended_on = on
        tenancy.end_reason = reason
        tenancy.end_note = note
        tenancy.version = current.version + 1
        tenancy.save()
        if tenancy.unit_id:
            tenancy.unit.status = UnitStatus.AVAILABLE
            tenancy.unit.version += 1
            tenancy.unit.save()
        lost = reason != EndReason.DEATH and not is_own_home(next_situation)
        # record_living_situation opens the rehousing searches of a housing loss.
        return record_living_situation(
            tenancy.person, code=next_situation, on=on, by=by, note=note, lost_home=lost
        )
