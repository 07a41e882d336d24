"""Writing, reading and withdrawing the bytes of a person's documents (R35).

The file is written before the row and outside any transaction (STYLE.md: file writes stay
outside it): if the row cannot be saved, the file is deleted again, so nothing is half-saved.
What a file *is* comes from its first bytes (``filetype``), never from its name."""

import hashlib
import uuid
from collections.abc import Callable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Document, DocumentKind
from hearth.concurrency import lock_current

# Detected content type → extension used for the stored and downloaded file.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
}
_HEAD_BYTES = 8192


def private_storage() -> Storage:
    """The documents' own storage: no URL, outside STATIC_ROOT and MEDIA_ROOT."""
    return storages["documents"]


def max_upload_bytes() -> int:
    return settings.DOCUMENTS_MAX_UPLOAD_BYTES


def detect(head: bytes) -> str | None:
    """The content type of the allow-list that the bytes are, or None."""
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        return None
    return kind.mime


def check_upload(uploaded_file) -> str:
    """Refuse a file that is too large, empty or not an allowed type; return its type."""
    limit = max_upload_bytes()
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s): at most %(limit)s.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not uploaded_file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    uploaded_file.seek(0)
    head = uploaded_file.read(_HEAD_BYTES)
    uploaded_file.seek(0)
    content_type = detect(head)
    if content_type is None:
        raise ValidationError(
            _(
                "This kind of file cannot be kept. "
                "Upload a PDF, or a JPEG, PNG, WEBP or HEIC photo."
            ),
            code="type",
        )
    return content_type


def _digest(uploaded_file) -> str:
    sha = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in (
        uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]
    ):
        sha.update(chunk)
    uploaded_file.seek(0)
    return sha.hexdigest()


def store_upload(uploaded_file, *, person, case=None, kind: str, title: str, by) -> Document:
    """Check, store and record one file about ``person``. Raises ValidationError (translated)
    and keeps nothing when the file is refused. Call it outside a transaction."""
    if kind == DocumentKind.SIGNED_COPY:
        # Only Hearth makes one, from what the person signed on the screen (documents.signed).
        raise ValidationError(
            _("A signed copy is made when the person signs on the screen; it is not uploaded."),
            code="kind",
        )
    return store_with(uploaded_file, person=person, case=case, kind=kind, title=title, by=by)


def store_with[T](
    uploaded_file,
    *,
    person,
    case=None,
    kind: str,
    title: str,
    by,
    then: Callable[[Document], T] | None = None,
) -> T:
    """``store_upload``, and ``then(document)`` written in the same transaction as the row: a
    record that the file belongs to (a signed consent and its signed copy) is kept with it or
    not at all, and the file goes again when either cannot be saved. Returns what ``then``
    returns (the document without it). Call it outside a transaction."""
    if case is not None and case.person_id != person.pk:
        raise ValidationError(_("The case is not this person's."), code="case")
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the document a title."), code="title")
    content_type = check_upload(uploaded_file)
    extension = ALLOWED_TYPES[content_type]
    sha256 = _digest(uploaded_file)
    storage = private_storage()
    # A random name: nothing about the person or the file is readable in the storage.
    name = storage.save(f"persons/{person.pk}/{uuid.uuid4().hex}.{extension}", File(uploaded_file))
    try:
        with transaction.atomic():
            document = Document.objects.create(
                person=person,
                case=case,
                kind=kind,
                title=title[:200],
                stored_name=name,
                original_name=(getattr(uploaded_file, "name", "") or "")[-255:],
                size=storage.size(name),
                content_type=content_type,
                extension=extension,
                sha256=sha256,
                uploaded_by=by,
            )
            result = then(document) if then is not None else document
    except BaseException:
        storage.delete(name)
        raise
    return result


def open_document(document: Document):
    """The stored file, opened for reading (FileNotFoundError when its bytes are gone)."""
    if document.is_withdrawn:
        raise FileNotFoundError(document.stored_name)
    return private_storage().open(document.stored_name, "rb")


def withdraw(document: Document, *, by, reason: str = "") -> None:
    """The document leaves the list and its bytes are deleted once the change is committed;
    the row, its history and the audit trail stay."""
    with transaction.atomic():
        locked = lock_current(document, None)
        if locked.is_withdrawn:
            return
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = by
        locked.withdrawn_reason = reason
        locked.version += 1
        locked.save()
        name = locked.stored_name
        transaction.on_commit(lambda: private_storage().delete(name))
    document.refresh_from_db()


def discard(document: Document) -> None:
    """Undo a ``store_upload`` whose workflow failed right after it (e.g. a payment refused
    as stale): the row and the file go, as if the upload never happened."""
    name = document.stored_name
    Document.history.filter(id=document.pk).delete()
    document.delete()
    private_storage().delete(name)
