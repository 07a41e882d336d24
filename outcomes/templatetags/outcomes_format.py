from datetime import date
from decimal import Decimal

from django import template
from django.utils import formats

from outcomes.dashboard import Month

register = template.Library()


@register.filter
def cell(value) -> str:
    """A dashboard table cell in the reader's language: 1 234,5 in French, 1,234.5 in English."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Month):
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (int, float, Decimal)):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
