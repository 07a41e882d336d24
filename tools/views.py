import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from cases.access import get_case_for_user
from cases.models import Case
from programs.access import get_managed_program, may_see_sensitive
from programs.views import manager_required
from tools.access import get_assessment_for_user, get_factor_of_case
from tools.areas import LifeArea
from tools.assessments import take_assessment
from tools.forms import (
    AssessmentForm,
    FactorEditForm,
    FactorForm,
    InstrumentForm,
    ReviewForm,
    area_choices,
)
from tools.framework import (
    changes_since,
    factors_for_matrix,
    last_review,
    matrix,
    reviews_of,
)
from tools.models import Factor, FactorKind, FrameworkReview, Instrument, InstrumentVersion


def _offered(case: Case):
    return Instrument.objects.for_program(case.program).with_current_version()


@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, case_id: int) -> HttpResponse:
    """Take an assessment with the person, with the instrument's current version; without
    ``?instrument=`` the page offers the program's instruments."""
    case = get_case_for_user(request, case_id)
    contact = None
    if request.GET.get("contact", "").isdigit():
        contact = get_object_or_404(case.contacts, pk=request.GET["contact"])
    instrument_id = request.GET.get("instrument", "")
    if not instrument_id.isdigit():
        return render(
            request,
            "tools/assessment_choose.html",
            {"case": case, "instruments": _offered(case), "contact": contact},
        )
    instrument = get_object_or_404(_offered(case), pk=instrument_id)
    version = instrument.current
    if version is None:
        raise PermissionDenied
    version.instrument = instrument
    show_sensitive = may_see_sensitive(request.user, case)
    form = AssessmentForm(
        request.POST or None,
        version=version,
        case=case,
        show_sensitive=show_sensitive,
        contact=contact,
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = take_assessment(
                case=case,
                version=version,
                answers=form.answers(),
                taken_on=form.cleaned_data["taken_on"],
                contact=form.cleaned_data["contact"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            record(request, "create", assessment, person_id=case.person_id)
            messages.success(request, _("Assessment saved."))
            return redirect("tools:assessment", assessment_id=assessment.pk)
    return render(
        request,
        "tools/assessment_form.html",
        {"case": case, "instrument": instrument, "version": version, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = get_assessment_for_user(request, assessment_id)
    show = assessment.show_sensitive
    return render(
        request,
        "tools/assessment_detail.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "domains": assessment.domains(show_sensitive=show),
            "hidden": assessment.has_hidden_domains(show_sensitive=show),
        },
    )


# The program's instruments ------------------------------------------------------------------


@manager_required
def instrument_list(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_managed_program(request.user, program_id)
    instruments = (
        Instrument.objects.filter(Q(program__isnull=True) | Q(program=program))
        .with_current_version()
        .order_by("-builtin", "name")
    )
    return render(
        request, "tools/instrument_list.html", {"program": program, "instruments": instruments}
    )


def _save_instrument(instrument: Instrument, form: InstrumentForm, by) -> None:
    # The instrument and its new version are one change.
    with transaction.atomic():
        instrument.name = form.cleaned_data["name"]
        instrument.is_active = form.cleaned_data["is_active"]
        if instrument.pk is None:
            instrument.key = form.cleaned_data["key"]
        instrument.save()
        current = instrument.current
        if current is None or current.definition != form.cleaned_data["definition"]:
            InstrumentVersion.objects.create(
                instrument=instrument,
                number=(current.number + 1) if current else 1,
                definition=form.cleaned_data["definition"],
                created_by=by,
            )


@require_http_methods(["GET", "POST"])
@manager_required
def instrument_create(request: HttpRequest, program_id: int) -> HttpResponse:
    """A new instrument of the program; ``?copy=<id>`` starts from an instrument it can see."""
    program = get_managed_program(request.user, program_id)
    initial = {"is_active": True}
    source_id = request.GET.get("copy", "")
    if source_id.isdigit():
        source = get_object_or_404(
            Instrument.objects.filter(Q(program__isnull=True) | Q(program=program)),
            pk=source_id,
        )
        if source.current is not None:
            initial["definition"] = json.dumps(
                source.current.definition, ensure_ascii=False, indent=2
            )
    form = InstrumentForm(request.POST or None, program=program, initial=initial)
    if request.method == "POST" and form.is_valid():
        _save_instrument(Instrument(program=program), form, request.user)
        messages.success(request, _("Instrument saved."))
        return redirect("tools:instruments", program_id=program.pk)
    return render(
        request,
        "tools/instrument_form.html",
        {"form": form, "program": program, "title": _("New instrument")},
    )


@require_http_methods(["GET", "POST"])
@manager_required
def instrument_edit(request: HttpRequest, program_id: int, instrument_id: int) -> HttpResponse:
    """Editing saves a new version; assessments already taken keep theirs."""
    program = get_managed_program(request.user, program_id)
    instrument = get_object_or_404(Instrument, pk=instrument_id, program=program)
    current = instrument.current
    form = InstrumentForm(
        request.POST or None,
        program=program,
        instrument=instrument,
        initial={
            "name": instrument.name,
            "key": instrument.key,
            "is_active": instrument.is_active,
            "definition": json.dumps(current.definition, ensure_ascii=False, indent=2)
            if current
            else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        _save_instrument(instrument, form, request.user)
        messages.success(request, _("Instrument saved as a new version."))
        return redirect("tools:instruments", program_id=program.pk)
    return render(
        request,
        "tools/instrument_form.html",
        {"form": form, "program": program, "title": instrument.name, "instrument": instrument},
    )


# The vulnerability framework ----------------------------------------------------------------


def _record_sensitive_read(request: HttpRequest, case: Case, factors, *, show_sensitive) -> None:
    """Shown mental-health and substance-use factors are a read of their own (R35)."""
    if show_sensitive and any(f.is_sensitive for f in factors):
        record(
            request,
            "view",
            object_type="tools.Factor",
            person_id=case.person_id,
            detail={"sensitive": True},
        )


def vulnerability(request: HttpRequest, case_id: int) -> HttpResponse:
    """The matrix of life areas × risk and protection factors, and what changed since the
    last review (R11)."""
    case = get_case_for_user(request, case_id)
    show_sensitive = may_see_sensitive(request.user, case)
    factors = factors_for_matrix(case)
    reviews = list(reviews_of(case)[:5])
    review = reviews[0] if reviews else None
    rows = matrix(factors, show_sensitive=show_sensitive, today=timezone.localdate())
    _record_sensitive_read(request, case, factors, show_sensitive=show_sensitive)
    return render(
        request,
        "tools/vulnerability.html",
        {
            "case": case,
            "rows": rows,
            "changes": changes_since(case, review, factors, show_sensitive=show_sensitive),
            "reviews": reviews,
            "any_hidden": any(row.hidden for row in rows),
        },
    )


@require_http_methods(["GET", "POST"])
def factor_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    show_sensitive = may_see_sensitive(request.user, case)
    areas = dict(area_choices(show_sensitive=show_sensitive))
    initial = {
        "area": request.GET.get("area") if request.GET.get("area") in areas else LifeArea.HOUSING,
        "kind": request.GET.get("kind")
        if request.GET.get("kind") in FactorKind.values
        else FactorKind.RISK,
        "noted_on": timezone.localdate(),
    }
    form = FactorForm(
        request.POST or None,
        instance=Factor(case=case, recorded_by=request.user),
        case=case,
        show_sensitive=show_sensitive,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        factor = form.save()
        record(request, "create", factor, person_id=case.person_id)
        messages.success(request, _("Factor added."))
        return redirect("tools:vulnerability", case_id=case.pk)
    context = {"form": form, "case": case, "title": _("Add a factor")}
    if request.htmx and request.method == "GET":
        # The catalogue follows the chosen area and kind.
        return render(request, "tools/factor_form.html#catalogue", context)
    return render(request, "tools/factor_form.html", context)


@require_http_methods(["GET", "POST"])
def factor_edit(request: HttpRequest, case_id: int, factor_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    factor = get_factor_of_case(case, factor_id)
    factor.case = case
    if factor.is_sensitive and not may_see_sensitive(request.user, case):
        raise PermissionDenied
    form = FactorEditForm(request.POST or None, instance=factor)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", factor, person_id=case.person_id)
        messages.success(request, _("Factor saved."))
        return redirect("tools:vulnerability", case_id=case.pk)
    record(
        request,
        "view",
        factor,
        person_id=case.person_id,
        detail={"sensitive": True} if factor.is_sensitive else None,
    )
    return render(
        request,
        "tools/factor_form.html",
        {
            "form": form,
            "case": case,
            "factor": factor,
            "title": f"{factor.get_area_display()} · {factor.get_kind_display()}",
        },
    )


@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    form = ReviewForm(
        request.POST or None,
        instance=FrameworkReview(case=case, reviewed_by=request.user),
        initial={"reviewed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        review = form.save()
        record(request, "create", review, person_id=case.person_id)
        messages.success(request, _("Review recorded."))
        return redirect("tools:vulnerability", case_id=case.pk)
    show_sensitive = may_see_sensitive(request.user, case)
    factors = factors_for_matrix(case)
    _record_sensitive_read(request, case, factors, show_sensitive=show_sensitive)
    return render(
        request,
        "tools/review_form.html",
        {
            "form": form,
            "case": case,
            "changes": changes_since(
                case, last_review(case), factors, show_sensitive=show_sensitive
            ),
        },
    )
