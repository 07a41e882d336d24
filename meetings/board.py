"""The ACT morning meeting board (R3, R17): every person on the team's caseload with what the
team needs to see at 9 o'clock. A fixed number of queries, whatever the caseload."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext

from cases.models import Case
from hearth.collation import by_name
from hearth.concurrency import lock_current
from housing.models import LivingSituation, TenancyEvent
from meetings.models import MeetingEntry, TeamMeeting
from programs.models import Team
from visits.agenda import day_bounds
from visits.cadence import Cadence, cadence_of
from visits.models import Appointment, AppointmentStatus, Contact, ContactKind, Crisis

IN_HOSPITAL = (204, 205, 206)  # psychiatric, substance-use treatment, hospital (HUD codes)


def _contacts_since(day: date):
    return Coalesce(
        Subquery(
            Contact.objects.filter(case=OuterRef("pk"), on__gte=day)
            .order_by()
            .values("case")
            .annotate(n=Count("id"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


@dataclass
class Row:
    case: Case
    cadence: Cadence
    contacts_24h: int
    contacts_7d: int
    crisis_24h: bool
    in_hospital: bool
    home_at_risk: bool
    appointments: list[Appointment] = field(default_factory=list)
    entry: MeetingEntry | None = None

    @property
    def overdue(self) -> bool:
        return self.cadence.state == "overdue"


def board(team: Team, *, day: date, now: datetime, user) -> tuple[TeamMeeting | None, list[Row]]:
    cases = (
        Case.objects.visible_to(user)
        .filter(team=team)
        .open()
        .select_related("person", "primary_worker", "program")
        .with_last_contact()
        .with_cadence()
        .annotate(
            contacts_24h=_contacts_since(day - timedelta(days=1)),
            contacts_7d=_contacts_since(day - timedelta(days=7)),
            crisis_24h=Exists(
                Crisis.objects.filter(case=OuterRef("pk"), occurred_at__gte=now - timedelta(days=1))
            ),
            home_at_risk=Exists(
                TenancyEvent.objects.home_at_risk().filter(tenancy__person=OuterRef("person"))
            ),
            situation_code=Subquery(
                LivingSituation.objects.filter(person=OuterRef("person"))
                .order_by("-started_on", "-id")
                .values("code")[:1]
            ),
        )
        .order_by(*by_name("person__"))
    )
    start, end = day_bounds(day)
    appointments = defaultdict(list)
    for appointment in (
        Appointment.objects.filter(case__team=team, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=AppointmentStatus.CANCELLED)
        .prefetch_related("staff")
        .order_by("starts_at")
    ):
        appointments[appointment.case_id].append(appointment)
    meeting = (
        TeamMeeting.objects.filter(team=team, on=day)
        .prefetch_related("entries", "attendees")
        .first()
    )
    entries = {e.case_id: e for e in meeting.entries.all()} if meeting else {}
    rows = [
        Row(
            case=case,
            cadence=cadence_of(case, today=day),
            contacts_24h=case.contacts_24h,
            contacts_7d=case.contacts_7d,
            crisis_24h=case.crisis_24h,
            in_hospital=case.situation_code in IN_HOSPITAL,
            home_at_risk=case.home_at_risk,
            appointments=appointments.get(case.pk, []),
            entry=entries.get(case.pk),
        )
        for case in cases
    ]
    return meeting, rows


@dataclass
class Assignment:
    case: Case
    staff: object
    at: datetime
    kind: str = ContactKind.HOME_VISIT


def save_meeting(
    team: Team,
    *,
    day: date,
    by,
    expected_version: int | None,
    attendees,
    lines: dict[int, tuple[str, bool]],
    assignments: list[Assignment],
    notes: str = "",
) -> TeamMeeting:
    """Save the board: who attended, a line per person, who was reviewed, today's contacts.
    Two people saving the same meeting never overwrite each other (version check)."""
    with transaction.atomic():  # the meeting, its lines and today's assignments together
        meeting, created = TeamMeeting.objects.get_or_create(
            team=team, on=day, defaults={"saved_by": by}
        )
        if not created:
            meeting = lock_current(meeting, expected_version)
        meeting.notes = notes
        meeting.saved_by = by
        if not created:
            meeting.version += 1
        meeting.save()
        meeting.attendees.set(attendees)
        existing = {e.case_id: e for e in meeting.entries.all()}
        for case_id, (line, reviewed) in lines.items():
            entry = existing.get(case_id) or MeetingEntry(meeting=meeting, case_id=case_id)
            if entry.pk is None and not line and not reviewed:
                continue
            entry.line, entry.reviewed = line, reviewed
            entry.save()
        for assignment in assignments:
            appointment = Appointment.objects.create(
                case=assignment.case,
                starts_at=assignment.at,
                kind=assignment.kind,
                created_by=by,
                note=_meeting_note(day),
            )
            appointment.staff.add(assignment.staff)
    return meeting


def _meeting_note(day: date) -> str:
    return gettext("Assigned at the team meeting of %(day)s") % {
        "day": formats.date_format(day, "SHORT_DATE_FORMAT")
    }
