"""A system check that the private documents can never be served as static or media files."""

from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def private_storage_is_private(app_configs=None, **kwargs) -> list:
    location = settings.STORAGES.get("documents", {}).get("OPTIONS", {}).get("location")
    if not location:
        return [checks.Error("STORAGES['documents'] needs a location.", id="documents.E001")]
    private = Path(location).resolve()
    public = [settings.STATIC_ROOT, settings.MEDIA_ROOT]
    errors = []
    for root in filter(None, public):
        root = Path(root).resolve()
        if private == root or root in private.parents or private in root.parents:
            errors.append(
                checks.Error(
                    f"The private documents ({private}) overlap a served folder ({root}).",
                    id="documents.E002",
                )
            )
    return errors
