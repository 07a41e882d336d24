"""A person's papers (issue 5 §9, R35): ID papers, lease, receipts, benefit letters… kept in a
private storage (``STORAGES["documents"]``) that has no URL; they leave Hearth only through the
audited download view. The bytes are written by ``documents.storing``; a row only names them.

An ``Acknowledgement`` records that the person received, or read, one of their documents (a
lease, the house rules, an information sheet on their rights): signed on the worker's phone —
its signed copy then kept as one more of their documents — on paper, or aloud before a witness
(issue 12 §8)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.downloads import safe_filename
from hearth.fields import NameField
from hearth.signatures import AgreementWay, signature_column, signed_on_screen_check
from hearth.validators import TextLimit


class DocumentKind(models.TextChoices):
    ID_PAPERS = "id_papers", _("ID papers")
    LEASE = "lease", _("Lease")
    RECEIPT = "receipt", _("Receipt")
    BENEFIT_LETTER = "benefit_letter", _("Benefit letter")
    MEDICAL = "medical", _("Medical")
    HOUSE_RULES = "house_rules", _("House rules")
    RIGHTS_INFO = "rights_info", _("Information on the person's rights")
    # Made by Hearth when the person signs on the screen (a consent, an acknowledgement).
    SIGNED_COPY = "signed_copy", _("Signed copy")
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


class AcknowledgementStatement(models.TextChoices):
    """What the person acknowledges, in their own voice: it is printed on the signed copy."""

    RECEIVED = "received", _("I have received this document.")
    READ = "read", _("I have read this document, or had it read to me, and I understand it.")


class Acknowledgement(models.Model):
    """The person acknowledges one of their documents. Never edited: a new acknowledgement is
    a new row; signed on the screen exactly when the signature and its signed copy are kept."""

    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        verbose_name=_("document"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        verbose_name=_("person"),
    )
    statement = models.CharField(
        _("what the person acknowledges"), max_length=10, choices=AcknowledgementStatement.choices
    )
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    given_how = models.CharField(_("how it was given"), max_length=16, choices=AgreementWay.choices)
    witness = NameField(_("witness"), max_length=200, blank=True)
    signature = signature_column()
    signed_copy = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_acknowledgement",
        verbose_name=_("signed copy"),
        editable=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["signature"])

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            signed_on_screen_check(name="acknowledgement_signed_on_screen_iff_signed"),
            models.CheckConstraint(
                condition=~Q(given_how=AgreementWay.AGREED_ALOUD) | ~Q(witness=""),
                name="acknowledgement_aloud_has_witness",
                violation_error_message=_("Name the witness of a spoken agreement."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_statement_display()} · {self.document.title}"
