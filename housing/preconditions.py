"""Housing without preconditions (R34). Hearth has no field for a sobriety or treatment
condition, and refuses, with a clear message, any attempt to record one as a condition of a
home: as a tenancy obligation, or as an extra field sent to the API."""

import re

from django.utils.translation import gettext_lazy as _

MESSAGE = _(
    "Housing First sets no condition of sobriety, abstinence or treatment for a home (R34). "
    "Only the ordinary obligations of a tenant can be recorded."
)

# Words that name a treatment or sobriety condition, in the four languages of Hearth.
_WORDS = re.compile(
    r"sobri|sober|abstin|abstain|treatment|detox|rehab|medica|clean|dry|drug.?test"
    r"|traitement|sevrage|abstinence|sobre|tratamento|abstin[eê]ncia|desintox"
    r"|behandling|afvænning|ædru|stoffri|condition|precondition|requirement",
    re.IGNORECASE,
)


def names_a_precondition(text: str) -> bool:
    return bool(_WORDS.search(str(text)))
