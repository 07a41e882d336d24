"""The program dashboard: outcomes, caseloads and coverage, with exports (issue 6 §6; R4, R25,
R36). Aggregates only; every export is audited."""

import csv
from datetime import date, timedelta
from io import BytesIO, StringIO

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from audit import log
from hearth.downloads import CSV, PDF, XLSX, file_response, sheet_title
from outcomes.charts import step_chart
from outcomes.dashboard import dashboard_data, percent
from outcomes.forms import BenchmarkForm
from outcomes.measures import RETENTION_POINTS
from outcomes.models import Benchmark, MeasureCode
from outcomes.pdf import dashboard_pdf
from programs.access import (
    get_managed_program,
    get_program_for_user,
    organisations_overseen_by,
    programs_managed_by,
)
from programs.models import Membership, Program, Team
from referrals.report import may_open_report
from tools.charts import line_chart
from visits.cadence import add_months

EXPORT_FORMATS = ("csv", "xlsx")


def teams_for_dashboard(user, program: Program) -> tuple[bool, list[Team]]:
    """(sees the whole program?, the teams the user may pick). Program managers and data
    administrators see the program and every team; team members and leads see only their own
    teams' figures."""
    whole = programs_managed_by(user).filter(pk=program.pk).exists()
    teams = Team.objects.filter(program=program).order_by("name", "pk")
    if not whole:
        memberships = Membership.objects.active().filter(user=user, team__isnull=False)
        teams = teams.filter(pk__in=memberships.values("team_id"))
    return whole, list(teams)


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months, today included."""
    return add_months(today, -12) + timedelta(days=1), today


def _period(request: HttpRequest, today: date) -> tuple[date, date]:
    start, end = default_period(today)
    try:
        if request.GET.get("end"):
            end = date.fromisoformat(request.GET["end"])
        if request.GET.get("start"):
            start = date.fromisoformat(request.GET["start"])
        else:
            start = add_months(end, -12) + timedelta(days=1)
    except ValueError:
        messages.error(request, _("Enter the dates as year-month-day; the last 12 months shown."))
        return default_period(today)
    if end > today:
        messages.error(request, _("The period cannot end in the future; it ends today."))
        end = today
    if start > end:
        messages.error(request, _("The period starts after it ends; the last 12 months shown."))
        return default_period(today)
    return start, end


def _cell(value) -> str | int | float:
    """A table cell for a CSV or a spreadsheet: numbers stay numbers, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return value
    if hasattr(value, "is_finite"):  # Decimal
        return float(value)
    return str(value)


def export_table(table, fmt: str, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    headers = [str(h) for h in table.headers]
    rows = [[_cell(v) for v in row] for row in table.rows]
    if fmt == "csv":
        out = StringIO()
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(rows)
        return file_response(out.getvalue(), stem=filename, extension=fmt, content_type=CSV)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(table.title)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return file_response(buffer.getvalue(), stem=filename, extension=fmt, content_type=XLSX)


def _number(value, places: int | None = None) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, decimal_pos=places, use_l10n=True)


