"""Keeping the local resource survey up to date (R15): marking a resource as checked, and
deciding on the updates staff suggest from their work with people.

A suggestion records the resource version it was based on. Accepting it applies the changes only
if nobody changed the resource since; otherwise it is refused (StaleEdit) and the data
administrator looks again: nobody's change is silently overwritten.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Resource, ResourceUpdateSuggestion, SuggestionStatus
from hearth.concurrency import StaleEdit, save_versioned


class AlreadyDecided(Exception):
    message = _("Someone already decided on this suggestion. Nothing was changed.")


def mark_checked(
    resource: Resource, *, by, expected_version: int, today: datetime.date | None = None
) -> None:
    """Someone confirmed today that the entry is still right."""
    resource.last_checked_on = today or timezone.localdate()
    resource.last_checked_by = by
    save_versioned(resource, expected_version=expected_version)


def suggest(
    *,
    organisation,
    resource: Resource | None,
    changes: dict,
    note: str,
    by,
    case=None,
) -> ResourceUpdateSuggestion:
    return ResourceUpdateSuggestion.objects.create(
        organisation=organisation,
        resource=resource,
        resource_version=resource.version if resource is not None else None,
        changes={k: v for k, v in changes.items() if k in Resource.EDITABLE_FIELDS},
        note=note,
        case=case,
        suggested_by=by,
    )


def _lock_pending(suggestion: ResourceUpdateSuggestion) -> None:
    status = (
        ResourceUpdateSuggestion.objects.select_for_update()
        .filter(pk=suggestion.pk)
        .values_list("status", flat=True)
        .get()
    )
    if status != SuggestionStatus.PENDING:
        raise AlreadyDecided


def accept(
    suggestion: ResourceUpdateSuggestion, *, by, today: datetime.date | None = None
) -> Resource:
    """Apply the suggested changes (or create the proposed resource) and count it as checked.

    Raises StaleEdit when the resource changed since the suggestion was made, AlreadyDecided
    when someone decided first, ValidationError when the changes are not valid any more."""
    today = today or timezone.localdate()
    # The resource, its check and the decision change together or not at all.
    with transaction.atomic():
        _lock_pending(suggestion)
        if suggestion.resource_id is None:
            resource = Resource(organisation_id=suggestion.organisation_id)
        else:
            resource = Resource.objects.get(pk=suggestion.resource_id)
            if resource.version != suggestion.resource_version:
                raise StaleEdit
        for field, value in suggestion.changes.items():
            if field in Resource.EDITABLE_FIELDS:
                setattr(resource, field, value)
        resource.last_checked_on = today
        resource.last_checked_by = by
        resource.full_clean(exclude=["last_checked_by", "organisation"])
        if resource.pk is None:
            resource.save()
        else:
            save_versioned(resource, expected_version=suggestion.resource_version)
        suggestion.resource = resource
        suggestion.status = SuggestionStatus.ACCEPTED
        suggestion.decided_by = by
        suggestion.decided_at = timezone.now()
        suggestion.version += 1
        suggestion.save()
    return resource


def reject(suggestion: ResourceUpdateSuggestion, *, by, reason: str) -> None:
    """Decline the suggestion with a reason the author can read; the resource is untouched."""
    with transaction.atomic():
        _lock_pending(suggestion)
        suggestion.status = SuggestionStatus.REJECTED
        suggestion.reason = reason
        suggestion.decided_by = by
        suggestion.decided_at = timezone.now()
        suggestion.version += 1
        suggestion.save()
