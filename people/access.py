from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from audit.log import record
from people.models import Person
from programs.roles import IDENTIFIER_ROLES, OVERSIGHT_ROLES


def get_person_for_user(request: HttpRequest, person_id: int, *, action: str = "view") -> Person:
    """The person, if within the user's reach (else 404); the read is audited."""
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("organisation"), pk=person_id
    )
    record(request, action, person)
    return person


def can_see_identifiers(user, person: Person) -> bool:
    return Person.objects.visible_to_roles(user, IDENTIFIER_ROLES).filter(pk=person.pk).exists()


def can_review_access(user, person: Person) -> bool:
    """Team leads, program managers and data administrators see who opened a record."""
    return Person.objects.visible_to_roles(user, OVERSIGHT_ROLES).filter(pk=person.pk).exists()
