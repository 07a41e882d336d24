"""Names in the reader's alphabetical order (issue 12 §7; R33, R38).

ICU's collation for the active interface language, the same on both databases: PostgreSQL
sorts with the ICU collations that ``hearth/migrations/0001`` creates, SQLite with the same
ICU rules registered under the same names on each new connection (PyICU from the
pyicu-wheels package, whose wheels carry ICU itself: no compiler or libicu-dev needed).
French and Portuguese look at accents only after the letters ("Bélanger" after "Bouchard");
Danish puts Æ, Ø and Å after Z, and Aa with Å ("Aagaard" after "Ågård").
"""

from collections.abc import Callable

import icu
from django.conf import settings
from django.db.models import F, OrderBy
from django.db.models.functions import Collate
from django.utils import translation

# Interface language (settings.LANGUAGES) → ICU locale. hearth/migrations/0001 creates one
# PostgreSQL collation per entry, named by ``collation_name``.
LOCALES = {"en": "en", "fr": "fr", "da": "da", "pt-br": "pt-BR"}


def collation_name(language: str) -> str:
    return f"hearth-{language}"


def reader_language(language: str | None = None) -> str:
    """The given language, else the active one, as a key of LOCALES."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    code = code.replace("_", "-")
    return code if code in LOCALES else settings.LANGUAGE_CODE


def collator(language: str | None = None) -> icu.Collator:
    # A new collator each time: ICU's collators are cheap to make (ICU caches the rules) and
    # are not shared between threads.
    return icu.Collator.createInstance(icu.Locale(LOCALES[reader_language(language)]))


def sort_key(language: str | None = None) -> Callable[[str], bytes]:
    """For lists sorted in Python: ``sorted(names, key=sort_key())``."""
    return collator(language).getSortKey


def by_name(prefix: str = "", language: str | None = None) -> list[OrderBy]:
    """Persons by family name, then given name, in the reader's collation:
    ``Case.objects.order_by(*by_name("person__"))``. The id breaks ties between namesakes."""
    collation = collation_name(reader_language(language))
    return [
        Collate(F(f"{prefix}family_name"), collation).asc(),
        Collate(F(f"{prefix}given_name"), collation).asc(),
        F(f"{prefix}id").asc(),
    ]


def register_sqlite_collations(sender, connection, **kwargs) -> None:
    """connection_created: give each new SQLite connection the collations PostgreSQL has."""
    if connection.vendor != "sqlite":
        return
    for language in LOCALES:
        connection.connection.create_collation(collation_name(language), collator(language).compare)
