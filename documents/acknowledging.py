"""The person acknowledges one of their documents (issue 12 §8; R35): that they received it, or
read it (or had it read to them) — a lease, the house rules, an information sheet on their
rights. Signed on the worker's phone, the signed copy (``documents.signed``) is kept with it;
on paper, or aloud before a witness, it is a choice the worker records."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from documents.models import Acknowledgement, AcknowledgementStatement, Document, DocumentKind
from documents.signed import SignedText, keep_signed_copy
from hearth.concurrency import StaleEdit, lock_current
from hearth.signatures import given_way


def acknowledgement_text(acknowledgement: Acknowledgement) -> SignedText:
    """What the person signs, in the active language: the document's title and kind."""
    document = acknowledgement.document
    return SignedText(
        title=_("Acknowledgement of a document"),
        facts=[
            (_("Person"), acknowledgement.person.display_name),
            (_("Document"), document.title),
            (_("Kind"), str(document.get_kind_display())),
            (_("Kept since"), formats.date_format(document.uploaded_at, "SHORT_DATE_FORMAT")),
            (_("Given on"), formats.date_format(acknowledgement.given_on, "DATE_FORMAT")),
        ],
        statement=str(acknowledgement.get_statement_display()),
    )


def _check_document(document: Document, *, expected_version: int) -> None:
    if document.version != expected_version:
        raise StaleEdit
    if document.is_withdrawn:
        raise ValidationError(_("This document was withdrawn: it cannot be acknowledged."))
    if document.kind == DocumentKind.SIGNED_COPY:
        raise ValidationError(_("A signed copy is itself the person's signature."))


def acknowledge(
    document: Document,
    *,
    by,
    statement: str,
    given_on: date,
    expected_version: int,
    given_how: str = "",
    witness: str = "",
    signature: str = "",
    signed_at: datetime | None = None,
) -> Acknowledgement:
    """Record the person's acknowledgement of ``document``, as it stood when the worker opened
    it (``expected_version``; StaleEdit otherwise). With a signature it is signed on the screen
    — given now — and its signed copy is kept in the same transaction; ValidationError (keyed
    by field, translated) when the input is refused. Call it outside a transaction."""
    given_how = given_way(way=given_how, signature=signature, witness=witness)
    if statement not in AcknowledgementStatement.values:
        raise ValidationError({"statement": _("Choose what the person acknowledges.")})
    signed_at = signed_at or timezone.now()
    if signature and given_on != timezone.localdate(signed_at):
        raise ValidationError({"given_on": _("A signature on the screen is given today.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    _check_document(document, expected_version=expected_version)
    acknowledgement = Acknowledgement(
        document=document,
        person=document.person,
        statement=statement,
        given_on=given_on,
        given_how=given_how,
        witness=witness.strip(),
        signature=signature,
        recorded_by=by,
    )

    def save(copy: Document | None = None) -> Acknowledgement:
        # Under the document's row lock: a withdrawal meanwhile is seen, never raced.
        locked = lock_current(document, None)
        _check_document(locked, expected_version=expected_version)
        acknowledgement.signed_copy = copy
        acknowledgement.full_clean()
        acknowledgement.save()
        return acknowledgement

    if not signature:
        with transaction.atomic():  # the check under the lock and the write together
            return save()
    acknowledgement.full_clean(exclude=["signed_copy"])
    return keep_signed_copy(
        document.person,
        text=lambda: acknowledgement_text(acknowledgement),
        signed_at=signed_at,
        by=by,
        signature=signature,
        case=document.case,
        then=save,
    )
