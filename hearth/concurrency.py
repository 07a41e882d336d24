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


def save_versioned(instance: models.Model, *, expected_version: int, **kwargs) -> None:
    # Lock the row so two saves that both read the same version cannot both succeed.
    with transaction.atomic():
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
        instance.version = current + 1
        instance.save(**kwargs)


def delete_versioned(instance: models.Model, *, expected_version: int) -> None:
    """Delete a record only if nobody changed it since it was read (its history stays)."""
    with transaction.atomic():
        current = (
            type(instance)
            ._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or current != expected_version:
            raise StaleEdit
        instance.delete()
