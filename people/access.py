from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from people.models import Person
from programs.roles import IDENTIFIER_ROLES, OVERSIGHT_ROLES


def get_person_for_user(request: HttpRequest, person_id: int, *, action: str = "view") -> Person:
    """The person, if within the user's reach (else 404); the read is audited."""
    return _get(request, person_id, Person.objects.all(), action=action)


def get_person_page_for_user(request: HttpRequest, person_id: int) -> Person:
    """The person for their page, as ``get_person_for_user``, with what the page shows only to
    some roles read in the same query: ``may_see_identifiers`` (as ``can_see_identifiers``)
    and ``may_review_access`` (as ``can_review_access``)."""
    persons = Person.objects.with_reach(
        request.user, may_see_identifiers=IDENTIFIER_ROLES, may_review_access=OVERSIGHT_ROLES
    )
    return _get(request, person_id, persons, action="view")


def _get(request: HttpRequest, person_id: int, persons, *, action: str) -> Person:
    person = get_object_or_404(
        persons.visible_to(request.user).select_related("organisation"), pk=person_id
    )
    record(request, action, person)
    return person


def can_see_identifiers(user, person: Person) -> bool:
    return Person.objects.visible_to_roles(user, IDENTIFIER_ROLES).filter(pk=person.pk).exists()


def can_review_access(user, person: Person) -> bool:
    """Team leads, program managers and data administrators see who opened a record."""
    return Person.objects.visible_to_roles(user, OVERSIGHT_ROLES).filter(pk=person.pk).exists()
