from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.db.models import IntegerField, Prefetch
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.log import record
from audit.models import Action, AuditEvent
from cases.models import Case
from hearth.collation import by_name
from housing.models import LivingSituation
from people.models import HouseholdMember, Person
from programs.access import get_team_for_user, is_team_lead_of
from programs.models import Team
from roster.access import get_on_call_shift, get_shift_led_by, get_team_led_by
from roster.coverage import Gap, Period, coverage_summary, next_four_weeks, zone_of
from roster.forms import INPUT_FORMAT, ShiftForm
from roster.models import Shift
from roster.oncall import reachable as reachable_from
from visits.models import Crisis

# How far back a team lead sees on-call access to crisis summaries.
ACCESS_REVIEW_DAYS = 30
# A gap's "add a shift" link suggests at most this long a shift.
SUGGESTED_SHIFT = timedelta(hours=12)


@dataclass
class Day:
    day: date
    shifts: list[Shift] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)


def _by_day(period: Period, shifts: list[Shift], gaps: list[Gap]) -> list[Day]:
    """Shifts and gaps under the local day they start (earlier ones under the first day)."""
    days = {d: Day(d) for d in period.day_list}

    def day_of(moment: datetime) -> Day:
        return days.get(moment.astimezone(period.zone).date(), days[period.first_day])

    for shift in shifts:
        day_of(shift.starts_at).shifts.append(shift)
    for gap in gaps:
        day_of(gap.start).gaps.append(gap)
    return list(days.values())


def _cover_query(gap: Gap, period: Period) -> str:
    """The query string of an "add a shift" link that pre-fills the form with this gap."""
    end = min(gap.end, gap.start + SUGGESTED_SHIFT)
    return urlencode(
        {
            "starts_at": gap.start.astimezone(period.zone).strftime(INPUT_FORMAT),
            "ends_at": end.astimezone(period.zone).strftime(INPUT_FORMAT),
        }
    )


def _on_call_accesses(request: HttpRequest, team: Team) -> list[AuditEvent]:
    """The team's on-call openings of crisis summaries in the last 30 days, with the person
    each was about (only those the lead may see)."""
    since = timezone.now() - timedelta(days=ACCESS_REVIEW_DAYS)
    events = list(
        AuditEvent.objects.filter(
            at__gte=since, action=Action.VIEW, detail__has_key="on_call_shift"
        )
        .annotate(shift_id=Cast(KeyTextTransform("on_call_shift", "detail"), IntegerField()))
        .filter(shift_id__in=Shift.objects.for_team(team).values("pk"))
        .select_related("user")
    )
    ids = {e.person_id for e in events if e.person_id}
    persons = (
        {p.pk: p for p in Person.objects.visible_to(request.user).filter(pk__in=ids)} if ids else {}
    )
    for event in events:
        event.person = persons.get(event.person_id)
    if persons:
        record(request, "list", object_type="audit.AuditEvent", person_ids=persons.keys())
    return events


@require_GET
def team_roster(request: HttpRequest, team_id: int) -> HttpResponse:
    """The next four weeks: shifts by day and every uncovered hour of the coverage policy."""
    team = get_team_for_user(request.user, team_id)
    period = next_four_weeks(team.program)
    shifts = list(
        Shift.objects.for_team(team).overlapping(period.day_start, period.end).for_roster_page()
    )
    summary = coverage_summary(team, start=period.start, end=period.end, shifts=shifts)
    is_lead = is_team_lead_of(request.user, team)
    context = {
        "team": team,
        "period": period,
        "zone": period.zone,
        "summary": summary,
        "gaps": [(gap, _cover_query(gap, period)) for gap in summary.gaps],
        "days": _by_day(period, shifts, summary.gaps),
        "is_lead": is_lead,
        "now": timezone.now(),
    }
    if is_lead:
        context["form"] = ShiftForm(team=team, zone=period.zone)
        context["accesses"] = _on_call_accesses(request, team)
    return render(request, "roster/team_roster.html", context)


