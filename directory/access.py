"""Who may see and change an organisation's directory.

Resources and partners are organisation records: every active staff member of the
organisation sees them; team leads, program managers and data administrators add and edit
them; only data administrators decide on update suggestions (R15). A suggestion is seen by its
author and the organisation's data administrators, and one made from a case only by those who
still reach the case.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cases.models import Case
from directory.models import Partner, Resource, ResourceUpdateSuggestion
from programs.models import Membership, Organisation
from programs.roles import OVERSIGHT_ROLES, Role

# Who keeps the directory up to date directly (the others suggest updates).
EDITOR_ROLES = OVERSIGHT_ROLES
# Who decides on the suggestions.
REVIEWER_ROLES = frozenset({Role.DATA_ADMINISTRATOR})


def _organisations(user, roles=None) -> QuerySet:
    if not user.is_authenticated:
        return Organisation.objects.none()
    memberships = Membership.objects.active().filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return Organisation.objects.filter(pk__in=memberships.values("organisation_id"))


def staff_organisations(user) -> QuerySet:
    """The organisations whose directory the user sees."""
    return _organisations(user)


def editor_organisations(user) -> QuerySet:
    return _organisations(user, EDITOR_ROLES)


def reviewer_organisations(user) -> QuerySet:
    return _organisations(user, REVIEWER_ROLES)


def may_edit(user, organisation_id: int) -> bool:
    return editor_organisations(user).filter(pk=organisation_id).exists()


def may_review(user, organisation_id: int) -> bool:
    return reviewer_organisations(user).filter(pk=organisation_id).exists()


def resources_visible_to(user) -> QuerySet:
    return Resource.objects.filter(organisation__in=staff_organisations(user))


def partners_visible_to(user) -> QuerySet:
    return Partner.objects.filter(organisation__in=staff_organisations(user))


def suggestions_visible_to(user) -> QuerySet:
    """The user's own suggestions and, for data administrators, their organisation's; never
    one made from a case the user no longer reaches."""
    return ResourceUpdateSuggestion.objects.filter(
        Q(suggested_by=user) | Q(organisation__in=reviewer_organisations(user)),
        organisation__in=staff_organisations(user),
    ).filter(Q(case__isnull=True) | Q(case__in=Case.objects.visible_to(user)))


def get_resource_for_user(user, resource_id: int) -> Resource:
    return get_object_or_404(
        resources_visible_to(user).select_related("organisation", "last_checked_by"),
        pk=resource_id,
    )


def get_partner_for_user(user, partner_id: int) -> Partner:
    return get_object_or_404(
        partners_visible_to(user).select_related("organisation", "resource"), pk=partner_id
    )


def get_suggestion_for_user(user, suggestion_id: int) -> ResourceUpdateSuggestion:
    return get_object_or_404(
        suggestions_visible_to(user).select_related(
            "organisation", "resource", "suggested_by", "decided_by", "case"
        ),
        pk=suggestion_id,
    )
