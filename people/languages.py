"""Languages a person may prefer (R33): Django's list plus languages of the programs' regions
that Django's list lacks."""

from django.conf import global_settings, settings
from django.utils.translation import gettext_lazy as _

_EXTRA = [
    ("cr", _("Cree")),
    ("yue", _("Cantonese")),
    ("zh", _("Chinese")),
    ("iu", _("Inuktitut")),
    ("kl", _("Greenlandic")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("tl", _("Tagalog")),
    ("ff", _("Fula")),
    ("ps", _("Pashto")),
    ("qu", _("Quechua")),
    ("other", _("Another language")),
]

PERSON_LANGUAGES = [
    (code, name) for code, name in global_settings.LANGUAGES if "-" not in code or code == "pt-br"
] + _EXTRA


def language_for_person(*codes: str) -> str:
    """The first of ``codes`` (the person's preferred language, then their organisation's) that
    Hearth speaks, else Hearth's own: the language of what the person reads (R33)."""
    spoken = {code for code, _name in settings.LANGUAGES}
    for code in codes:
        if code in spoken:
            return code
    return settings.LANGUAGE_CODE
