"""The person's copy (page and PDF, in their language) and the private link for their own
phone."""

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from audit.log import record
from cases.access import get_case_for_user
from cases.models import Case
from hearth.access import public
from hearth.downloads import PDF, file_response
from people.languages import language_for_person
from plans import pdf
from plans.forms import LinkForm
from plans.models import Plan, PlanLink
from plans.snapshot import read, snapshot_of


def public_path(link: PlanLink) -> str:
    """Where the link opens: the token is the only key."""
    return reverse("plans:public", kwargs={"plan_token": link.token})


# The person's copy -------------------------------------------------------------------------


def copy_language(case: Case) -> str:
    """The person's preferred language when Hearth speaks it, else the organisation's."""
    return language_for_person(case.person.preferred_language, case.program.organisation.language)


def _copy_source(plan: Plan | None, number: str | None):
    """The version to print: the one asked for, else the latest agreed, else the latest; with
    no version yet, the plan as it stands (marked as not agreed)."""
    if plan is None:
        return None, {"goals": []}
    versions = plan.versions.order_by("-number")
    if number and number.isdigit():
        version = versions.filter(number=int(number)).first()
        if version is None:
            raise Http404
    else:
        version = versions.agreed().first() or versions.first()
    return version, (version.snapshot if version else snapshot_of(plan))


def _copy_context(case: Case, request: HttpRequest) -> dict:
    plan = Plan.objects.filter(case=case).first()
    version, snapshot = _copy_source(plan, request.GET.get("v"))
    return {
        "case": case,
        "plan": plan,
        "version": version,
        "snapshot": snapshot,
        "person_name": case.person.display_name,
    }


def plan_copy(request: HttpRequest, case_id: int) -> HttpResponse:
    """The person's copy: plain language, large type, printable, in their language."""
    case = get_case_for_user(request, case_id, action="export")
    context = _copy_context(case, request)
    with translation.override(copy_language(case)):
        context["goals"] = read(context["snapshot"], show_sensitive=False, for_person=True)
        return render(request, "plans/copy.html", context)


def plan_copy_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id, action="export")
    context = _copy_context(case, request)
    with translation.override(copy_language(case)):
        goals = read(context["snapshot"], show_sensitive=False, for_person=True)
        body = pdf.plan_copy_pdf(
            goals,
            version=context["version"],
            plan=context["plan"],
            person_name=context["person_name"],
        )
    return file_response(
        body, stem=f"plan-{case.pk}", extension="pdf", content_type=PDF, inline=True
    )


# The person's own link ---------------------------------------------------------------------


@require_POST
def link_create(request: HttpRequest, case_id: int) -> HttpResponse:
    """A private link to the agreed plan, for the person's own phone; it expires."""
    case = get_case_for_user(request, case_id, action="change")
    plan = get_object_or_404(Plan, case=case)
    if not plan.versions.agreed().exists():
        messages.error(
            request, _("The link shows the plan the person agreed: record their agreement first.")
        )
        return redirect("plans:plan", case_id=case.pk)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("plans:plan", case_id=case.pk)
    link = PlanLink.objects.create(plan=plan, created_by=request.user, expires_at=form.expires_at())
    record(request, "create", link, person_id=case.person_id)
    messages.success(request, _("The link is ready. Send it to the person's own phone."))
    return redirect("plans:plan", case_id=case.pk)


@require_POST
def link_revoke(request: HttpRequest, case_id: int, plan_link_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id, action="change")
    link = get_object_or_404(PlanLink, pk=plan_link_id, plan__case=case, revoked_at__isnull=True)
    link.revoked_at = timezone.now()
    link.revoked_by = request.user
    link.save(update_fields=["revoked_at", "revoked_by"])
    record(request, "change", link, person_id=case.person_id, detail={"revoked": True})
    messages.info(request, _("The link is revoked: it no longer opens the plan."))
    return redirect("plans:plan", case_id=case.pk)


@public
@never_cache
@require_GET
def public_plan(request: HttpRequest, plan_token: str) -> HttpResponse:
    """The secret link is the key: it shows the latest agreed version of that one plan and
    nothing else — no navigation, no staff surnames, no other personal data. Unknown, expired
    or revoked links are 404. Every opening is in the audit trail, in the name of the worker
    who made the link."""
    link = (
        PlanLink.objects.usable()
        .select_related("plan__case__person", "plan__case__program__organisation", "created_by")
        .filter(token=plan_token)
        .first()
    )
    if link is None:
        raise Http404
    plan = link.plan
    case = plan.case
    version = plan.versions.agreed().order_by("-number").first()
    if version is None:
        raise Http404
    record(
        request,
        "view",
        version,
        person_id=case.person_id,
        user=link.created_by,
        detail={"plan_link": link.pk},
    )
    PlanLink.objects.filter(pk=link.pk).update(
        open_count=F("open_count") + 1, last_opened_at=timezone.now()
    )
    with translation.override(copy_language(case)):
        goals = read(version.snapshot, show_sensitive=False, for_person=True)
        response = render(
            request,
            "plans/copy.html",
            {"plan": plan, "version": version, "goals": goals, "public": True},
        )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
