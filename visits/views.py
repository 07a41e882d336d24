import secrets
from datetime import date, timedelta

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from audit.log import record
from cases.access import get_case_for_user
from cases.models import Case
from cases.recording import add_to_case
from hearth.access import public
from reports.workflow import report_for_new_contact
from visits.agenda import agenda, day_bounds, ical
from visits.due import due_for
from visits.forms import (
    AppointmentEditForm,
    AppointmentForm,
    CadenceForm,
    ContactForm,
    CrisisForm,
)
from visits.models import Appointment, AppointmentStatus, CalendarFeed


def _to_person(case: Case) -> HttpResponse:
    return redirect("people:detail", person_id=case.person_id)


def _form_page(request, case, form, title) -> HttpResponse:
    return render(request, "cases/case_form.html", {"form": form, "case": case, "title": title})


@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    appointment = None
    if request.GET.get("appointment"):
        appointment = get_object_or_404(
            Appointment, pk=request.GET["appointment"], case=case, status=AppointmentStatus.PLANNED
        )
    initial = {}
    if appointment:
        initial = {
            "on": timezone.localdate(appointment.starts_at),
            "kind": appointment.kind,
            "place": appointment.place,
            "minutes": appointment.minutes,
            "accompanied_to": appointment.accompany_to,
            "staff": list(appointment.staff.values_list("pk", flat=True)),
        }
    form = ContactForm(request.POST or None, case=case, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # the contact, its staff and the appointment it fulfils
            contact = form.save(commit=False)
            contact.case = case
            contact.recorded_by = request.user
            contact.save()
            form.save_m2m()
            if appointment:
                appointment.status = AppointmentStatus.DONE
                appointment.contact = contact
                appointment.save(update_fields=["status", "contact"])
        record(request, "create", contact, person_id=case.person_id)
        messages.success(request, _("Contact recorded."))
        report = report_for_new_contact(contact, author=request.user)
        if report is not None:
            return redirect("reports:edit", report_id=report.pk)
        return _to_person(case)
    return _form_page(request, case, form, _("Record a contact"))


@require_http_methods(["GET", "POST"])
def cadence_agree(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record the visit frequency agreed with the person, with the date and who agreed."""
    case = get_case_for_user(request, case_id)
    return add_to_case(
        request,
        case,
        CadenceForm(request.POST or None),
        author_field="agreed_by",
        success=_("Visit frequency recorded."),
        title=_("Visit frequency agreed with the person"),
    )


@require_http_methods(["GET", "POST"])
def appointment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    form = AppointmentForm(request.POST or None, case=case, user=request.user)
    return add_to_case(
        request,
        case,
        form,
        author_field="created_by",
        success=_("Appointment planned."),
        title=_("Plan a visit or appointment"),
    )


def _day_from(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate()


def agenda_day(request: HttpRequest) -> HttpResponse:
    day = _day_from(request)
    start, end = day_bounds(day)
    appointments = agenda(request.user, start=start, end=end)
    record(
        request,
        "list",
        object_type="visits.Appointment",
        person_ids=[a.case.person_id for a in appointments],
    )
    return render(
        request,
        "visits/agenda.html",
        {
            "appointments": appointments,
            "day": day,
            "week": False,
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1),
        },
    )


def agenda_week(request: HttpRequest) -> HttpResponse:
    day = _day_from(request)
    monday = day - timedelta(days=day.weekday())
    start, _end = day_bounds(monday)
    appointments = agenda(request.user, start=start, end=day_bounds(monday + timedelta(days=6))[1])
    record(
        request,
        "list",
        object_type="visits.Appointment",
        person_ids=[a.case.person_id for a in appointments],
    )
    days = [monday + timedelta(days=i) for i in range(7)]
    by_day = {d: [a for a in appointments if timezone.localdate(a.starts_at) == d] for d in days}
    return render(
        request,
        "visits/agenda.html",
        {
            "by_day": by_day,
            "day": monday,
            "week": True,
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
        },
    )


@require_http_methods(["GET", "POST"])
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Create, replace or revoke the private calendar link."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        if feed:
            feed.delete()
            feed = None
        if request.POST.get("action") == "create":
            feed = CalendarFeed.objects.create(user=request.user, token=secrets.token_urlsafe(32))
            messages.success(
                request, _("Your calendar link is ready. Any earlier link no longer works.")
            )
        else:
            messages.info(request, _("Your calendar link is revoked."))
    url = request.build_absolute_uri(f"/calendar/{feed.token}.ics") if feed else None
    return render(request, "visits/calendar_feed.html", {"feed": feed, "url": url})


@public
@never_cache
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The secret link is the key; a revoked or unknown link is 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    body = ical(feed.user, now=timezone.now())
    record(
        request,
        "export",
        object_type="visits.CalendarFeed",
        user=feed.user,
        detail={"feed": feed.pk},
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_http_methods(["GET", "POST"])
def crisis_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = CrisisForm(
        request.POST or None, case=case, user=request.user, initial={"occurred_at": now}
    )
    return add_to_case(
        request,
        case,
        form,
        author_field="recorded_by",
        success=_("Crisis recorded. Support continues."),
        title=_("Record a crisis"),
    )


def due_list(request: HttpRequest) -> HttpResponse:
    """What is due, overdue and missing: visits, reports, crisis follow-ups."""
    due = due_for(request.user, today=timezone.localdate())
    person_ids = {case.person_id for case, _cadence in due.visits}
    person_ids |= {c.case.person_id for c in due.missing_reports}
    person_ids |= {r.contact.case.person_id for r in due.drafts}
    person_ids |= {c.case.person_id for c in due.follow_ups}
    record(request, "list", object_type="visits.Due", person_ids=person_ids)
    return render(request, "visits/due.html", {"due": due})


@require_http_methods(["GET", "POST"])
def appointment_edit(request: HttpRequest, case_id: int, appointment_id: int) -> HttpResponse:
    """Move, change or cancel a planned appointment; a colleague's change is never
    overwritten."""
    case = get_case_for_user(request, case_id)
    appointment = get_object_or_404(
        Appointment, pk=appointment_id, case=case, status=AppointmentStatus.PLANNED
    )
    form = AppointmentEditForm(
        request.POST or None, instance=appointment, case=case, user=request.user
    )
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", appointment, person_id=case.person_id)
        messages.success(request, _("Appointment updated."))
        return redirect("visits:agenda")
    return _form_page(request, case, form, _("Change the appointment"))
