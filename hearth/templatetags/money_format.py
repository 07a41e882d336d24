"""``{{ amount|money:currency }}``: hearth/formatting.py for templates."""

from django import template

from hearth.formatting import format_money

register = template.Library()


@register.filter(name="money")
def money_filter(amount, currency: str) -> str:
    return format_money(amount, currency or "USD")
