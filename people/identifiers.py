"""National identifiers (R38), validated with python-stdnum."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.dk import cpr
from stdnum.us import ssn


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


def normalise(kind: str, value: str) -> str:
    """The compact, validated form of ``value``; raises InvalidIdentifier with a translated
    message saying what is wrong."""
    module = _MODULES[IdentifierKind(kind)]
    try:
        return module.validate(value)
    except stdnum_errors.ValidationError as exc:
        for error_type, message in _MESSAGES.items():
            if isinstance(exc, error_type):
                raise InvalidIdentifier(str(message)) from exc
        raise InvalidIdentifier(str(_("This number is not valid."))) from exc


def display(kind: str, compact: str) -> str:
    return _MODULES[IdentifierKind(kind)].format(compact)


def masked(kind: str, compact: str) -> str:
    """For people who may know that a number exists but not what it is."""
    return "•" * max(len(compact) - 2, 0) + compact[-2:] if compact else ""
