from django import template

from visits.agenda import initials as person_initials

register = template.Library()


@register.filter
def initials(person) -> str:
    return person_initials(person)
