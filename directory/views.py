"""Pages of the directory: the local resource survey (R15) with its update suggestions, and the
partners the programs collaborate with (R14, R24, R30). Organisation records: each page shows
only the directories of the organisations the user works for."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.log import record
from cases.access import get_case_for_user
from directory import access, survey
from directory.forms import (
    AgreementForm,
    CheckedForm,
    NewPartnerForm,
    NewResourceForm,
    PartnerContactForm,
    PartnerForm,
    PartnerSearchForm,
    RejectForm,
    ResourceForm,
    ResourceSearchForm,
    SuggestionForm,
)
from directory.models import (
    CHECK_INTERVAL_DAYS,
    CollaborationAgreement,
    Partner,
    PartnerContact,
    Resource,
    ResourceUpdateSuggestion,
    SuggestionStatus,
)
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.text import fold

PAGE_SIZE = 25


def _form_page(
    request, form, *, title: str, back: str, back_label: str, intro: str = "", problem: str = ""
):
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "back_label": back_label,
            "intro": intro,
            "problem": problem,
        },
    )


# Resources ------------------------------------------------------------------------------------


def _filter_choices(resources) -> tuple[list[str], list[str]]:
    """The areas and languages present in the directory, for the filters (one query)."""
    rows = resources.order_by().values_list("area", "languages").distinct()
    areas, languages = set(), set()
    for area, langs in rows:
        if area:
            areas.add(area)
        languages.update(part.strip() for part in langs.split(",") if part.strip())
    return sorted(areas), sorted(languages, key=fold)


def resource_list(request: HttpRequest) -> HttpResponse:
    """Search and filter the survey; paginated; the query count does not grow with the rows."""
    resources = access.resources_visible_to(request.user)
    areas, languages = _filter_choices(resources)
    form = ResourceSearchForm(request.GET or None, areas=areas, languages=languages)
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    if not data.get("inactive"):
        resources = resources.active()
    resources = resources.search(data.get("q", ""))
    if data.get("kind"):
        resources = resources.filter(kind=data["kind"])
    if data.get("area"):
        resources = resources.filter(area=data["area"])
    if data.get("language"):
        resources = resources.filter(languages__icontains=data["language"])
    if data.get("needs_checking"):
        resources = resources.needing_check(today)
    page = Paginator(resources.order_by("name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for resource in page.object_list:
        resource.stale = resource.needs_checking(today)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_edit": access.editor_organisations(request.user).exists(),
        "months": CHECK_INTERVAL_DAYS // 30,
    }
    template = (
        "directory/resource_list.html#results" if request.htmx else "directory/resource_list.html"
    )
    return render(request, template, context)


def resource_detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = access.get_resource_for_user(request.user, resource_id)
    context = {
        "resource": resource,
        "stale": resource.needs_checking(),
        "may_edit": access.may_edit(request.user, resource.organisation_id),
        "checked_form": CheckedForm(initial={"version": resource.version}),
        "partners": list(resource.partners.all()),
        "pending": resource.suggestions.filter(status=SuggestionStatus.PENDING).count(),
    }
    return render(request, "directory/resource_detail.html", context)


def _require_editor(request, organisation_id: int) -> None:
    if not access.may_edit(request.user, organisation_id):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def resource_add(request: HttpRequest) -> HttpResponse:
    organisations = access.editor_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = NewResourceForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        resource = form.save(commit=False)
        resource.last_checked_on = timezone.localdate()
        resource.last_checked_by = request.user
        resource.save()
        messages.success(request, _("The resource is in the directory."))
        return redirect("directory:resource", resource_id=resource.pk)
    return _form_page(
        request,
        form,
        title=_("Add a resource"),
        back=reverse("directory:resources"),
        back_label=_("Resources"),
    )


@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = access.get_resource_for_user(request.user, resource_id)
    _require_editor(request, resource.organisation_id)
    problem = ""
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["mark_checked"]:
            resource.last_checked_on = timezone.localdate()
            resource.last_checked_by = request.user
        if form.save_versioned():
            messages.success(request, _("Saved."))
            return redirect("directory:resource", resource_id=resource.pk)
        # Someone else saved first: show their version, save nothing.
        resource.refresh_from_db()
        form = ResourceForm(instance=resource)
        problem = STALE_MESSAGE
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": resource.name},
        back=reverse("directory:resource", args=[resource.pk]),
        back_label=resource.name,
        problem=problem,
    )


@require_POST
def resource_checked(request: HttpRequest, resource_id: int) -> HttpResponse:
    """“Mark as checked today”: the entry was confirmed to be right."""
    resource = access.get_resource_for_user(request.user, resource_id)
    _require_editor(request, resource.organisation_id)
    form = CheckedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: please try again."))
    else:
        try:
            survey.mark_checked(
                resource, by=request.user, expected_version=form.cleaned_data["version"]
            )
        except StaleEdit:
            messages.error(request, STALE_MESSAGE)
        else:
            messages.success(request, _("Marked as checked today."))
    return redirect("directory:resource", resource_id=resource.pk)


# Suggestions ----------------------------------------------------------------------------------


def _suggestion_page(request, form, *, title, back, back_label, resource=None, case=None):
    return render(
        request,
        "directory/suggest.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "back_label": back_label,
            "resource": resource,
            "case": case,
        },
    )


@require_http_methods(["GET", "POST"])
def suggest_update(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Any staff member of the organisation suggests a correction from the resource page."""
    resource = access.get_resource_for_user(request.user, resource_id)
    form = SuggestionForm(request.POST or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        survey.suggest(
            organisation=resource.organisation,
            resource=resource,
            changes=form.changes(),
            note=form.cleaned_data["note"].strip(),
            by=request.user,
        )
        messages.success(request, _("Thank you: a data administrator will review it."))
        return redirect("directory:resource", resource_id=resource.pk)
    return _suggestion_page(
        request,
        form,
        title=_("Suggest an update"),
        back=reverse("directory:resource", args=[resource.pk]),
        back_label=resource.name,
        resource=resource,
    )


@require_http_methods(["GET", "POST"])
def suggest_new(request: HttpRequest) -> HttpResponse:
    """Propose a resource that is not in the directory yet."""
    organisations = access.staff_organisations(request.user)
    organisation = organisations.first()
    if organisation is None:
        raise PermissionDenied
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey.suggest(
            organisation=organisation,
            resource=None,
            changes=form.changes(),
            note=form.cleaned_data["note"].strip(),
            by=request.user,
        )
        messages.success(request, _("Thank you: a data administrator will review it."))
        return redirect("directory:resources")
    return _suggestion_page(
        request,
        form,
        title=_("Propose a new resource"),
        back=reverse("directory:resources"),
        back_label=_("Resources"),
    )


@require_http_methods(["GET", "POST"])
def suggest_from_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """From a case (R15: the survey is updated from each case): pick the resource to correct
    (``?resource=<id>``) or propose a new one (``?new=1``). The suggestion keeps the case, and
    is audited on the person's record."""
    case = get_case_for_user(request, case_id)
    organisation = case.program.organisation
    resources = access.resources_visible_to(request.user).filter(organisation=organisation)
    chosen = request.GET.get("resource", "")
    resource = get_object_or_404(resources, pk=int(chosen)) if chosen.isdigit() else None
    back = reverse("people:detail", args=[case.person_id])
    if resource is None and not request.GET.get("new"):
        # First step: which resource is it about?
        return render(
            request,
            "directory/suggest_pick.html",
            {"case": case, "resources": resources.active().only("pk", "name"), "back": back},
        )
    form = SuggestionForm(request.POST or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        suggestion = survey.suggest(
            organisation=organisation,
            resource=resource,
            changes=form.changes(),
            note=form.cleaned_data["note"].strip(),
            by=request.user,
            case=case,
        )
        record(request, "create", suggestion, person_id=case.person_id)
        messages.success(request, _("Thank you: a data administrator will review it."))
        return redirect(back)
    return _suggestion_page(
        request,
        form,
        title=_("Suggest a directory update"),
        back=back,
        back_label=_("Back to the case"),
        resource=resource,
        case=case,
    )


def suggestion_list(request: HttpRequest) -> HttpResponse:
    """The review queue of data administrators, and everyone's own suggestions."""
    suggestions = access.suggestions_visible_to(request.user).select_related(
        "resource", "suggested_by", "decided_by"
    )
    status = request.GET.get("status", SuggestionStatus.PENDING)
    if status not in SuggestionStatus.values:
        status = SuggestionStatus.PENDING
    page = Paginator(suggestions.filter(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": SuggestionStatus.choices,
        "reviewer": access.reviewer_organisations(request.user).exists(),
    }
    return render(request, "directory/suggestion_list.html", context)


def _changes_table(suggestion: ResourceUpdateSuggestion) -> list[dict]:
    rows = []
    for field in Resource.EDITABLE_FIELDS:
        if field not in suggestion.changes:
            continue
        model_field = Resource._meta.get_field(field)
        new = suggestion.changes[field]
        if model_field.choices:
            new = dict(model_field.flatchoices).get(new, new)
        old = ""
        if suggestion.resource is not None:
            old = getattr(suggestion.resource, field)
            if model_field.choices:
                old = getattr(suggestion.resource, f"get_{field}_display")()
        rows.append({"label": model_field.verbose_name, "old": old, "new": new})
    return rows


def _audit_suggestion(request, action: str, suggestion: ResourceUpdateSuggestion) -> None:
    if suggestion.case_id:
        record(request, action, suggestion, person_id=suggestion.case.person_id)


def suggestion_detail(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    suggestion = access.get_suggestion_for_user(request.user, suggestion_id)
    _audit_suggestion(request, "view", suggestion)
    stale = (
        suggestion.is_pending
        and suggestion.resource is not None
        and suggestion.resource.version != suggestion.resource_version
    )
    context = {
        "suggestion": suggestion,
        "rows": _changes_table(suggestion),
        "stale": stale,
        "reviewer": access.may_review(request.user, suggestion.organisation_id),
        "reject_form": RejectForm(),
    }
    return render(request, "directory/suggestion_detail.html", context)


def _get_for_review(request, suggestion_id: int) -> ResourceUpdateSuggestion:
    suggestion = access.get_suggestion_for_user(request.user, suggestion_id)
    if not access.may_review(request.user, suggestion.organisation_id):
        raise PermissionDenied
    return suggestion


@require_POST
def suggestion_accept(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    suggestion = _get_for_review(request, suggestion_id)
    try:
        resource = survey.accept(suggestion, by=request.user)
    except StaleEdit:
        messages.error(
            request,
            _(
                "The resource changed since this suggestion was made. Nothing was applied: "
                "compare with the resource as it is now, edit it directly, or reject the "
                "suggestion."
            ),
        )
    except survey.AlreadyDecided as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _audit_suggestion(request, "change", suggestion)
        messages.success(request, _("Applied: the resource is up to date and checked today."))
        return redirect("directory:resource", resource_id=resource.pk)
    return redirect("directory:suggestion", suggestion_id=suggestion.pk)


@require_POST
def suggestion_reject(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    suggestion = _get_for_review(request, suggestion_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "directory/suggestion_detail.html",
            {
                "suggestion": suggestion,
                "rows": _changes_table(suggestion),
                "reviewer": True,
                "reject_form": form,
            },
            status=400,
        )
    try:
        survey.reject(suggestion, by=request.user, reason=form.cleaned_data["reason"])
    except survey.AlreadyDecided as exc:
        messages.error(request, exc.message)
    else:
        _audit_suggestion(request, "change", suggestion)
        messages.success(request, _("The suggestion is rejected; its author sees your reason."))
    return redirect("directory:suggestions")


# Partners -------------------------------------------------------------------------------------


def partner_list(request: HttpRequest) -> HttpResponse:
    partners = access.partners_visible_to(request.user)
    form = PartnerSearchForm(request.GET or None)
    if form.is_valid():
        if query := fold(form.cleaned_data["q"]):
            partners = partners.filter(search_name__contains=query)
        if form.cleaned_data["kind"]:
            partners = partners.filter(kind=form.cleaned_data["kind"])
    today = timezone.localdate()
    partners = partners.annotate(
        contact_count=Count("contacts", distinct=True),
        current_agreements=Count(
            "agreements",
            filter=Q(agreements__ends_on__isnull=True) | Q(agreements__ends_on__gte=today),
            distinct=True,
        ),
        expired_agreements=Count(
            "agreements", filter=Q(agreements__ends_on__lt=today), distinct=True
        ),
    )
    page = Paginator(partners.order_by("name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_edit": access.editor_organisations(request.user).exists(),
    }
    return render(request, "directory/partner_list.html", context)


def partner_detail(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = access.get_partner_for_user(request.user, partner_id)
    today = timezone.localdate()
    agreements = list(partner.agreements.all())
    for agreement in agreements:
        agreement.is_past = agreement.is_expired(today)
    context = {
        "partner": partner,
        "contacts": list(partner.contacts.all()),
        "agreements": agreements,
        "may_edit": access.may_edit(request.user, partner.organisation_id),
    }
    return render(request, "directory/partner_detail.html", context)


@require_http_methods(["GET", "POST"])
def partner_add(request: HttpRequest) -> HttpResponse:
    organisations = access.editor_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    resources = Resource.objects.filter(organisation__in=organisations)
    form = NewPartnerForm(request.POST or None, organisations=organisations, resources=resources)
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, _("The partner is recorded."))
        return redirect("directory:partner", partner_id=partner.pk)
    return _form_page(
        request,
        form,
        title=_("Add a partner"),
        back=reverse("directory:partners"),
        back_label=_("Partners"),
    )


def _editable_partner(request, partner_id: int) -> Partner:
    partner = access.get_partner_for_user(request.user, partner_id)
    _require_editor(request, partner.organisation_id)
    return partner


@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = _editable_partner(request, partner_id)
    resources = Resource.objects.filter(organisation=partner.organisation_id)
    problem = ""
    form = PartnerForm(request.POST or None, instance=partner, resources=resources)
    if request.method == "POST" and form.is_valid():
        if form.save_versioned():
            messages.success(request, _("Saved."))
            return redirect("directory:partner", partner_id=partner.pk)
        partner.refresh_from_db()
        form = PartnerForm(instance=partner, resources=resources)
        problem = STALE_MESSAGE
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": partner.name},
        back=reverse("directory:partner", args=[partner.pk]),
        back_label=partner.name,
        problem=problem,
    )


def _child_form(request, partner, form_class, instance, *, title: str, saved: str):
    """Add (instance without pk) or edit a contact or an agreement of a partner."""
    problem = ""
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if instance.pk is None:
            obj = form.save(commit=False)
            obj.partner = partner
            obj.save()
            ok = True
        else:
            ok = form.save_versioned()
        if ok:
            messages.success(request, saved)
            return redirect("directory:partner", partner_id=partner.pk)
        instance.refresh_from_db()
        form = form_class(instance=instance)
        problem = STALE_MESSAGE
    return _form_page(
        request,
        form,
        title=title,
        back=reverse("directory:partner", args=[partner.pk]),
        back_label=partner.name,
        problem=problem,
    )


@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = _editable_partner(request, partner_id)
    return _child_form(
        request,
        partner,
        PartnerContactForm,
        PartnerContact(partner=partner),
        title=_("Add a contact"),
        saved=_("The contact is recorded."),
    )


@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, partner_id: int, partner_contact_id: int) -> HttpResponse:
    partner = _editable_partner(request, partner_id)
    contact = get_object_or_404(PartnerContact, pk=partner_contact_id, partner=partner)
    return _child_form(
        request,
        partner,
        PartnerContactForm,
        contact,
        title=_("Edit %(name)s") % {"name": contact.name},
        saved=_("Saved."),
    )


@require_http_methods(["GET", "POST"])
def agreement_add(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = _editable_partner(request, partner_id)
    return _child_form(
        request,
        partner,
        AgreementForm,
        CollaborationAgreement(partner=partner),
        title=_("Add an agreement"),
        saved=_("The agreement is recorded."),
    )


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, partner_id: int, agreement_id: int) -> HttpResponse:
    partner = _editable_partner(request, partner_id)
    agreement = get_object_or_404(CollaborationAgreement, pk=agreement_id, partner=partner)
    return _child_form(
        request,
        partner,
        AgreementForm,
        agreement,
        title=_("Edit %(title)s") % {"title": agreement.title},
        saved=_("Saved."),
    )
