"""What is due, overdue and missing, for a worker and for the teams they lead (R10).

One function serves the in-app list and the daily e-mail digest."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from cases.models import Case
from hearth.collation import by_name
from programs.models import Membership
from programs.roles import OVERSIGHT_ROLES
from reports.models import Report
from reports.workflow import missing_reports
from visits.cadence import Cadence, cadence_of
from visits.models import Contact, Crisis

FOLLOW_UP_HORIZON = timedelta(days=2)


@dataclass
class DueList:
    visits: list[tuple[Case, Cadence]] = field(default_factory=list)
    missing_reports: list[Contact] = field(default_factory=list)
    drafts: list[Report] = field(default_factory=list)
    follow_ups: list[Crisis] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.visits or self.missing_reports or self.drafts or self.follow_ups)

    @property
    def count(self) -> int:
        return (
            len(self.visits) + len(self.missing_reports) + len(self.drafts) + len(self.follow_ups)
        )


def _led_team_ids(user):
    return (
        Membership.objects.active()
        .filter(user=user, role__in=OVERSIGHT_ROLES, team__isnull=False)
        .values("team_id")
    )


def due_for(user, *, today: date) -> DueList:
    """Mine (primary or backup, or my own records) and, for a team lead, the team's."""
    visible = Case.objects.visible_to(user).open()
    cases = visible.filter(
        Q(primary_worker=user) | Q(backup_worker=user) | Q(team__in=_led_team_ids(user))
    )
    due = DueList()
    for case in (
        cases.select_related("person", "program").with_cadence().order_by(*by_name("person__"))
    ):
        cadence = cadence_of(case, today=today)
        if cadence.state != "ok":
            due.visits.append((case, cadence))
    due.visits.sort(key=lambda item: item[1].next_due)
    mine_or_led = Q(recorded_by=user) | Q(case__team__in=_led_team_ids(user))
    due.missing_reports = list(
        missing_reports(Contact.objects.filter(mine_or_led, case__in=visible))
        .select_related("case__person")
        .order_by("-on")[:200]
    )
    due.drafts = list(
        Report.objects.drafts()
        .filter(
            Q(author=user) | Q(contact__case__team__in=_led_team_ids(user)),
            contact__case__in=visible,
        )
        .select_related("contact__case__person", "author")
        .order_by("-contact__on")[:200]
    )
    due.follow_ups = list(
        Crisis.objects.filter(
            case__in=cases,
            follow_up_on__isnull=False,
            follow_up_on__lte=today + FOLLOW_UP_HORIZON,
            follow_up_on__gte=today - timedelta(days=14),
        )
        .select_related("case__person")
        .order_by("follow_up_on")
    )
    return due
