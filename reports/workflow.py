"""The life of a visit report: drafted as the worker types, signed once, amended by addenda."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.concurrency import lock_current
from reports.definition import answers_too_long
from reports.models import (
    Addendum,
    Report,
    ReportStatus,
    ReportTemplate,
    templates_for_contact_exists,
)
from visits.models import Contact, ContactKind


def template_for(contact: Contact) -> ReportTemplate | None:
    """The program's template for this kind of contact; the first home visit after move-in
    gets the first-visit template when the program has one (seed 002)."""
    templates = ReportTemplate.objects.filter(
        program_id=contact.case.program_id,
        is_active=True,
        contact_kinds__contains=f",{contact.kind},",
    ).order_by("-first_visit_only", "name")
    first_visit = (
        contact.kind == ContactKind.HOME_VISIT
        and not Contact.objects.filter(
            case_id=contact.case_id, kind=ContactKind.HOME_VISIT, report__isnull=False
        )
        .exclude(pk=contact.pk)
        .exists()
    )
    for template in templates:
        if template.first_visit_only and not first_visit:
            continue
        return template
    return None


def report_for_new_contact(contact: Contact, *, author) -> Report | None:
    template = template_for(contact)
    if template is None or template.current is None:
        return None
    return Report.objects.create(contact=contact, template_version=template.current, author=author)


def _locked(report: Report, expected_version: int) -> Report:
    current = lock_current(report, expected_version)
    if current.status == ReportStatus.SIGNED:
        raise ValidationError(_("This report is signed: add an addendum instead."))
    return current


def _check_lengths(report: Report, answers: dict) -> None:
    too_long = answers_too_long(report.template_version.definition, answers)
    if too_long:
        raise ValidationError(too_long)


def save_draft(report: Report, *, answers: dict, expected_version: int) -> None:
    """Save what the worker has typed so far. Refused when someone else saved in between."""
    _check_lengths(report, answers)
    with transaction.atomic():  # the version check and the write under one row lock
        current = _locked(report, expected_version)
        report.answers = answers
        report.version = current.version + 1
        report.save(update_fields=["answers", "version", "updated_at"])


def missing_required(report: Report, answers: dict) -> list[dict]:
    """The template's required fields (their definitions) that ``answers`` leaves empty."""
    return [
        field
        for field in report.template_version.fields
        if field.get("required") and answers.get(field["key"]) in (None, "", [])
    ]


def sign(report: Report, *, answers: dict, by, expected_version: int) -> None:
    """Sign the report with its final answers. After this it is never edited."""
    _check_lengths(report, answers)
    missing = missing_required(report, answers)
    if missing:
        raise ValidationError(
            _("Still to fill in before signing: %(fields)s.")
            % {"fields": ", ".join(field["label"] for field in missing)}
        )
    with transaction.atomic():
        current = _locked(report, expected_version)
        report.answers = answers
        report.status = ReportStatus.SIGNED
        report.signed_by = by
        report.signed_at = timezone.now()
        report.version = current.version + 1
        report.save()


def add_addendum(report: Report, *, text: str, by) -> Addendum:
    if not report.is_signed:
        raise ValidationError(_("A draft is edited directly; addenda are for signed reports."))
    if not text.strip():
        raise ValidationError({"text": _("Write the addendum.")})
    return Addendum.objects.create(report=report, text=text.strip(), written_by=by)


def missing_reports(contacts):
    """Contacts of a kind the program reports on, with no report at all yet."""
    return contacts.filter(templates_for_contact_exists(), report__isnull=True)