@require_GET
def program_dashboard(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_program_for_user(request.user, program_id)
    whole, teams = teams_for_dashboard(request.user, program)
    if not teams and not whole:
        raise Http404
    team = None
    if request.GET.get("team"):
        team = next((t for t in teams if str(t.pk) == request.GET["team"]), None)
        if team is None:  # another team's figures are out of this user's reach
            raise Http404
    elif not whole:
        team = teams[0]
    today = timezone.localdate()
    start, end = _period(request, today)
    data = dashboard_data(program, team=team, start=start, end=end, today=today)
    return _dashboard_response(
        request,
        data,
        subject=program,
        context={
            "program": program,
            "team": team,
            "teams": teams,
            "whole": whole,
            "organisation_in_reach": organisations_overseen_by(request.user)
            .filter(pk=program.organisation_id)
            .exists(),
        },
        query=_query(start, end, team=team.pk if team else None),
    )


@require_GET
def organisation_dashboard(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The whole organisation's outcomes (a municipality with several programs), for its data
    administrators; a program picked here opens that program's dashboard."""
    organisation = get_object_or_404(organisations_overseen_by(request.user), pk=organisation_id)
    programs = list(organisation.programs.order_by("name", "pk"))
    today = timezone.localdate()
    start, end = _period(request, today)
    if request.GET.get("program"):
        program = next((p for p in programs if str(p.pk) == request.GET["program"]), None)
        if program is None:
            raise Http404
        url = reverse("outcomes:dashboard", args=[program.pk])
        return redirect(f"{url}?{_query(start, end)}")
    data = dashboard_data(organisation=organisation, start=start, end=end, today=today)
    return _dashboard_response(
        request,
        data,
        subject=organisation,
        context={"organisation": organisation, "programs": programs, "whole": True},
        query=_query(start, end),
    )


def _dashboard_response(request, data: dict, *, subject, context: dict, query: str):
    """The page, or one of its exports (a table as CSV or Excel, the board's PDF), audited."""
    export = request.GET.get("export")
    if not export:
        return render(
            request,
            "outcomes/dashboard.html",
            context
            | {
                "start": data["start"],
                "end": data["end"],
                "data": data,
                "figures": _figures(data),
                "km_chart": step_chart(data["retention"].steps, marks=RETENTION_POINTS),
                "charts": _charts(data),
                "tables": data["tables"],
                "query": query,
                "may_open_barrier_report": may_open_report(request.user),
            },
        )
    fmt = request.GET.get("format", "csv")
    team = data["team"]
    detail = {
        "table": export,
        "format": fmt,
        "team": team.pk if team else None,
        "start": data["start"].isoformat(),
        "end": data["end"].isoformat(),
    }
    stem = f"{subject._meta.model_name}-{subject.pk}-{data['end'].isoformat()}"
    if export == "report" and fmt == "pdf":
        log.record(request, "export", subject, object_type="outcomes.dashboard", detail=detail)
        return file_response(
            dashboard_pdf(data), stem=f"outcomes-{stem}", extension="pdf", content_type=PDF
        )
    table = data["tables"].get(export)
    if table is None or fmt not in EXPORT_FORMATS:
        raise Http404
    log.record(request, "export", subject, object_type="outcomes.dashboard", detail=detail)
    return export_table(table, fmt, f"{export}-{stem}")


def _query(start: date, end: date, *, team: int | None = None) -> str:
    parts = [f"start={start.isoformat()}", f"end={end.isoformat()}"]
    if team is not None:
        parts.append(f"team={team}")
    return "&".join(parts)


def _figures(d: dict) -> list[tuple[str, str, str]]:
    """(label, number, what it is of) for the headline cards, formatted for the language."""
    retention, at_end, days = d["retention"], d["at_end"], d["days_housed"]
    cadence = d["cadence"]

    def pct(value) -> str:
        return "—" if value is None else f"{_number(percent(value), 1)} %"

    twelve = retention.at_months.get(12)
    return [
        (
            _("Out of homelessness at the end"),
            pct(at_end.share),
            ngettext(
                "%(own)s of %(persons)s person in a home of their own",
                "%(own)s of %(persons)s persons in a home of their own",
                at_end.persons,
            )
            % {"own": _number(at_end.own_home), "persons": _number(at_end.persons)},
        ),
        (
            _("Still housed one year after move-in"),
            pct(twelve),
            # Two counts, two plurals: "16 personnes ont emménagé ; 1 a perdu son logement".
            _("%(moved_in)s; %(lost)s")
            % {
                "moved_in": ngettext(
                    "%(persons)s person moved in",
                    "%(persons)s persons moved in",
                    retention.persons,
                )
                % {"persons": _number(retention.persons)},
                "lost": ngettext(
                    "%(losses)s lost a home", "%(losses)s lost a home", retention.losses
                )
                % {"losses": _number(retention.losses)},
            },
        ),
        (
            _("Days housed"),
            pct(days.share),
            ngettext(
                "%(housed)s of %(followed)s day followed",
                "%(housed)s of %(followed)s days followed",
                days.followed,
            )
            % {"housed": _number(days.housed), "followed": _number(days.followed)},
        ),
        (
            _("Housing losses in the period"),
            _number(d["returns"]["losses"]),
            ngettext(
                "%(persons)s person; their support continued",
                "%(persons)s persons; support continued for each",
                d["returns"]["persons"],
            )
            % {"persons": _number(d["returns"]["persons"])},
        ),
        (
            _("Visits on time"),
            pct(cadence["kept"] / cadence["open"] if cadence["open"] else None),
            ngettext(
                "%(kept)s of %(open)s open case", "%(kept)s of %(open)s open cases", cadence["open"]
            )
            % {"kept": _number(cadence["kept"]), "open": _number(cadence["open"])},
        ),
        (
            _("Planned transfers to a lower intensity"),
            _number(d["transfers"]["lower"]),
            ngettext("%(all)s transfer in all", "%(all)s transfers in all", d["transfers"]["all"])
            % {"all": _number(d["transfers"]["all"])},
        ),
    ]


def _charts(d: dict) -> dict:
    caseloads = d["caseloads"]
    persons = [(month.day, float(month.persons), False) for month in caseloads.total]
    uncovered = [
        (day, float(sum(series[i][1] for series in d["uncovered"].values())), False)
        for i, day in enumerate(caseloads.months)
    ]
    charts = {}
    if persons:
        charts["caseload"] = line_chart(
            persons,
            low=0,
            high=max([p[1] for p in persons] + [float(caseloads.total[-1].capacity), 1]),
        )
    if d["uncovered"]:
        charts["coverage"] = line_chart(uncovered, low=0, high=max([u[1] for u in uncovered] + [1]))
    return charts


def benchmark_list(request: HttpRequest, program_id: int) -> HttpResponse:
    """Every measure a program may be held to, with its target (R25, R36); managers edit."""
    program = get_program_for_user(request.user, program_id)
    return render(
        request,
        "outcomes/benchmarks.html",
        {
            "program": program,
            "benchmarks": Benchmark.objects.for_program(program, measured_only=False),
            "may_edit": programs_managed_by(request.user).filter(pk=program.pk).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def benchmark_edit(request: HttpRequest, program_id: int, measure: str) -> HttpResponse:
    program = get_managed_program(request.user, program_id)
    if measure not in MeasureCode.values:
        raise Http404
    (benchmark,) = (
        b for b in Benchmark.objects.for_program(program, measured_only=False) if b.code == measure
    )
    form = BenchmarkForm(request.POST or None, instance=benchmark)
    if request.method == "POST" and form.is_valid() and _save_benchmark(form):
        messages.success(request, _("Saved."))
        return redirect("outcomes:benchmarks", program_id=program.pk)
    return render(
        request,
        "outcomes/benchmark_form.html",
        {"program": program, "benchmark": benchmark, "form": form},
    )


def _save_benchmark(form: BenchmarkForm) -> bool:
    """The first save of a default makes it the program's own (at version 1); a manager who
    opened the page before someone else's first save finds their save refused, as for any
    stale edit."""
    benchmark = form.instance
    if benchmark.pk is None:
        row, created = Benchmark.objects.get_or_create(
            program=benchmark.program,
            code=benchmark.code,
            defaults={"target": benchmark.target, "label": benchmark.label, "version": 1},
        )
        if created:
            return True
        benchmark.pk, benchmark._state.adding = row.pk, False
    return form.save_versioned()
