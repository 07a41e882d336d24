import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.log import record
from cases.access import get_case_for_user
from cases.models import Case
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.downloads import PDF, file_response
from housing.models import LivingSituation
from programs.access import get_managed_program, programs_managed_by
from programs.views import manager_required
from reports.access import get_report_for_user
from reports.forms import AddendumForm, ReportForm, TemplateForm
from reports.models import ReportTemplate, ReportTemplateVersion
from reports.pdf import case_summary_pdf, report_pdf
from reports.workflow import (
    add_addendum,
    missing_required,
    report_for_new_contact,
    save_draft,
    sign,
)
from visits.models import Contact


def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request, report_id)
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "form": ReportForm(report=report),
            "addendum_form": AddendumForm(),
            "addenda": report.addenda.select_related("written_by"),
            "staff": report.contact.staff.all(),
        },
    )


@require_POST
def report_draft(request: HttpRequest, report_id: int) -> HttpResponse:
    """htmx: save the draft as the worker types. A conflicting save is refused, not merged."""
    report = get_report_for_user(request, report_id, action="change")
    form = ReportForm(request.POST, report=report)
    # Each field's error slot comes back too (out of band): an error shows beside its field,
    # where the worker is typing, and a field put right is cleared.
    context = {"report": report, "form": form, "oob": True}
    if not form.is_valid():
        # Said here, where the worker looks while typing: which answer, and what is wrong.
        context["problem"] = " ".join(
            [
                str(_("Not saved: please check the form.")),
                *(
                    f"{form.fields[name].label}: {error}"
                    for name, errors in form.errors.items()
                    for error in errors
                ),
            ]
        )
    else:
        try:
            save_draft(
                report, answers=form.answers(), expected_version=form.cleaned_data["version"]
            )
        except StaleEdit:
            context["problem"] = STALE_MESSAGE
        except ValidationError as exc:
            context["problem"] = " ".join(exc.messages)
        else:
            context["saved_at"] = timezone.localtime()
    return render(request, "reports/report.html#save-status", context)


@require_POST
def report_sign(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request, report_id, action="change")
    form = ReportForm(request.POST, report=report)
    if form.is_valid():
        try:
            sign(
                report,
                answers=form.answers(),
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ValidationError as exc:
            form.add_error(None, exc)
            for spec in missing_required(report, form.answers()):
                form.add_error(spec["key"], _("Fill this in before signing."))
        else:
            messages.success(request, _("The report is signed."))
            return redirect("people:detail", person_id=report.contact.case.person_id)
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "form": form,
            "addendum_form": AddendumForm(),
            "addenda": report.addenda.all(),
            "staff": report.contact.staff.all(),
        },
        status=400,
    )


@require_POST
def report_addendum(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request, report_id, action="change")
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            addendum = add_addendum(report, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            record(request, "create", addendum, person_id=report.contact.case.person_id)
            messages.success(request, _("Addendum added."))
    return redirect("reports:edit", report_id=report.pk)


def _pdf(body: bytes, stem: str) -> HttpResponse:
    return file_response(body, stem=stem, extension="pdf", content_type=PDF, inline=True)


def report_pdf_view(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request, report_id, action="export")
    return _pdf(report_pdf(report), f"report-{report.pk}")


def case_summary_pdf_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id, action="export")
    situation = (
        LivingSituation.objects.filter(person_id=case.person_id)
        .order_by("-started_on", "-id")
        .first()
    )
    body = case_summary_pdf(
        case,
        situation=situation,
        contacts=case.contacts.order_by("-on", "-id")[:10],
        crises=case.crises.order_by("-occurred_at")[:5],
    )
    return _pdf(body, f"case-{case.pk}")


@manager_required
def template_list(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_managed_program(request.user, program_id)
    templates = program.report_templates.prefetch_related("versions")
    return render(
        request, "reports/template_list.html", {"program": program, "templates": templates}
    )


def _save_template(template: ReportTemplate, form: TemplateForm, by) -> None:
    # The template and its new version are one change.
    with transaction.atomic():
        template.name = form.cleaned_data["name"]
        template.kinds = form.cleaned_data["kinds"]
        template.first_visit_only = form.cleaned_data["first_visit_only"]
        template.is_active = form.cleaned_data["is_active"]
        template.save()
        current = template.current
        if current is None or current.definition != form.cleaned_data["definition"]:
            ReportTemplateVersion.objects.create(
                template=template,
                number=(current.number + 1) if current else 1,
                definition=form.cleaned_data["definition"],
                created_by=by,
            )


@require_http_methods(["GET", "POST"])
@manager_required
def template_create(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_managed_program(request.user, program_id)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _save_template(ReportTemplate(program=program), form, request.user)
        messages.success(request, _("Template saved."))
        return redirect("reports:templates", program_id=program.pk)
    return render(request, "programs/form.html", {"form": form, "title": _("New report template")})


@require_http_methods(["GET", "POST"])
@manager_required
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    """Editing saves a new version; reports already written keep theirs."""
    template = get_object_or_404(
        ReportTemplate.objects.filter(program__in=programs_managed_by(request.user)), pk=template_id
    )
    current = template.current
    form = TemplateForm(
        request.POST or None,
        initial={
            "name": template.name,
            "kinds": template.kinds,
            "first_visit_only": template.first_visit_only,
            "is_active": template.is_active,
            "definition": json.dumps(current.definition, ensure_ascii=False, indent=2)
            if current
            else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        _save_template(template, form, request.user)
        messages.success(request, _("Template saved as a new version."))
        return redirect("reports:templates", program_id=template.program_id)
    return render(request, "programs/form.html", {"form": form, "title": template.name})


def report_write(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Open the report of a contact, starting it from the program's template if needed."""
    contact = get_object_or_404(
        Contact.objects.filter(case__in=Case.objects.visible_to(request.user)).select_related(
            "case"
        ),
        pk=contact_id,
    )
    report = getattr(contact, "report", None) or report_for_new_contact(
        contact, author=request.user
    )
    if report is None:
        messages.info(request, _("This program has no report template for this kind of contact."))
        return redirect("people:detail", person_id=contact.case.person_id)
    record(request, "view", report, person_id=contact.case.person_id)
    return redirect("reports:edit", report_id=report.pk)
