"""A person signs on the worker's phone (issue 12 §8; R22, R35): one path for everything that
can be signed on the screen — a plan's agreement, a consent to share, a document's
acknowledgement.

- ``validate_signature``: what the pad sends (signature_pad's ``toDataURL()``), a PNG data URL
  of bounded size whose bytes really are a PNG.
- ``SignatureField``: the hidden form field the pad fills; the pad itself is
  ``includes/signature_pad.html`` with ``hearth/signature.js``.
- ``given_way``: for a consent or an acknowledgement, "signed on the screen" is a fact, not a
  choice: it is the way exactly when a signature was drawn; without one the worker picks one of
  ``OTHER_WAYS`` (on paper, aloud before a witness). Forms, the API and the workflows share it,
  and ``signed_on_screen_check`` keeps it so in the database.
"""

import base64
import binascii
import math
import random
import struct
import zlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PREFIX = "data:image/png;base64,"
MAX_CHARS = 400_000  # about 300 KB of PNG: a full-width signature is far smaller
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class AgreementWay(models.TextChoices):
    """How the person gave their agreement (a plan, a consent, a case's documents)."""

    SIGNED_PAPER = "signed_paper", _("Signed on paper")
    SIGNED_SCREEN = "signed_screen", _("Signed on the screen")
    AGREED_ALOUD = "aloud_witnessed", _("Agreed aloud, witnessed")


SIGNED_ON_SCREEN = AgreementWay.SIGNED_SCREEN
# The ways a worker may choose; "signed on the screen" only follows from a drawn signature.
OTHER_WAYS = [(value, label) for value, label in AgreementWay.choices if value != SIGNED_ON_SCREEN]


def validate_signature(value: str) -> None:
    """A PNG data URL of bounded size whose content really is a PNG image."""
    if not value.startswith(PREFIX):
        raise ValidationError(
            _("The signature must be a PNG image drawn on the screen."), code="format"
        )
    if len(value) > MAX_CHARS:
        raise ValidationError(_("The signature image is too large."), code="size")
    try:
        raw = base64.b64decode(value[len(PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError(
            _("The signature image is damaged. Please sign again."), code="damaged"
        ) from exc
    if not raw.startswith(PNG_MAGIC):
        raise ValidationError(
            _("The signature image is damaged. Please sign again."), code="damaged"
        )


def png_bytes(value: str) -> bytes:
    """The PNG image of a signature that ``validate_signature`` accepted."""
    validate_signature(value)
    return base64.b64decode(value[len(PREFIX) :])


class SignaturePad(forms.Widget):
    """The pad where the person draws, with undo and clear, over a hidden input that
    ``hearth/signature.js`` fills with the drawing. ``when="way=signed_screen"`` shows it only
    while that choice is checked; ``instead_of="given_how"`` makes drawing replace those
    choices (and choosing one of them clears the drawing)."""

    template_name = "includes/signature_pad.html"

    def __init__(self, *, when: str = "", instead_of: str = "", attrs=None):
        super().__init__(attrs)
        self.when, self.instead_of = when, instead_of

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"] |= {"when": self.when, "instead_of": self.instead_of}
        return context

    def id_for_label(self, id_):
        return None  # the pad is a fieldset with its own legend; no input to point a label at


class SignatureField(forms.CharField):
    """What the person drew on the pad, as a PNG data URL; empty when nothing was drawn."""

    def __init__(self, *, when: str = "", instead_of: str = "", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "")
        kwargs.setdefault("validators", [validate_signature])
        kwargs.setdefault("widget", SignaturePad(when=when, instead_of=instead_of))
        super().__init__(**kwargs)


def signature_column() -> models.TextField:
    """The model column holding a drawn signature; the model keeps it out of its history
    (``HistoricalRecords(excluded_fields=["signature"])``): the signed copy is the record."""
    return models.TextField(_("signature"), blank=True, validators=[validate_signature])


def given_way(*, way: str, signature: str, witness: str) -> str:
    """How the person gave it: "signed on the screen" when (and only when) they drew their
    signature, else the way the worker chose. ValidationError, keyed by field, otherwise."""
    if signature:
        if way and way != SIGNED_ON_SCREEN:
            raise ValidationError(
                {
                    "given_how": gettext(
                        "The person signed on the screen: clear the signature, or leave "
                        "this choice empty."
                    )
                }
            )
        try:
            validate_signature(signature)
        except ValidationError as exc:
            raise ValidationError({"signature": exc.messages}) from exc
        return SIGNED_ON_SCREEN
    if way == SIGNED_ON_SCREEN:
        raise ValidationError(
            {"signature": gettext("Signed on the screen needs the person's signature.")}
        )
    if way not in dict(OTHER_WAYS):
        raise ValidationError(
            {
                "given_how": gettext(
                    "Ask the person to sign on the screen, or choose how else they gave it."
                )
            }
        )
    if way == AgreementWay.AGREED_ALOUD and not witness.strip():
        raise ValidationError({"witness": gettext("Name the witness of a spoken agreement.")})
    return way


def signed_on_screen_check(*, name: str, way_field: str = "given_how") -> models.CheckConstraint:
    """The database keeps the fact: signed on the screen exactly when the signature and its
    signed copy (the PDF kept as the person's document, ``signed_copy``) are there."""
    on_screen = Q(**{way_field: SIGNED_ON_SCREEN})
    signed = ~Q(signature="") & Q(signed_copy__isnull=False)
    unsigned = Q(signature="") & Q(signed_copy__isnull=True)
    return models.CheckConstraint(
        condition=(on_screen & signed) | (~on_screen & unsigned),
        name=name,
        violation_error_message=_(
            "Signed on the screen exactly when the person's signature and its signed copy are kept."
        ),
    )


def drawn_signature(rnd: random.Random) -> str:
    """A small hand-drawn-looking signature as a valid PNG data URL (grey scale, 8 bit): what
    the demo's persons "draw"."""
    width, height = 160, 48
    phase, wobble = rnd.uniform(0, 6), rnd.uniform(7, 11)
    ink = set()
    for x in range(10, width - 10):
        y = int(height / 2 + 13 * math.sin(x / wobble + phase) * math.cos(x / 29))
        ink.update({(x, y), (x, y + 1)})
    raw = b"".join(
        b"\x00" + bytes(0 if (x, y) in ink else 255 for x in range(width)) for y in range(height)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    png = (
        PNG_MAGIC
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
    return PREFIX + base64.b64encode(png).decode()
