"""The signed copy (issue 12 §8; R35): when a person signs on the worker's phone — a consent to
share, a document's acknowledgement — a PDF holding the text they agreed to, their name, the
date and time, the worker and their signature, in their language, is kept as one of their
private documents: the same storage, reach and audited download as every other paper.

``signed_copy_pdf`` draws it (reportlab, with the helpers of ``reports.pdf``);
``keep_signed_copy`` stores it and writes the signed record in the same transaction as the
document's row, so a record is never kept without its copy, nor a copy without its record."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Spacer

from documents.models import Document, DocumentKind
from documents.storing import store_with
from hearth.signatures import png_bytes
from people.languages import language_for_person
from reports.pdf import BODY, H1, LABEL, SMALL, _build, _facts, _p

SIGNATURE_WIDTH = 70 * mm


@dataclass(frozen=True)
class SignedText:
    """What the person signs, already in their language: a title, the facts of what they agree
    to (label, value), and the sentence they sign in their own voice."""

    title: str
    facts: list[tuple[str, str]]
    statement: str


def person_language(person) -> str:
    """The language the signed copy is written in: the person's, when Hearth speaks it."""
    return language_for_person(person.preferred_language, person.organisation.language)


def signed_at_text(signed_at: datetime, *, zone: str) -> str:
    """The date and time of the signature on the organisation's clock, with its time zone."""
    local = timezone.localtime(signed_at, ZoneInfo(zone))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone})"


def signed_copy_pdf(
    text: SignedText, *, person_name: str, signed_at: datetime, zone: str, worker, signature: str
) -> bytes:
    """The signed copy as a PDF, in the active language."""
    image = png_bytes(signature)
    width, height = ImageReader(BytesIO(image)).getSize()
    story = [
        _p(text.title, H1),
        _facts(text.facts),
        Spacer(1, 8),
        _p(text.statement, LABEL),
        Spacer(1, 6),
        Image(
            BytesIO(image),
            width=SIGNATURE_WIDTH,
            height=SIGNATURE_WIDTH * height / max(width, 1),
            hAlign="LEFT",
        ),
        Spacer(1, 4),
        _p(
            _("Signed by %(person)s on the screen of %(worker)s's phone, on %(when)s.")
            % {
                "person": person_name,
                "worker": worker.get_full_name() or worker.get_username(),
                "when": signed_at_text(signed_at, zone=zone),
            },
            BODY,
        ),
        Spacer(1, 4),
        _p(
            _("A copy kept with the person's file in Hearth. The person may ask for it."),
            SMALL,
        ),
    ]
    return _build(story, text.title)


def keep_signed_copy[T](
    person,
    *,
    text: Callable[[], SignedText],
    signed_at: datetime,
    by,
    signature: str,
    then: Callable[[Document], T],
    case=None,
) -> T:
    """Draw the signed copy in the person's language, keep it as their document, and write
    ``then(copy)`` — the signed record — in the same transaction as the document's row. If the
    PDF cannot be made, or the record cannot be saved, nothing is kept (no file, no row).
    ``text`` is called with the person's language active. Call it outside a transaction."""
    with translation.override(person_language(person)):
        words = text()
        pdf = signed_copy_pdf(
            words,
            person_name=person.display_name,
            signed_at=signed_at,
            zone=person.organisation.time_zone,
            worker=by,
            signature=signature,
        )
    stamp = timezone.localtime(signed_at, ZoneInfo(person.organisation.time_zone))
    title = f"{words.title} · {formats.date_format(stamp, 'SHORT_DATE_FORMAT')}"
    return store_with(
        ContentFile(pdf, name=f"{slugify(words.title) or 'signed'}.pdf"),
        person=person,
        case=case,
        kind=DocumentKind.SIGNED_COPY,
        title=title,
        by=by,
        then=then,
    )
