"""Pages of the referrals app: a case's referrals, sending one, following it up; a person's
consents; recording a barrier; the barrier report for advocacy (R14, R30, R35, R37)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit.log import record
from cases.access import get_case_for_user
from directory.models import Partner, Resource
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from hearth.downloads import CSV, XLSX, file_response
from hearth.forms import add_errors
from people.access import get_person_for_user
from referrals.access import get_consent_for_user, get_referral_for_user
from referrals.barriers import record_barrier
from referrals.consent import ConsentRequired, record_consent, withdraw_consent
from referrals.forms import (
    AccompanyForm,
    BarrierForm,
    BarrierReportForm,
    ConsentForm,
    ReferralForm,
    ReferralUpdateForm,
    WithdrawConsentForm,
)
from referrals.models import Barrier, Consent, Referral
from referrals.report import (
    Filters,
    barrier_counts,
    labelled,
    may_open_report,
    report_programs,
    report_teams,
    to_csv,
    to_xlsx,
    totals_by,
)
from referrals.workflow import (
    Accompaniment,
    ReferralRefused,
    accompany,
    send_referral,
    sharing_stopped_message,
    update_referral,
    why_not_accompany,
)
from visits.models import Contact


def _directory(case):
    organisation = case.program.organisation_id
    return (
        Resource.objects.filter(organisation_id=organisation, active=True).order_by("name", "id"),
        Partner.objects.filter(organisation_id=organisation, active=True).order_by("name", "id"),
    )


def _contact_choices(case):
    return Contact.objects.filter(case=case).order_by("-on", "-id")


@require_GET
def case_referrals(request: HttpRequest, case_id: int) -> HttpResponse:
    """The referrals of a case with their status, follow-ups due and stopped sharing, and the
    barriers recorded for the case. Three queries for the lists, whatever their length."""
    case = get_case_for_user(request, case_id)
    today = timezone.localdate()
    referrals = list(Referral.objects.filter(case=case).for_list())
    rows = [
        {
            "referral": r,
            "follow_up_due": r.follow_up_is_due(on=today),
            "sharing_stopped_on": r.sharing_stopped_on(on=today),
        }
        for r in referrals
    ]
    barriers = list(Barrier.objects.filter(case=case).select_related("recorded_by"))
    return render(
        request,
        "referrals/case_referrals.html",
        {
            "case": case,
            "person": case.person,
            "rows": rows,
            "due": [row for row in rows if row["follow_up_due"]],
            "barriers": barriers,
            "may_open_report": may_open_report(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    resources, partners = _directory(case)
    form = ReferralForm(
        request.POST or None,
        resources=resources,
        partners=partners,
        contacts=_contact_choices(case),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        accompaniment = (
            Accompaniment(starts_at=data["accompany_at"], minutes=data["accompany_minutes"] or 60)
            if data.get("accompany_at")
            else None
        )
        try:
            referral = send_referral(
                case=case,
                by=request.user,
                resource=data["resource"],
                partner=data["partner"],
                purpose=data["purpose"],
                shares=data["shares"],
                shared_note=data["shared_note"],
                sent_on=data["sent_on"],
                follow_up_on=data["follow_up_on"],
                accompaniment=accompaniment,
                contact=data["contact"],
            )
        except ConsentRequired as exc:
            form.add_error("shares", exc.message)
        except ReferralRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            record(request, "create", referral, person_id=case.person_id)
            messages.success(request, _("The referral is recorded."))
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/referral_new.html",
        {
            "case": case,
            "person": case.person,
            "form": form,
            "directory_empty": not (resources.exists() or partners.exists()),
        },
    )


def _update_initial(referral: Referral) -> dict:
    return {
        "status": referral.status,
        "refusal_reason": referral.refusal_reason,
        "follow_up_on": referral.follow_up_on,
        "outcome_note": referral.outcome_note,
        "contact": referral.contact_id,
        "version": referral.version,
    }


@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    """A referral, and its follow-up: the answer, the outcome, a refusal's reason; and an
    accompaniment planned after it was sent."""
    referral = get_referral_for_user(request, referral_id)
    case = referral.case
    today = timezone.localdate()
    accompanying = request.POST.get("form") == "accompany"
    form = ReferralUpdateForm(
        request.POST if request.method == "POST" and not accompanying else None,
        initial=_update_initial(referral),
        contacts=_contact_choices(case),
    )
    accompany_form = AccompanyForm(
        request.POST if accompanying else None, initial={"version": referral.version}
    )
    if request.method == "POST" and not accompanying and form.is_valid():
        data = form.cleaned_data
        try:
            update_referral(
                referral,
                by=request.user,
                on=today,
                expected_version=data["version"],
                status=data["status"],
                refusal_reason=data["refusal_reason"],
                follow_up_on=data["follow_up_on"],
                outcome_note=data["outcome_note"],
                contact=data["contact"],
            )
        except StaleEdit:
            referral.refresh_from_db()
            form = ReferralUpdateForm(
                initial=_update_initial(referral),
                contacts=_contact_choices(case),
            )
            messages.error(request, STALE_MESSAGE)
        except ConsentRequired as exc:
            form.add_error(None, exc.message)
        except ReferralRefused as exc:
            form.add_error(exc.field, exc.message)
        else:
            record(
                request,
                "change",
                referral,
                person_id=case.person_id,
                detail={"status": data["status"]},
            )
            messages.success(request, _("Saved."))
            return redirect("referrals:detail", referral_id=referral.pk)
    if accompanying and accompany_form.is_valid():
        data = accompany_form.cleaned_data
        try:
            appointment = accompany(
                referral,
                Accompaniment(starts_at=data["accompany_at"], minutes=data["accompany_minutes"]),
                by=request.user,
                expected_version=data["version"],
            )
        except StaleEdit:
            referral.refresh_from_db()
            accompany_form = AccompanyForm(initial={"version": referral.version})
            messages.error(request, STALE_MESSAGE)
        except ReferralRefused as exc:
            accompany_form.add_error(exc.field, exc.message)
        else:
            record(
                request,
                "create",
                appointment,
                person_id=case.person_id,
                detail={"referral": referral.pk},
            )
            messages.success(request, _("The accompaniment is on your agenda."))
            return redirect("referrals:detail", referral_id=referral.pk)
    stopped_on = referral.sharing_stopped_on(on=today)
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "case": case,
            "person": case.person,
            "form": form,
            "accompany_form": accompany_form,
            "may_accompany": why_not_accompany(referral) is None,
            "sharing_stopped_on": stopped_on,
            "sharing_stopped_message": sharing_stopped_message(referral, on=today)
            if stopped_on
            else "",
            "follow_up_due": referral.follow_up_is_due(on=today),
            "barriers": list(referral.barriers.all()),
        },
    )


def _consent_rows(consents, *, today: date) -> list[dict]:
    return [{"consent": c, "state": c.state(on=today)} for c in consents]


@require_GET
def person_consents(request: HttpRequest, person_id: int) -> HttpResponse:
    """Every consent the person gave, in force or not: the history is kept (R35)."""
    person = get_person_for_user(request, person_id)
    today = timezone.localdate()
    consents = (
        Consent.objects.filter(person=person)
        .defer("signature")
        .select_related("partner", "resource", "recorded_by", "withdrawn_by", "signed_copy")
    )
    return render(
        request,
        "referrals/consents.html",
        {"person": person, "rows": _consent_rows(consents, today=today), "today": today},
    )


@require_http_methods(["GET", "POST"])
def consent_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request, person_id)
    form = ConsentForm(
        request.POST or None,
        partners=Partner.objects.filter(organisation=person.organisation, active=True),
        resources=Resource.objects.filter(organisation=person.organisation, active=True),
        initial={"given_on": timezone.localdate(), "purpose": request.GET.get("purpose", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            consent = record_consent(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            record(request, "create", consent, person_id=person.pk)
            if consent.signed_copy is not None:
                record(request, "create", consent.signed_copy, person_id=person.pk)
            messages.success(request, _("The consent is recorded."))
            return redirect("referrals:consents", person_id=person.pk)
    return render(request, "referrals/consent_new.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Record that the person withdrew a consent: sharing under it stops at once."""
    consent = get_consent_for_user(request, consent_id)
    person = consent.person
    form = WithdrawConsentForm(
        request.POST or None,
        initial={"withdrawn_on": timezone.localdate(), "version": consent.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            withdraw_consent(
                consent,
                by=request.user,
                on=data["withdrawn_on"],
                note=data["note"],
                expected_version=data["version"],
            )
        except StaleEdit:
            form.add_error(None, STALE_MESSAGE)
        except ConsentRequired as exc:
            form.add_error(None, exc.message)
        else:
            record(
                request, "change", consent, person_id=person.pk, detail={"fields": ["withdrawn_on"]}
            )
            messages.success(request, _("The consent is withdrawn: sharing under it has stopped."))
            return redirect("referrals:consents", person_id=person.pk)
    return render(
        request,
        "referrals/consent_withdraw.html",
        {"person": person, "consent": consent, "form": form},
    )


@require_http_methods(["GET", "POST"])
def barrier_new(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record an unmet need or another barrier the person met (R37)."""
    case = get_case_for_user(request, case_id)
    form = BarrierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        barrier = record_barrier(
            case=case,
            category=data["category"],
            on=data["on"],
            description=data["description"],
            area=data["area"].strip(),
            by=request.user,
        )
        record(request, "create", barrier, person_id=case.person_id)
        messages.success(request, _("The barrier is recorded for advocacy."))
        return redirect("referrals:case_referrals", case_id=case.pk)

    areas = (
        Resource.objects.filter(organisation_id=case.program.organisation_id)
        .exclude(area="")
        .order_by("area")
        .values_list("area", flat=True)
        .distinct()
    )
    return render(
        request,
        "referrals/barrier_new.html",
        {"case": case, "person": case.person, "form": form, "areas": list(areas)},
    )


@require_GET
def barrier_report(request: HttpRequest) -> HttpResponse:
    """Barriers counted by category, area and month for the teams, programs or organisation
    the user oversees; no person appears. ``?export=xlsx`` or ``?export=csv`` downloads it."""
    if not may_open_report(request.user):
        raise PermissionDenied
    form = BarrierReportForm(
        request.GET or None,
        programs=report_programs(request.user),
        teams=report_teams(request.user),
    )
    filters = Filters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = Filters(
            start=data["start"],
            end=data["end"],
            program=data["program"],
            team=data["team"],
            category=data["category"],
            area=data["area"],
        )
    rows = labelled(barrier_counts(request.user, filters))
    export = request.GET.get("export", "")
    if export in ("xlsx", "csv"):
        record(request, "export", object_type="referrals.Barrier", detail={"format": export})
        stem = f"barriers-{timezone.localdate().isoformat()}"
        if export == "xlsx":
            return file_response(to_xlsx(rows), stem=stem, extension=export, content_type=XLSX)
        return file_response(to_csv(rows), stem=stem, extension=export, content_type=CSV)
    query = request.GET.copy()
    query.pop("export", None)
    return render(
        request,
        "referrals/barrier_report.html",
        {
            "form": form,
            "rows": rows,
            "total": sum(r["count"] for r in rows),
            "by_category": totals_by(rows, "category_label"),
            "by_area": totals_by(rows, "area_label"),
            "by_month": sorted(totals_by(rows, "month_label")),
            "query": query.urlencode(),
        },
    )
