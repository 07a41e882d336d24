"""Languages a person may prefer (R33): Django's list plus languages of the programs' regions
that Django's list lacks, each named in the reader's language (issue 12 §7).

The names come from the Unicode CLDR through Babel, which has every language here in French,
Danish and Portuguese; English keeps the names below (the migrations hold them). They are lazy,
so a choice list made once at import is read in whatever language is active when shown.
"""

from babel import Locale, UnknownLocaleError
from django.conf import global_settings, settings
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from hearth.collation import sort_key

OTHER = "other"

_EXTRA = [
    ("cr", "Cree"),
    ("yue", "Cantonese"),
    ("zh", "Chinese"),
    ("iu", "Inuktitut"),
    ("kl", "Greenlandic"),
    ("so", "Somali"),
    ("ti", "Tigrinya"),
    ("tl", "Tagalog"),
    ("ff", "Fula"),
    ("ps", "Pashto"),
    ("qu", "Quechua"),
]


def language_name(code: str, english: str) -> str:
    """The name of the language ``code`` in the active interface language, capitalised as the
    first word of a list item."""
    reader = translation.get_language()
    if not reader or reader.startswith("en"):
        return english
    try:
        locale = Locale.parse(translation.to_locale(reader))
    except (ValueError, UnknownLocaleError):
        return english
    tag = translation.to_locale(code)  # pt-br → pt_BR, CLDR's spelling
    name = locale.languages.get(tag)
    if name is None and "_" in tag:
        name = Locale.parse(tag).get_display_name(locale)  # "português (Brasil)"
    return name[:1].upper() + name[1:] if name else english


_lazy_name = lazy(language_name, str)

PERSON_LANGUAGES = [
    *(
        (code, _lazy_name(code, name))
        for code, name in global_settings.LANGUAGES
        if "-" not in code or code == "pt-br"
    ),
    *((code, _lazy_name(code, name)) for code, name in _EXTRA),
    (OTHER, _("Another language")),
]


def choices_in_reader_order() -> list[tuple[str, str]]:
    """PERSON_LANGUAGES in the reader's alphabetical order of their names, "Another language"
    last: for the lists a worker picks from."""
    key = sort_key()
    named = [(code, str(name)) for code, name in PERSON_LANGUAGES if code != OTHER]
    other = [(code, str(name)) for code, name in PERSON_LANGUAGES if code == OTHER]
    return sorted(named, key=lambda choice: key(choice[1])) + other


def language_for_person(*codes: str) -> str:
    """The first of ``codes`` (the person's preferred language, then their organisation's) that
    Hearth speaks, else Hearth's own: the language of what the person reads (R33)."""
    spoken = {code for code, _name in settings.LANGUAGES}
    for code in codes:
        if code in spoken:
            return code
    return settings.LANGUAGE_CODE
