from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """``mapping|get_item:key`` — look up a computed figure by id in a template."""
    return mapping.get(key) if mapping else None
