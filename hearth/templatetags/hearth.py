from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """``mapping|get_item:key`` — look up a computed figure by id in a template."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def text_limit(limit) -> str:
    """The attributes of a text area with a limit: the number and the counter's words in the
    reader's language (``{count}`` and ``{limit}`` are filled in by hearth.js as one types)."""
    limit = int(limit)
    tokens = {"count": "{count}", "limit": "{limit}"}
    return format_html(
        ' data-limit="{}" data-limit-text="{}" data-limit-over="{}"',
        limit,
        ngettext("%(count)s of %(limit)s character", "%(count)s of %(limit)s characters", limit)
        % tokens,
        ngettext(
            "Too long: %(count)s of at most %(limit)s character. Shorten it to save.",
            "Too long: %(count)s of at most %(limit)s characters. Shorten it to save.",
            limit,
        )
        % tokens,
    )
