"""The ICM standards of a team's program checked from its records (issue 6 §3;
shared/reference/models-and-standards.md): the Canadian standard (1 case manager : 20, 7 days ×
12 hours, a weekly visit, time-unlimited) and the Danish one (at most 8 persons per ICM worker,
time-unlimited, one coordinating support person, a plan that starts from the person's own
wishes).

Each check says what the standard asks, what the records show and whether it is met; none of
them ever changes a case (R18).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.caseload import team_gauges, worker_gauges
from cases.models import OPEN_STAGES, Case
from programs.models import Country, CoveragePolicy
from roster.coverage import coverage_summary, zone_of
from visits.models import Contact

FIRST_WEEKS = 13  # "the first months": the first three months after moving in


@dataclass
class Check:
    code: str
    name: str
    required: str
    actual: str
    met: bool
    evidence: str = ""  # URL name taking the team's id


def _weeks_with_a_visit(team, *, on: date) -> tuple[int, int, int]:
    """Over the first 13 weeks after move-in (opening, when not yet housed) of every case still
    inside them or ended within the last 26 weeks: (weeks, weeks with a face-to-face contact,
    persons with a week missed). Two queries."""
    since = on - timedelta(weeks=26 + FIRST_WEEKS)
    cases = list(
        Case.objects.filter(team=team, opened_on__gte=since)
        .filter(Q(moved_in_on__isnull=True) | Q(moved_in_on__gte=since))
        .values_list("pk", "opened_on", "moved_in_on", "closed_on")
    )
    days: dict[int, set[date]] = {}
    for case_id, day in Contact.objects.filter(
        case_id__in=[c[0] for c in cases], face_to_face=True, on__gte=since, on__lte=on
    ).values_list("case_id", "on"):
        days.setdefault(case_id, set()).add(day)
    weeks = kept = persons_missed = 0
    for case_id, opened_on, moved_in_on, closed_on in cases:
        start = moved_in_on or opened_on
        missed = False
        for week in range(FIRST_WEEKS):
            lo = start + timedelta(weeks=week)
            hi = lo + timedelta(days=7)
            if hi > on or (closed_on and lo >= closed_on):
                break
            weeks += 1
            if any(lo <= d < hi for d in days.get(case_id, ())):
                kept += 1
            else:
                missed = True
        persons_missed += missed
    return weeks, kept, persons_missed


def check_icm(team, *, on: date) -> list[Check]:
    """The standards of the team's program, Canadian or Danish by the organisation's country."""
    program = team.program
    danish = program.organisation.country == Country.DENMARK
    checks: list[Check] = []
    gauge = team_gauges([team])[team.pk]
    over = sum(1 for g in worker_gauges([team]).values() if g.count > program.persons_per_worker)
    ratio = (gauge.count / gauge.capacity * program.persons_per_worker) if gauge.capacity else None
    checks.append(
        Check(
            "persons_per_worker",
            _("Persons per case manager"),
            _("at most %(n)s") % {"n": program.persons_per_worker},
            (
                ngettext(
                    "%(ratio)s on average; %(over)s case manager above the standard",
                    "%(ratio)s on average; %(over)s case managers above the standard",
                    over,
                )
                % {"ratio": number_format(ratio, 1), "over": over}
            )
            if ratio is not None
            else _("no case manager on the team"),
            ratio is not None and ratio <= program.persons_per_worker and over == 0,
            "cases:team_caseload",
        )
    )
    if program.coverage_policy == CoveragePolicy.DAYS_7_HOURS_12 or not danish:
        zone = zone_of(program)
        start = datetime.combine(on - timedelta(days=27), time(0), tzinfo=zone)
        end = datetime.combine(on + timedelta(days=1), time(0), tzinfo=zone)
        summary = coverage_summary(team, start=start, end=end)
        checks.append(
            Check(
                "coverage",
                _("Coverage"),
                program.get_coverage_policy_display(),
                ngettext(
                    "%(uncovered)s of %(required)s required hour uncovered in four weeks",
                    "%(uncovered)s of %(required)s required hours uncovered in four weeks",
                    round(summary.required_hours),
                )
                % {
                    "uncovered": number_format(summary.uncovered_hours, 0),
                    "required": number_format(summary.required_hours, 0),
                },
                summary.is_covered,
                "roster:team",
            )
        )
    weeks, kept, missed = _weeks_with_a_visit(team, on=on)
    checks.append(
        Check(
            "weekly_visit",
            _("A visit every week in the first three months"),
            _("a face-to-face contact every week"),
            ngettext(
                "%(kept)s of %(weeks)s weeks with a visit; %(missed)s person with a week missed",
                "%(kept)s of %(weeks)s weeks with a visit; %(missed)s persons with a week missed",
                missed,
            )
            % {"kept": kept, "weeks": weeks, "missed": missed},
            missed == 0,
            "cases:team_caseload",
        )
    )
    closures = (
        Case.objects.filter(team=team, closed_on__gt=on - timedelta(days=365), closed_on__lte=on)
        .values_list("closure_reason")
        .annotate(n=Count("id"))
    )
    closed = sum(n for _reason, n in closures)
    checks.append(
        Check(
            "time_unlimited",
            _("Time-unlimited support"),
            _("no end date; closure only when the person is ready"),
            ngettext(
                "%(closed)s closure in the last year, on the person's readiness or choice",
                "%(closed)s closures in the last year, each on the person's readiness or choice",
                closed,
            )
            % {"closed": closed},
            program.time_unlimited,
            "cases:team_caseload",
        )
    )
    if danish:
        open_cases = Case.objects.filter(team=team, stage__in=OPEN_STAGES)
        counts = open_cases.aggregate(
            total=Count("id"),
            without_coordinator=Count("id", filter=Q(primary_worker__isnull=True)),
            with_own_plan=Count(
                "id",
                filter=Q(
                    Exists(Case.objects.filter(pk=OuterRef("pk"), plan__goals__own_words__gt=""))
                ),
            ),
        )
        checks.append(
            Check(
                "coordinator",
                _("One coordinating support person"),
                _("every person has their own ICM worker"),
                ngettext(
                    "%(without)s of %(total)s person without one",
                    "%(without)s of %(total)s persons without one",
                    counts["total"],
                )
                % {"without": counts["without_coordinator"], "total": counts["total"]},
                counts["without_coordinator"] == 0,
                "cases:team_caseload",
            )
        )
        checks.append(
            Check(
                "own_plan",
                _("A plan from the person's wishes, hopes and dreams"),
                _("every person has a plan whose goals are in their own words"),
                ngettext(
                    "%(with)s of %(total)s person", "%(with)s of %(total)s persons", counts["total"]
                )
                % {"with": counts["with_own_plan"], "total": counts["total"]},
                counts["with_own_plan"] == counts["total"],
                "cases:team_caseload",
            )
        )
    return checks
