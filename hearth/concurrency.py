"""Two people editing the same record never silently overwrite each other.

Each editable record carries a ``version``. A form or API update sends the version it was based
on; saving checks it under a row lock and bumps it, or raises StaleEdit.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "Someone else changed this record while you were editing it. Nothing was saved. "
    "The form now shows their version: check it and make your change again."
)


class StaleEdit(Exception):
    message = STALE_MESSAGE


def lock_current[M: models.Model](
    instance: M, expected_version: int | None, *, related: tuple[str, ...] = ()
) -> M:
    """The record's row as it is now, locked until the transaction ends (call inside one).

    Raises StaleEdit when the row is gone (a save must not bring it back) or when its version is
    no longer ``expected_version``, the one the person was looking at; ``None`` takes the lock
    without comparing (a record whose callers may not know a version). ``related`` is fetched
    with the row but not locked."""
    rows = type(instance)._default_manager.select_for_update(of=("self",))
    if related:
        rows = rows.select_related(*related)
    current = rows.filter(pk=instance.pk).first()
    if current is None or (expected_version is not None and current.version != expected_version):
        raise StaleEdit
    return current


def save_versioned(instance: models.Model, *, expected_version: int, **kwargs) -> None:
    # Lock the row so two saves that both read the same version cannot both succeed.
    with transaction.atomic():
        instance.version = lock_current(instance, expected_version).version + 1
        instance.save(**kwargs)


def delete_versioned(instance: models.Model, *, expected_version: int) -> None:
    """Delete a record only if nobody changed it since it was read (its history stays)."""
    with transaction.atomic():
        lock_current(instance, expected_version)
        instance.delete()
