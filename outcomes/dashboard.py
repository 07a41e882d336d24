"""Everything the program dashboard shows, computed once: the page, the CSV/Excel exports and
the PDF for the municipal board all read ``dashboard_data`` (issue 6 §6; R25, R36).

Aggregates only: no person's name is in anything returned here. Staff appear by name in the
per-worker caseload (R4), never persons.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.models import Readiness
from housing.situations import Group
from outcomes import measures as m
from outcomes.evidence import EVIDENCE
from outcomes.models import Benchmark, MeasureCode
from referrals.models import BarrierCategory, ReferralStatus


class Month(date):
    """A calendar month in a table: "May 2026" on the page and in the PDF, "2026-05" in an
    export."""

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.year, day.month, 1)

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class Table:
    title: object
    headers: list
    rows: list[list]
    # What the page shows when the whole table would bury it (a row per worker and month):
    # the export and the PDF always hold every row.
    page_rows: list[list] | None = None
    page_note: object = ""
    # What the page says when it lists no row (instead of "No records in this period.").
    empty_note: object = ""

    @property
    def shown_rows(self) -> list[list]:
        return self.rows if self.page_rows is None else self.page_rows


def percent(value) -> Decimal | None:
    """A share (0.734) as a percentage to one place (73.4)."""
    if value is None:
        return None
    return (Decimal(str(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _last_month(rows: list[list]) -> list[list]:
    latest = max((row[0] for row in rows), default=None)
    return [row for row in rows if row[0] == latest]


def _last_month_on_the_page(table: Table) -> Table:
    """Month by month is the chart's and the export's; the page lists the last month."""
    table.page_rows = _last_month(table.rows)
    table.page_note = _("The last month; every month is in the download.")
    return table


def _over_the_standard_on_the_page(table: Table) -> Table:
    """A row per case manager and month would bury the page: it lists those above the
    standard in the last month (persons over what their FTE allows)."""
    latest = _last_month(table.rows)
    table.page_rows = [row for row in latest if row[4] is not None and row[2] > row[4]]
    table.page_note = _(
        "Case managers above the standard in the last month: %(over)s of %(all)s. Every "
        "case manager and month is in the download."
    ) % {"over": len(table.page_rows), "all": len(latest)}
    # The case managers' rows are there (in the download); none is above the standard.
    table.empty_note = _("No case manager is above the standard in the last month.")
    return table


def _uncovered_on_the_page(table: Table) -> Table:
    table.page_rows = [row for row in table.rows if row[2]]
    table.page_note = _("Months with uncovered hours; every month is in the download.")
    return table


def _tables(d: dict) -> dict[str, Table]:
    retention, days, at_end = d["retention"], d["days_housed"], d["at_end"]
    income, ties, cadence = d["income"], d["ties"], d["cadence"]
    tables = {
        "summary": Table(
            _("Main figures"),
            [_("Measure"), _("Value"), _("Persons")],
            [
                [_("Out of homelessness at the end (%)"), percent(at_end.share), at_end.persons],
                [_("Days housed in the period (%)"), percent(days.share), None],
                *[
                    [
                        ngettext(
                            "Still housed %(months)s month after move-in (%%)",
                            "Still housed %(months)s months after move-in (%%)",
                            months,
                        )
                        % {"months": months},
                        percent(value),
                        retention.persons,
                    ]
                    for months, value in retention.at_months.items()
                ],
                [
                    _("Housing losses in the period"),
                    d["returns"]["losses"],
                    d["returns"]["persons"],
                ],
                [
                    _("Visits on time (%)"),
                    percent(m.share(cadence["kept"], cadence["open"])),
                    cadence["open"],
                ],
                [_("Planned transfers to a lower intensity"), d["transfers"]["lower"], None],
            ],
        ),
        "benchmarks": Table(
            _("Benchmarks"),
            [_("Benchmark"), _("Target (%)"), _("Result (%)"), _("Met")],
            [
                [
                    b["label"],
                    percent(b["target"]),
                    percent(b["value"]),
                    {True: _("yes"), False: _("no"), None: "—"}[b["met"]],
                ]
                for b in d["benchmarks"]
            ],
        ),
        # One row per day someone lost a home (where the curve steps down), and the last day.
        "retention": Table(
            _("Housing retention (Kaplan–Meier)"),
            [
                _("Days since move-in"),
                _("Followed"),
                _("Housing losses"),
                _("No longer followed"),
                _("Still housed (%)"),
            ],
            [
                [int(s.time), s.at_risk, s.events, s.censored, percent(s.survival)]
                for s in retention.steps
                if s.events or s is retention.steps[-1]
            ],
        ),
        "situations": Table(
            _("Where people lived at the end of the period"),
            [_("Living situation"), _("Persons")],
            [
                [Group(key).label if key in Group.values else _("Not recorded"), n]
                for key, n in sorted(at_end.by_group.items())
            ]
            + ([[_("Died"), at_end.deceased]] if at_end.deceased else []),
        ),
        "income": Table(
            _("Monthly income since the case opened"),
            [
                _("Cases"),
                _("At opening (mean, %(currency)s)") % {"currency": d["currency"]},
                _("At the end (mean, %(currency)s)") % {"currency": d["currency"]},
                _("More"),
                _("Less"),
            ],
            [
                [
                    income["cases"],
                    m.mean([income["at_opening"]]) if income["at_opening"] is not None else None,
                    m.mean([income["at_end"]]) if income["at_end"] is not None else None,
                    income["more"],
                    income["less"],
                ]
            ],
        ),
        "ties": Table(
            _("Supportive ties (first and latest network map)"),
            [_("Persons"), _("First (mean)"), _("Latest (mean)"), _("More"), _("Fewer")],
            [[ties["persons"], ties["first"], ties["latest"], ties["more"], ties["fewer"]]],
        ),
        "assessments": Table(
            _("Assessments: first and latest, mean score by domain"),
            [_("Instrument"), _("Domain"), _("Persons"), _("First"), _("Latest"), _("Change")],
            [
                [c.instrument, c.domain, c.persons, c.first, c.latest, c.change]
                for c in d["assessments"]
            ],
        ),
        "readiness": Table(
            _("Readiness reviews by month"),
            [_("Month"), *[label for _v, label in Readiness.choices]],
            [
                [Month.of(month), *[counts.get(value, 0) for value in Readiness.values]]
                for month, counts in d["readiness"].items()
            ],
        ),
        "referrals": Table(
            _("Referrals sent in the period, by status"),
            [_("Status"), _("Referrals")],
            [[label, d["referrals"].get(value, 0)] for value, label in ReferralStatus.choices],
        ),
        "barriers": Table(
            _("Barriers met in the period, by category (for advocacy)"),
            [_("Category"), _("Barriers")],
            [[label, d["barriers"].get(value, 0)] for value, label in BarrierCategory.choices],
        ),
        "caseload_teams": _last_month_on_the_page(
            Table(
                _("Persons per team at the end of each month"),
                [_("Month"), _("Team"), _("Persons"), _("Staff FTE"), _("Standard allows")],
                [
                    [Month.of(month.day), team, month.persons, month.fte, month.capacity]
                    for team, months in d["caseloads"].teams.items()
                    for month in months
                ],
            )
        ),
        "caseload_workers": _over_the_standard_on_the_page(
            Table(
                _("Persons per case manager at the end of each month"),
                [_("Month"), _("Staff member"), _("Persons"), _("FTE"), _("Standard allows")],
                [
                    [Month.of(month.day), worker, month.persons, month.fte, month.capacity]
                    for worker, months in d["caseloads"].workers.items()
                    for month in months
                ],
            )
        ),
        "coverage": _uncovered_on_the_page(
            Table(
                _("Uncovered roster hours by month"),
                [_("Month"), _("Team"), _("Uncovered hours")],
                [
                    [Month.of(day), team, hours]
                    for team, series in d["uncovered"].items()
                    for day, hours in series
                ],
            )
        ),
        "transfers": Table(
            _("Planned transfers in the period"),
            [_("All"), _("To a lower intensity"), _("The person agreed")],
            [[d["transfers"]["all"], d["transfers"]["lower"], d["transfers"]["agreed"]]],
        ),
    }
    if d["program"] is None:  # an organisation's page: targets are each program's own
        del tables["benchmarks"]
    if not tables["caseload_workers"].rows:  # ACT only: the caseload is the team's (R3)
        del tables["caseload_workers"]
    return tables


def _benchmark_value(code: str, d: dict):
    return {
        MeasureCode.OUT_OF_HOMELESSNESS: d["at_end"].share,
        MeasureCode.RETENTION_12M: d["retention"].at_months.get(12),
        MeasureCode.DAYS_HOUSED: d["days_housed"].share,
    }.get(code)


def dashboard_data(
    program=None, *, organisation=None, team=None, start: date, end: date, today: date
) -> dict:
    """The outcomes of a program (or one of its teams), or of a whole organisation, over
    [start, end]; a fixed number of queries whatever the number of persons (pinned in
    outcomes/tests)."""
    organisation = program.organisation if program is not None else organisation
    scope = m.Scope(
        start=start, end=end, today=today, program=program, team=team, organisation=organisation
    )
    d: dict = {
        "program": program,
        "organisation": organisation,
        "subject": program or organisation,
        "team": team,
        "start": start,
        "end": end,
        "today": today,
        "retention": m.retention(scope),
        "days_housed": m.days_housed(scope),
        "at_end": m.out_of_homelessness(scope),
        "returns": m.returns_to_homelessness(scope),
        "income": m.income_change(scope),
        "ties": m.supportive_ties_change(scope),
        "assessments": m.assessment_change(scope),
        "readiness": m.readiness_by_month(scope),
        "cadence": m.visit_cadence(scope),
        "referrals": m.referral_outcomes(scope),
        "barriers": m.barriers_by_category(scope),
        "caseloads": m.caseloads(scope),
        "uncovered": m.uncovered_hours(scope),
        "transfers": m.transfers(scope),
        "evidence": EVIDENCE,
        "currency": organisation.currency,
    }
    d["benchmarks"] = []
    # Targets are a program's: an organisation's page links to each program's instead.
    for benchmark in Benchmark.objects.for_program(program) if program is not None else []:
        value = _benchmark_value(benchmark.code, d)
        d["benchmarks"].append(
            {
                "benchmark": benchmark,
                "label": benchmark.display_label,
                "target": benchmark.target,
                "value": value,
                "met": benchmark.is_met(value),
            }
        )
    d["tables"] = _tables(d)
    return d
