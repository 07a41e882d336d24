"""The outcomes report for a municipal board: the main figures, the benchmarks and the
evidence beside them (reportlab, the fonts and styles of reports/pdf.py)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from outcomes.templatetags.outcomes_format import cell
from reports.pdf import BODY, H1, H2, LABEL, SMALL, _build, _p

# The tables a board reads; the per-worker caseloads stay on the page.
REPORT_TABLES = ("summary", "benchmarks", "situations", "income", "ties", "referrals", "transfers")


def _table(table) -> Table:
    rows = [[_p(h, LABEL) for h in table.headers]]
    rows += [[_p(cell(v), BODY) for v in row] for row in table.rows] or [[_p("—")]]
    grid = Table(rows, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, "#888888"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return grid


def dashboard_pdf(data: dict) -> bytes:
    team = data["team"]
    title = _("Outcomes: %(program)s") % {"program": data["subject"]}
    period = _("From %(start)s to %(end)s") % {
        "start": formats.date_format(data["start"], "SHORT_DATE_FORMAT"),
        "end": formats.date_format(data["end"], "SHORT_DATE_FORMAT"),
    }
    story = [_p(title, H1), _p(f"{team} · {period}" if team else period)]
    story.append(
        _p(_("Figures for groups of persons only: no one is named in this report."), SMALL)
    )
    for key in REPORT_TABLES:
        table = data["tables"].get(key)
        if table is None:  # no benchmarks on an organisation's report
            continue
        story += [_p(table.title, H2), _table(table), Spacer(1, 4 * mm)]
    story.append(_p(_("What research found"), H2))
    for item in data["evidence"]:
        story += [_p(f"{item.finding} ({item.source})"), Spacer(1, 2 * mm)]
    story += [
        Spacer(1, 6 * mm),
        _p(
            _("Printed on %(when)s")
            % {"when": formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")},
            SMALL,
        ),
    ]
    return _build(story, title)
