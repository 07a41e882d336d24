"""What a visit needs, at the top of the person page (issue 12 §6; R2, R3, R10, R35): the
safety note, the next appointment, the plan's open steps, who is on the team and who answers
now, and what the team still has to follow up.

It reuses what the page has already read (the cases with their cadence and legal to-dos, the
sections of the person apps, the timeline) and adds a fixed number of queries: the next
appointment (and its staff when there is one) and who is on call or on shift now.

A person app adds to it through its section's context: ``for_visit``, a ``ForVisit`` with the
steps and the follow-ups it knows of (plans: open steps; referrals: follow-ups due; housing: a
home at risk).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import prefetch_related_objects

from cases.models import Case, LegalTodo
from people.models import Person
from people.timeline import Entry
from roster.models import Shift
from roster.oncall import reachable_by_team
from visits.cadence import Cadence
from visits.models import Appointment

# Open steps shown in the summary; the rest are one tap away, on the plan.
STEPS_SHOWN = 3
# An appointment lasts at most 12 hours (visits.models.Appointment.minutes): one that started
# earlier may be under way. Ten is more than the appointments a person has in those hours.
LONGEST_APPOINTMENT = timedelta(hours=12)
CANDIDATES = 10
# Reports the team still owes, shown in the summary (the timeline has them all).
REPORTS_SHOWN = 3


@dataclass
class Item:
    """One line of the summary: what, a word of detail, and where to act on it."""

    text: str
    detail: str = ""
    link: str = ""


@dataclass
class ForVisit:
    """What a person app adds to the summary (its section's context, key ``for_visit``)."""

    steps: list[Item] = field(default_factory=list)
    follow_up: list[Item] = field(default_factory=list)


@dataclass
class TeamLine:
    """An open case's team: its workers (on the case), its phone and who answers now."""

    case: Case
    reachable: list[Shift]

    @property
    def is_on_call_duty(self) -> bool:
        return any(shift.kind == Shift.Kind.ON_CALL for shift in self.reachable)


@dataclass
class CaseFollowUp:
    """What an open case itself still asks of the team: a visit due, legal to-dos open."""

    case: Case
    cadence: Cadence | None
    open_todos: list[LegalTodo]


@dataclass
class VisitSummary:
    safety_note: str
    appointment: Appointment | None
    teams: list[TeamLine]
    steps: list[Item]
    more_steps: int
    cases: list[CaseFollowUp]
    reports: list[Entry]
    more_reports: int
    follow_up: list[Item]

    @property
    def has_follow_up(self) -> bool:
        return bool(self.cases or self.reports or self.follow_up)


def next_appointment(cases: list[Case], *, now: datetime) -> Appointment | None:
    """The first planned appointment of the person's open cases that has not ended yet (one
    under way counts: the worker may be at the door), with its staff."""
    open_ids = [case.pk for case in cases if case.is_open]
    if not open_ids:
        return None
    candidates = (
        Appointment.objects.filter(case_id__in=open_ids, starts_at__gt=now - LONGEST_APPOINTMENT)
        .planned()
        .order_by("starts_at", "id")[:CANDIDATES]
    )
    appointment = next(
        (a for a in candidates if a.starts_at + timedelta(minutes=a.minutes) > now), None
    )
    if appointment is not None:
        prefetch_related_objects([appointment], "staff")
    return appointment


def visit_summary(
    person: Person,
    cases: list[Case],
    *,
    now: datetime,
    sections: list[dict],
    timeline: list[Entry],
) -> VisitSummary:
    """The summary from the page's cases (annotated with ``cadence`` by the page, legal to-dos
    prefetched), the contexts of the person apps' sections and the timeline."""
    open_cases = [case for case in cases if case.is_open]
    reachable = reachable_by_team({case.team_id for case in open_cases}, now=now)
    contributions = [s["for_visit"] for s in sections if isinstance(s.get("for_visit"), ForVisit)]
    steps = [step for c in contributions for step in c.steps]
    owed = [entry for entry in timeline if entry.badge]
    return VisitSummary(
        safety_note=person.safety_note,
        appointment=next_appointment(cases, now=now),
        teams=[
            TeamLine(case=case, reachable=reachable.get(case.team_id, [])) for case in open_cases
        ],
        steps=steps[:STEPS_SHOWN],
        more_steps=max(len(steps) - STEPS_SHOWN, 0),
        cases=[
            follow_up
            for follow_up in (_case_follow_up(case) for case in open_cases)
            if follow_up.cadence or follow_up.open_todos
        ],
        reports=owed[:REPORTS_SHOWN],
        more_reports=max(len(owed) - REPORTS_SHOWN, 0),
        follow_up=[item for c in contributions for item in c.follow_up],
    )


def _case_follow_up(case: Case) -> CaseFollowUp:
    cadence = getattr(case, "cadence", None)
    return CaseFollowUp(
        case=case,
        # A visit due soon or late: a reminder to reach out, never a deadline for the person.
        cadence=cadence if cadence is not None and cadence.state != "ok" else None,
        open_todos=[
            todo
            for todo in case.legal_todos.all()
            if todo.status in (LegalTodo.Status.TO_DO, LegalTodo.Status.IN_PROGRESS)
        ],
    )
