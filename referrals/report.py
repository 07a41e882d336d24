"""The barrier report for advocacy (R37): barriers counted by category × area × month, for
the cases a team lead, program manager or data administrator oversees. Counts only: no
person, case or description ever appears in it, on the page or in the exports."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from hearth.downloads import sheet_title
from programs.models import Membership, Program, Team
from programs.roles import OVERSIGHT_ROLES, Role
from referrals.models import Barrier, BarrierCategory


def may_open_report(user) -> bool:
    return Membership.objects.active().filter(user=user, role__in=OVERSIGHT_ROLES).exists()


def _oversight(user) -> QuerySet:
    return Membership.objects.active().filter(user=user, role__in=OVERSIGHT_ROLES)


def report_teams(user) -> QuerySet:
    m = _oversight(user)
    return Team.objects.filter(
        Q(pk__in=m.filter(role=Role.TEAM_LEAD).values("team_id"))
        | Q(program__in=m.filter(role=Role.PROGRAM_MANAGER).values("program_id"))
        | Q(
            program__organisation__in=m.filter(role=Role.DATA_ADMINISTRATOR).values(
                "organisation_id"
            )
        )
    ).select_related("program")


def report_programs(user) -> QuerySet:
    m = _oversight(user)
    return Program.objects.filter(
        Q(teams__in=m.filter(role=Role.TEAM_LEAD).values("team_id"))
        | Q(pk__in=m.filter(role=Role.PROGRAM_MANAGER).values("program_id"))
        | Q(organisation__in=m.filter(role=Role.DATA_ADMINISTRATOR).values("organisation_id"))
    ).distinct()


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    program: object = None
    team: object = None
    category: str = ""
    area: str = ""


def barrier_counts(user, filters: Filters = Filters()) -> list[dict]:
    """``[{"category", "area", "month", "count"}]`` in one query, the aggregation done by the
    database over the barriers of the cases ``user`` oversees."""
    barriers = Barrier.objects.for_report(user)
    if filters.start:
        barriers = barriers.filter(on__gte=filters.start)
    if filters.end:
        barriers = barriers.filter(on__lte=filters.end)
    if filters.program is not None:
        barriers = barriers.filter(case__program=filters.program)
    if filters.team is not None:
        barriers = barriers.filter(case__team=filters.team)
    if filters.category:
        barriers = barriers.filter(category=filters.category)
    if filters.area:
        barriers = barriers.filter(area__iexact=filters.area.strip())
    return list(
        barriers.annotate(month=TruncMonth("on"))
        .values("category", "area", "month")
        .annotate(count=Count("id"))
        .order_by("month", "category", "area")
    )


def labelled(rows: list[dict]) -> list[dict]:
    labels = dict(BarrierCategory.choices)
    return [
        row
        | {
            "category_label": str(labels.get(row["category"], row["category"])),
            "area_label": row["area"] or _("No area given"),
            "month_label": row["month"].strftime("%Y-%m"),
        }
        for row in rows
    ]


def totals_by(rows: list[dict], key: str) -> list[tuple[str, int]]:
    """Row totals of one breakdown, computed from the one aggregated query."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row[key]] = totals.get(row[key], 0) + row["count"]
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def _header() -> list[str]:
    return [_("Month"), _("Category"), _("Area"), _("Barriers")]


def _table(rows: list[dict]) -> list[list]:
    return [[r["month_label"], r["category_label"], r["area_label"], r["count"]] for r in rows]


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_header())
    writer.writerows(_table(rows))
    return out.getvalue()


def to_xlsx(rows: list[dict]) -> bytes:
    """A workbook with the tidy table (one row per month × category × area) and one sheet per
    breakdown: by category, by area, by month."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    taken: set[str] = set()
    sheet.title = sheet_title(_("Barriers"), taken=taken)
    sheet.append(_header())
    for line in _table(rows):
        sheet.append(line)
    for title, key in (
        (_("By category"), "category_label"),
        (_("By area"), "area_label"),
        (_("By month"), "month_label"),
    ):
        breakdown = book.create_sheet(sheet_title(title, taken=taken))
        breakdown.append(
            [
                {
                    "category_label": _("Category"),
                    "area_label": _("Area"),
                    "month_label": _("Month"),
                }[key],
                _("Barriers"),
            ]
        )
        for label, count in totals_by(rows, key):
            breakdown.append([label, count])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
