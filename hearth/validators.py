"""Plausibility rules shared by every app (issue 12 §2): dates, periods, amounts, the length of
free text, and names and identifiers as they read.

One home per rule. A model field carries its rule as a validator, so a ModelForm (through
``full_clean``) and a DRF ModelSerializer (which copies a model field's validators) both apply
it; a plain form or serializer field that feeds a workflow names the same validator; a rule
across two fields of one record is the model's ``clean()``, which ModelForms call and the API
runs through ``hearth.serializers.ModelRules``. Every rule here is pure: no queries.
"""

import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Dates ----------------------------------------------------------------------------------------

EARLIEST = date(1900, 1, 1)  # nobody Hearth supports was born, or met, before this


@deconstructible
class PlausibleDate:
    """A date (or a moment) from ``earliest`` up to now, or up to ``years_ahead`` years from
    now for what is arranged ahead (an appointment, a follow-up, an expiry)."""

    def __init__(self, *, years_ahead: int = 0, earliest: date = EARLIEST) -> None:
        self.years_ahead = years_ahead
        self.earliest = earliest

    def __call__(self, value: date | datetime | None) -> None:
        if value is None:
            return
        ahead = timedelta(days=round(365.25 * self.years_ahead))
        if isinstance(value, datetime):
            day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
            now = timezone.now() if timezone.is_aware(value) else datetime.now()
            too_late = value > now + ahead
        else:
            day = value
            too_late = day > timezone.localdate() + ahead
        if day < self.earliest:
            raise ValidationError(
                _("Please check the year: this date is before %(year)s.")
                % {"year": self.earliest.year},
                code="date_too_early",
            )
        if too_late and not self.years_ahead:
            raise ValidationError(_("This date is in the future."), code="date_in_future")
        if too_late:
            raise ValidationError(
                ngettext(
                    "Please check the date: it is more than %(years)s year ahead.",
                    "Please check the date: it is more than %(years)s years ahead.",
                    self.years_ahead,
                )
                % {"years": self.years_ahead},
                code="date_too_far_ahead",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlausibleDate) and (self.years_ahead, self.earliest) == (
            other.years_ahead,
            other.earliest,
        )

    def __hash__(self) -> int:
        return hash((self.years_ahead, self.earliest))


# What happened: not in the future, not before 1900 (a birth, a contact, a tenancy's start).
past_date = PlausibleDate()
# Arranged ahead within the coming two years: an appointment, a follow-up, a meeting, a shift.
near_date = PlausibleDate(years_ahead=2)
# Agreed ahead for longer: the end of an agreement, an income or a staff membership; the expiry
# of a consent.
far_date = PlausibleDate(years_ahead=10)


def year_not_in_future(value: int | None) -> None:
    """A year of birth from 1900 to this year."""
    if value is None:
        return
    if value < EARLIEST.year:
        raise ValidationError(
            _("Please check the year: this date is before %(year)s.") % {"year": EARLIEST.year},
            code="date_too_early",
        )
    if value > timezone.localdate().year:
        raise ValidationError(_("This date is in the future."), code="date_in_future")


def check_period(record: models.Model, start: str, end: str) -> None:
    """Refuse a record whose ``end`` comes before its ``start``, naming both fields; call it
    from the model's ``clean()``."""
    begins, ends = getattr(record, start), getattr(record, end)
    if begins is not None and ends is not None and ends < begins:
        labels = {
            "end": capfirst(record._meta.get_field(end).verbose_name),
            "start": capfirst(record._meta.get_field(start).verbose_name),
        }
        message = _("“%(end)s” cannot be before “%(start)s”.") % labels
        raise ValidationError({end: ValidationError(message, code="period")})


# Amounts --------------------------------------------------------------------------------------

# No single amount Hearth records (a month's rent or income, a budget line, a grant, the price
# of a night in a shelter) comes near a million in any of its currencies (CAD, DKK, BRL, USD);
# a number above it is a typing slip (an extra zero, a year in the amount field).
AMOUNT_CEILING = 1_000_000


@deconstructible
class AmountRange:
    """An amount of money from zero (or above zero) up to a ceiling."""

    def __init__(self, *, above_zero: bool = False, ceiling: int = AMOUNT_CEILING) -> None:
        self.above_zero = above_zero
        self.ceiling = ceiling

    def __call__(self, value: Decimal | int | None) -> None:
        if value is None:
            return
        if self.above_zero and value <= 0:
            raise ValidationError(_("Give an amount above zero."), code="amount_not_positive")
        if value < 0:
            raise ValidationError(_("The amount cannot be negative."), code="amount_negative")
        if value > self.ceiling:
            raise ValidationError(
                _("Please check this amount: it is above %(ceiling)s.")
                % {"ceiling": number_format(self.ceiling, force_grouping=True)},
                code="amount_too_large",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AmountRange) and (self.above_zero, self.ceiling) == (
            other.above_zero,
            other.ceiling,
        )

    def __hash__(self) -> int:
        return hash((self.above_zero, self.ceiling))


non_negative_amount = AmountRange()
positive_amount = AmountRange(above_zero=True)


# Free text ------------------------------------------------------------------------------------


class TextLimit:
    """How many characters a free text may hold, by what it holds (plain ints, so a
    migration records the number itself)."""

    LINE = 300  # a one-line reason or note
    ADDRESS = 500  # a postal address, a few lines
    NOTE = 2_000  # a note, a reason, a description: a few paragraphs
    ACCOUNT = 5_000  # a longer account: a crisis, a strategy, a person's wishes in their words
    STORY = 20_000  # a life history, a meeting's minutes: pages


def limit_of(model: type[models.Model], field: str) -> int:
    """The limit of a model's text field, for a plain form or serializer field that fills it."""
    return model._meta.get_field(field).max_length


# Names and identifiers ------------------------------------------------------------------------

_JOINERS = {"\u200c", "\u200d"}  # ZWNJ, ZWJ


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def clean_name(text: str) -> str:
    """A name as it reads on screen: in NFC, without bidirectional controls (U+202A–U+202E,
    U+2066–U+2069, U+200E, U+200F, U+061C) or other invisible format and control characters
    (U+200B, U+2060, U+FEFF, U+00AD…), spaces collapsed. A zero-width joiner or non-joiner is
    kept between two letters, where Persian, Arabic and the Indic scripts need it to spell the
    name; anywhere else it only hides something."""
    text = unicodedata.normalize("NFC", text)
    kept = []
    for index, char in enumerate(text):
        if unicodedata.category(char) in ("Cf", "Cc"):
            between_letters = (
                0 < index < len(text) - 1
                and _is_letter(text[index - 1])
                and _is_letter(text[index + 1])
            )
            if not (char in _JOINERS and between_letters):
                if char.isspace():
                    kept.append(" ")
                continue
        kept.append(char)
    return " ".join("".join(kept).split())


def clean_identifier(text: str) -> str:
    """A national identifier as typed, without invisible characters, in NFKC (so full-width
    digits are digits); the separators are left to python-stdnum."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc")).strip()


def visible_name(value: str) -> None:
    """Refuse a name made only of invisible characters (it would be stored empty)."""
    if value and not clean_name(value):
        raise ValidationError(
            _("This name holds only invisible characters: write it with letters."),
            code="invisible_name",
        )
