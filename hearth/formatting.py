"""Money written the way the reader's language writes it, in the organisation's currency (babel):
"$1,234.50", "1 234,50 $", "1.234,50 kr.", "R$ 1.234,50". The one place Hearth formats money."""

from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
from django.utils import translation

# The country whose way of writing money a currency brings (fr + CAD → fr_CA, not fr_FR).
CURRENCY_TERRITORY = {"CAD": "CA", "DKK": "DK", "BRL": "BR", "USD": "US"}


def babel_locale(language: str | None, currency: str) -> str:
    language = (language or "en").replace("-", "_")
    if "_" in language:
        base, territory = language.split("_", 1)
        return f"{base}_{territory.upper()}"
    territory = CURRENCY_TERRITORY.get(currency)
    if territory:
        try:
            Locale.parse(f"{language}_{territory}")
            return f"{language}_{territory}"
        except (UnknownLocaleError, ValueError):
            pass
    return language


def format_money(amount, currency: str, language: str | None = None) -> str:
    if amount is None or amount == "":
        return ""
    language = language or translation.get_language()
    return format_currency(Decimal(amount), currency, locale=babel_locale(language, currency))
