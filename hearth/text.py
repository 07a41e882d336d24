"""Text as every app compares it."""

import unicodedata

from hearth.validators import clean_name


def fold(text: str) -> str:
    """Lower case without accents or invisible characters, for matching names across
    spellings (José = Jose; a name with a hidden right-to-left override = the name)."""
    decomposed = unicodedata.normalize("NFKD", clean_name(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()
