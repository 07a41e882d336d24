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


def _check_version_locked(instance: models.Model, expected_version: int) -> int:
    """Lock the row and return its version, or raise StaleEdit when it changed or is gone.
    Call inside a transaction."""
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .first()
    )
    # None: someone removed the record meanwhile; a save must not bring it back.
    if current is None or current != expected_version:
        raise StaleEdit
    return current


def save_versioned(instance: models.Model, *, expected_version: int, **kwargs) -> None:
    # Lock the row so two saves that both read the same version cannot both succeed.
    with transaction.atomic():
        instance.version = _check_version_locked(instance, expected_version) + 1
        instance.save(**kwargs)


def delete_versioned(instance: models.Model, *, expected_version: int) -> None:
    """Delete a record only if nobody changed it since it was read (its history stays)."""
    with transaction.atomic():
        _check_version_locked(instance, expected_version)
        instance.delete()
