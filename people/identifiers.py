"""National identifiers (R38), validated with python-stdnum."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.dk import cpr
from stdnum.us import ssn

from hearth.validators import clean_identifier


class IdentifierKind(models.TextChoices):
    DK_CPR = "dk_cpr", _("Danish CPR number")
    CA_SIN = "ca_sin", _("Canadian Social Insurance Number (SIN)")
    BR_CPF = "br_cpf", _("Brazilian CPF")
    US_SSN = "us_ssn", _("US Social Security number (SSN)")


_MODULES = {
    IdentifierKind.DK_CPR: cpr,
    IdentifierKind.CA_SIN: sin,
    IdentifierKind.BR_CPF: cpf,
    IdentifierKind.US_SSN: ssn,
}

_MESSAGES = {
    stdnum_errors.InvalidLength: _("This number has the wrong number of digits."),
    stdnum_errors.InvalidFormat: _("This number is not written in the expected format."),
    stdnum_errors.InvalidChecksum: _("This number's check digit is wrong; please check it."),
    stdnum_errors.InvalidComponent: _("Part of this number is not valid (for example the date)."),
}


class InvalidIdentifier(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Numbers python-stdnum accepts (their check digits and dates work out) that are never issued,
# and that people type when they do not know the number. Only what stdnum lets through is
# listed; it already refuses CPF 000…0, every SIN with all digits equal or beginning with 0 or 8
# (Canada.ca: 0 is not assigned, 8 is for business numbers) and the SSNs of area 000, 666 and
# 9xx, group 00 and serial 0000 and the advertising numbers 078-05-1120, 219-09-9999 and
# 457-55-5462 (SSA, "Social Security Number Randomization").
_NEVER_ISSUED = {
    # CPF: eleven equal digits pass the check-digit algorithm, and the Receita Federal treats
    # 111.111.111-11 … 999.999.999-99 as invalid.
    IdentifierKind.BR_CPF: {d * 11 for d in "123456789"},
    # CPR: 111111-1111 is the only ten-equal-digit number with a real date (11.11.1911); people
    # born then received modulus-11 numbers in 1968, and it fails modulus 11 (CPR-kontoret).
    IdentifierKind.DK_CPR: {"1111111111"},
    # SSN: one repeated digit and the sequence 123-45-6789 are never assigned (SSA guidelines as
    # applied by HUD HMIS software, e.g. Bitfocus Clarity's SSN validation; HUD's HMIS Data
    # Standards: never fill the SSN with all 1s to denote a missing number).
    # (000…, 666… and 999… stdnum refuses by their area.)
    IdentifierKind.US_SSN: {d * 9 for d in "1234578"} | {"123456789"},
}


def normalise(kind: str, value: str) -> str:
    """The compact, validated form of ``value`` (invisible characters dropped first); raises
    InvalidIdentifier with a translated message saying what is wrong. The one check of a
    national identifier: the web forms, the API and the duplicate matching all call it."""
    kind = IdentifierKind(kind)
    module = _MODULES[kind]
    try:
        compact = module.validate(clean_identifier(value))
    except stdnum_errors.ValidationError as exc:
        for error_type, message in _MESSAGES.items():
            if isinstance(exc, error_type):
                raise InvalidIdentifier(str(message)) from exc
        raise InvalidIdentifier(str(_("This number is not valid."))) from exc
    if compact in _NEVER_ISSUED.get(kind, ()):
        raise InvalidIdentifier(str(_("No one is ever given this number; please check it.")))
    return compact


def display(kind: str, compact: str) -> str:
    return _MODULES[IdentifierKind(kind)].format(compact)


def masked(kind: str, compact: str) -> str:
    """For people who may know that a number exists but not what it is."""
    return "•" * max(len(compact) - 2, 0) + compact[-2:] if compact else ""
