"""The program's financial assistance (R16): who may decide, and the steps requested →
approved or refused → paid, each checked against the version the user saw, under a row lock."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.concurrency import lock_current
from money.models import AssistanceStatus, FinancialAssistance
from programs.access import is_team_lead_of


def may_decide(user, assistance: FinancialAssistance) -> bool:
    """A team lead of the case's team or the program's manager — never the requester."""
    if user.pk == assistance.requested_by_id:
        return False
    return is_team_lead_of(user, assistance.case.team)


def _save(locked: FinancialAssistance, assistance: FinancialAssistance) -> None:
    locked.version += 1
    locked.save()
    for field in locked._meta.concrete_fields:
        setattr(assistance, field.attname, getattr(locked, field.attname))


def decide(
    assistance: FinancialAssistance,
    *,
    by,
    approve: bool,
    on: date,
    reason: str = "",
    expected_version: int,
) -> None:
    """Approve or refuse a request. Raises PermissionDenied (not theirs to decide), StaleEdit
    (changed since it was read) or ValidationError (already decided, no reason)."""
    if not may_decide(by, assistance):
        raise PermissionDenied(
            _(
                "Only a team lead of the case's team or the program's manager can decide, "
                "and never on their own request."
            )
        )
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the request is refused.")})
    # Two leads may decide at once: the row lock and the version make one of them win.
    with transaction.atomic():
        locked = lock_current(assistance, expected_version)
        if locked.status != AssistanceStatus.REQUESTED:
            raise ValidationError(_("This request has already been decided."))
        locked.status = AssistanceStatus.APPROVED if approve else AssistanceStatus.REFUSED
        locked.decided_by = by
        locked.decided_on = on
        locked.refusal_reason = "" if approve else reason.strip()
        _save(locked, assistance)


def mark_paid(
    assistance: FinancialAssistance, *, by, on: date, receipt=None, expected_version: int
) -> None:
    """Record the payment of an approved request, with its receipt (a stored document)."""
    if receipt is not None and receipt.person_id != assistance.case.person_id:
        raise ValidationError({"receipt": _("The receipt is not this person's.")})
    with transaction.atomic():
        locked = lock_current(assistance, expected_version)
        if locked.status != AssistanceStatus.APPROVED:
            raise ValidationError(_("Only an approved request can be paid."))
        locked.status = AssistanceStatus.PAID
        locked.paid_on = on
        locked.paid_by = by
        locked.receipt = receipt
        _save(locked, assistance)