@require_http_methods(["GET", "POST"])
def shift_add(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_team_led_by(request.user, team_id)
    zone = zone_of(team.program)
    initial = {
        k: request.GET[k] for k in ("user", "kind", "starts_at", "ends_at") if k in request.GET
    }
    form = ShiftForm(
        request.POST or None,
        initial=initial,
        instance=Shift(team=team, created_by=request.user),
        team=team,
        zone=zone,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Shift added."))
        return redirect("roster:team", team_id=team.pk)
    return render(request, "roster/shift_form.html", {"form": form, "team": team, "zone": zone})


@require_POST
def shift_delete(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = get_shift_led_by(request.user, shift_id)
    if shift.has_started(now=timezone.now()):
        # A shift under way or past is the record of who was on call (the audit trail of
        # crisis summaries points at it): it stays.
        messages.error(request, _("A shift that has started stays on the record."))
    else:
        shift.delete()
        messages.success(request, _("Shift removed."))
    return redirect("roster:team", team_id=shift.team_id)


@require_GET
def on_call(request: HttpRequest, team_id: int) -> HttpResponse:
    """Who is on call now (on-call duty first, else whoever is on shift), and until when."""
    team = get_team_for_user(request.user, team_id)
    now = timezone.now()
    current = list(
        Shift.objects.for_team(team).covering(now).select_related("user").order_by("ends_at")
    )
    on_call_now = [s for s in current if s.kind == Shift.Kind.ON_CALL]
    reachable = reachable_from(current)
    handover = min((s.ends_at for s in reachable), default=None)
    upcoming = Shift.objects.for_team(team).filter(starts_at__gt=now)
    if on_call_now:
        upcoming = upcoming.filter(kind=Shift.Kind.ON_CALL)
    # At the same start, on-call duty first ("on_call" sorts before "shift").
    upcoming = upcoming.select_related("user").order_by("starts_at", "kind", "id").first()
    my_shift = next((s for s in on_call_now if s.user_id == request.user.pk), None)
    persons: list[Person] = []
    if my_shift is not None:
        persons = list(
            Person.objects.filter(cases__in=Case.objects.open().filter(team=team))
            .distinct()
            .order_by(*by_name())
        )
        record(
            request,
            "list",
            object_type="people.Person",
            person_ids=[p.pk for p in persons],
            detail={"on_call_shift": my_shift.pk},
        )
    return render(
        request,
        "roster/on_call.html",
        {
            "team": team,
            "zone": zone_of(team.program),
            "reachable": reachable,
            "is_on_call_duty": bool(on_call_now),
            "handover": handover,
            "upcoming": upcoming,
            "my_shift": my_shift,
            "persons": persons,
        },
    )


@require_GET
def crisis_summary(request: HttpRequest, team_id: int, person_id: int) -> HttpResponse:
    """What the person on call needs in a crisis, for any person of the team. Only for the
    person on call now; every opening is recorded and shown to the team lead."""
    now = timezone.now()
    shift = get_on_call_shift(request.user, team_id, now=now)
    case = (
        Case.objects.open()
        .filter(team_id=shift.team_id, person_id=person_id)
        .select_related("person", "primary_worker", "backup_worker")
        .prefetch_related(
            Prefetch(
                "person__household",
                queryset=HouseholdMember.objects.select_related("linked_person"),
            )
        )
        .order_by("-opened_on", "-id")
        .first()
    )
    if case is None:
        raise Http404
    person = case.person
    record(request, "view", person, detail={"on_call_shift": shift.pk})
    situation = LivingSituation.objects.filter(person=person).order_by("-started_on", "-id").first()
    crises = list(
        Crisis.objects.filter(case=case)
        .prefetch_related("responders")
        .order_by("-occurred_at", "-id")[:3]
    )
    contacts = list(case.contacts.prefetch_related("staff").order_by("-on", "-id")[:3])
    return render(
        request,
        "roster/crisis_summary.html",
        {
            "team": shift.team,
            "shift": shift,
            "case": case,
            "person": person,
            "situation": situation,
            "household": list(person.household.all()),
            "crises": crises,
            "contacts": contacts,
            "zone": zone_of(shift.team.program),
        },
    )
