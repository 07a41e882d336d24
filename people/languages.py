"""Languages a person may prefer (R33): Django's list plus languages of the programs' regions
that Django's list lacks."""

from django.conf import global_settings
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
