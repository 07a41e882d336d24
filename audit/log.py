"""The one path by which reads, changes and exports of a person's records are recorded."""

from collections.abc import Iterable

from django.db import models
from django.http import HttpRequest

from audit.models import Action, AuditEvent


def _person_id_of(obj: models.Model | None) -> int | None:
    if obj is None:
        return None
    if obj._meta.label == "people.Person":
        return obj.pk
    return getattr(obj, "person_id", None)


def record(
    request: HttpRequest,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str | None = None,
    person_id: int | None = None,
    person_ids: Iterable[int] = (),
    detail: dict | None = None,
    user=None,
) -> AuditEvent:
    """Record one event. ``user`` stands in for the signed-in user where a secret link is the
    key (the calendar feed)."""
    if user is None and request.user.is_authenticated:
        user = request.user
    ids = sorted(set(person_ids))
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=Action(action),
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        person_id=person_id if person_id is not None else _person_id_of(obj),
        listed_person_ids=f",{','.join(map(str, ids))}," if ids else "",
        channel="api" if request.path.startswith("/api/") else "web",
        path=request.path[:300],
        detail=detail or {},
    )
