from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.validators import TextLimit
from reports.definition import fields_of


class ReportTemplate(models.Model):
    """A program's report template for some kinds of contact; its content lives in versions."""

    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        related_name="report_templates",
        verbose_name=_("program"),
    )
    name = models.CharField(_("name"), max_length=200)
    # Stored as ",home_visit,phone," so one LIKE finds the templates for a kind on any database.
    contact_kinds = models.CharField(_("for contacts of kind"), max_length=200)
    first_visit_only = models.BooleanField(
        _("for the first home visit after move-in"), default=False
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["program", "-first_visit_only", "name"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return self.name

    @property
    def kinds(self) -> list[str]:
        return [k for k in self.contact_kinds.split(",") if k]

    @kinds.setter
    def kinds(self, values) -> None:
        self.contact_kinds = "," + ",".join(values) + ","

    @property
    def current(self) -> "ReportTemplateVersion":
        return self.versions.order_by("-number").first()


class ReportTemplateVersion(models.Model):
    """One version of a template. A report keeps the version it was written on, forever."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    definition = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="one_template_version_number"
            )
        ]
        verbose_name = _("report template version")
        verbose_name_plural = _("report template versions")

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    @property
    def fields(self) -> list[dict]:
        return fields_of(self.definition)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class ReportQuerySet(models.QuerySet):
    def drafts(self) -> "ReportQuerySet":
        return self.filter(status=ReportStatus.DRAFT)


class Report(models.Model):
    """The report after a visit (R10): a draft saved as the worker types; once signed never
    edited, only amended by dated addenda."""

    contact = models.OneToOneField(
        "visits.Contact", on_delete=models.PROTECT, related_name="report", verbose_name=_("contact")
    )
    template_version = models.ForeignKey(
        ReportTemplateVersion, on_delete=models.PROTECT, related_name="reports"
    )
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-contact__on", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft", signed_at__isnull=True)
                | models.Q(status="signed", signed_at__isnull=False, signed_by__isnull=False),
                name="report_signed_iff_signature",
                violation_error_message=_("A signed report has a signature and a date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_status_display()})"

    @property
    def is_signed(self) -> bool:
        return self.status == ReportStatus.SIGNED


class Addendum(models.Model):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField(_("addendum"), max_length=TextLimit.ACCOUNT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "id"]
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")

    def __str__(self) -> str:
        return f"{self.written_at:%Y-%m-%d} {self.written_by}"


def templates_for_contact_exists():
    """An Exists() that is true when a contact's program has a template for its kind."""
    return Exists(
        ReportTemplate.objects.filter(
            program=OuterRef("case__program"),
            is_active=True,
            contact_kinds__contains=models.functions.Concat(
                models.Value(","), OuterRef("kind"), models.Value(",")
            ),
        )
    )
