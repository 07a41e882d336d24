"""A person's papers (issue 5 §9, R35): ID papers, lease, receipts, benefit letters… kept in a
private storage (``STORAGES["documents"]``) that has no URL; they leave Hearth only through the
audited download view. The bytes are written by ``documents.storing``; a row only names them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.downloads import safe_filename
from hearth.validators import TextLimit


class DocumentKind(models.TextChoices):
    ID_PAPERS = "id_papers", _("ID papers")
    LEASE = "lease", _("Lease")
    RECEIPT = "receipt", _("Receipt")
    BENEFIT_LETTER = "benefit_letter", _("Benefit letter")
    MEDICAL = "medical", _("Medical")
    OTHER = "other", _("Other")


class DocumentQuerySet(models.QuerySet):
    def kept(self) -> "DocumentQuerySet":
        """Documents that have not been withdrawn: the ones listed and downloadable."""
        return self.filter(withdrawn_at__isnull=True)

    def for_person_section(self, person) -> "DocumentQuerySet":
        return self.kept().filter(person=person).select_related("uploaded_by", "case")


class Document(models.Model):
    """One stored file about a person. The content type is what the bytes are (detected), not
    what the file name claimed; ``sha256`` lets anyone check the file was not altered.

    Withdrawing a document removes its bytes and keeps this row and its history: the trail of
    who uploaded, downloaded and withdrew it outlives the file."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("person"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
        blank=True,
        verbose_name=_("case"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    # The name inside the private storage; never shown, never a URL.
    stored_name = models.CharField(max_length=255, editable=False)
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    extension = models.CharField(max_length=10, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("withdrawn by"),
    )
    withdrawn_reason = models.TextField(
        _("why it was withdrawn"), blank=True, max_length=TextLimit.NOTE
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def download_name(self) -> str:
        """A safe file name: the title (any language's letters kept) and the extension of the
        detected type."""
        return safe_filename(self.title[:80] or "document", self.extension)
