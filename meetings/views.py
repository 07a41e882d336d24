from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.log import record
from cases.access import get_case_for_user
from cases.recording import add_to_case
from hearth.concurrency import STALE_MESSAGE, StaleEdit
from meetings.board import Assignment, board, save_meeting
from meetings.forms import ConferenceForm
from meetings.models import CaseConference
from programs.access import get_team_for_user
from programs.staff import eligible_workers


def _day(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate()


def _assignments(request, rows, staff_by_id, day) -> list[Assignment]:
    found = []
    for row in rows:
        staff_id = request.POST.get(f"assign-{row.case.pk}")
        if not staff_id:
            continue
        staff = staff_by_id.get(int(staff_id)) if staff_id.isdigit() else None
        if staff is None:
            raise ValidationError(_("Choose someone on the team's staff."))
        try:
            clock = datetime.strptime(
                request.POST.get(f"time-{row.case.pk}") or "09:00", "%H:%M"
            ).time()
        except ValueError as exc:
            raise ValidationError(_("Give the time as hours and minutes, like 14:30.")) from exc
        found.append(
            Assignment(
                case=row.case, staff=staff, at=timezone.make_aware(datetime.combine(day, clock))
            )
        )
    return found


@require_http_methods(["GET", "POST"])
def meeting_board(request: HttpRequest, team_id: int) -> HttpResponse:
    """The daily team meeting: one row per person, a line each, today's contacts assigned."""
    team = get_team_for_user(request.user, team_id)
    day = _day(request)
    meeting, rows = board(team, day=day, now=timezone.now(), user=request.user)
    staff = list(eligible_workers(team))
    record(
        request,
        "list",
        object_type="meetings.TeamMeeting",
        person_ids=[row.case.person_id for row in rows],
    )
    problem = None
    if request.method == "POST":
        staff_by_id = {s.pk: s for s in staff}
        try:
            attendees = [
                staff_by_id[int(pk)]
                for pk in request.POST.getlist("attendees")
                if pk.isdigit() and int(pk) in staff_by_id
            ]
            lines = {
                row.case.pk: (
                    request.POST.get(f"line-{row.case.pk}", "").strip(),
                    request.POST.get(f"reviewed-{row.case.pk}") == "on",
                )
                for row in rows
            }
            version = request.POST.get("version")
            save_meeting(
                team,
                day=day,
                by=request.user,
                attendees=attendees,
                lines=lines,
                assignments=_assignments(request, rows, staff_by_id, day),
                expected_version=int(version) if version else None,
                notes=request.POST.get("notes", ""),
            )
        except StaleEdit:
            problem = STALE_MESSAGE
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect(f"{request.path}?day={day.isoformat()}")
    return render(
        request,
        "meetings/board.html",
        {
            "team": team,
            "day": day,
            "meeting": meeting,
            "rows": rows,
            "staff": staff,
            "problem": problem,
            "reviewed": sum(1 for row in rows if row.entry and row.entry.reviewed),
        },
    )


@require_http_methods(["GET", "POST"])
def conference_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    return add_to_case(
        request,
        case,
        ConferenceForm(request.POST or None, case=case),
        author_field="created_by",
        success=_("Case conference scheduled."),
        title=_("Schedule a case conference"),
    )


@require_http_methods(["GET", "POST"])
def conference_edit(request: HttpRequest, case_id: int, conference_id: int) -> HttpResponse:
    case = get_case_for_user(request, case_id)
    conference = CaseConference.objects.filter(case=case, pk=conference_id).first()
    if conference is None:
        return render(request, "404.html", status=404)
    form = ConferenceForm(request.POST or None, case=case, instance=conference)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        record(request, "change", conference, person_id=case.person_id)
        messages.success(request, _("Saved."))
        return redirect("people:detail", person_id=case.person_id)
    return render(
        request, "cases/case_form.html", {"form": form, "case": case, "title": _("Case conference")}
    )
