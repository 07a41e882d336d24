"""Printable PDFs of a visit report and of a case summary (reportlab, with the Vera fonts that
ship inside reportlab, so every accent of French, Danish and Portuguese prints)."""

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.definition import display_answer

_FONTS = Path(reportlab.__file__).parent / "fonts"
pdfmetrics.registerFont(TTFont("Vera", str(_FONTS / "Vera.ttf")))
pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONTS / "VeraBd.ttf")))

BODY = ParagraphStyle("body", fontName="Vera", fontSize=10, leading=14)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=11, textColor="#555555")
H1 = ParagraphStyle("h1", parent=BODY, fontName="Vera-Bold", fontSize=16, leading=20, spaceAfter=6)
H2 = ParagraphStyle(
    "h2", parent=BODY, fontName="Vera-Bold", fontSize=12, leading=16, spaceBefore=10, spaceAfter=4
)
LABEL = ParagraphStyle("label", parent=BODY, fontName="Vera-Bold")


def _p(text, style=BODY) -> Paragraph:
    return Paragraph(escape(str(text or "—")).replace("\n", "<br/>"), style)


def _facts(rows) -> Table:
    table = Table([[_p(k, LABEL), _p(v)] for k, v in rows], colWidths=[45 * mm, 125 * mm])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
    )
    return table


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else "—"


def _build(story, title: str) -> bytes:
    buffer = BytesIO()

    def footer(canvas, doc):
        canvas.setFont("Vera", 7)
        canvas.drawString(
            20 * mm,
            10 * mm,
            _("Confidential — %(title)s — page %(page)s") % {"title": title, "page": doc.page},
        )

    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    ).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def report_pdf(report) -> bytes:
    contact = report.contact
    person = contact.case.person
    title = _("Visit report")
    story = [
        _p(title, H1),
        _facts(
            [
                (_("Person"), person.display_name),
                (_("Date"), _date(contact.on)),
                (_("Kind"), contact.get_kind_display()),
                (_("Staff present"), ", ".join(str(u) for u in contact.staff.all())),
                (
                    _("Template"),
                    f"{report.template_version.template.name} (v{report.template_version.number})",
                ),
                (_("Status"), report.get_status_display()),
            ]
        ),
    ]
    answers = report.answers
    for section in report.template_version.definition["sections"]:
        story.append(_p(section["title"], H2))
        for field in section["fields"]:
            story += [
                _p(field["label"], LABEL),
                _p(display_answer(field, answers.get(field["key"]))),
                Spacer(1, 4),
            ]
    if report.is_signed:
        story += [
            Spacer(1, 8),
            _p(
                _("Signed by %(name)s on %(when)s")
                % {"name": report.signed_by, "when": _datetime(report.signed_at)},
                SMALL,
            ),
        ]
    addenda = list(report.addenda.select_related("written_by"))
    if addenda:
        story.append(_p(_("Addenda"), H2))
        for addendum in addenda:
            story += [
                _p(f"{_datetime(addendum.written_at)} · {addendum.written_by}", SMALL),
                _p(addendum.text),
                Spacer(1, 4),
            ]
    return _build(story, title)


def case_summary_pdf(case, *, situation, contacts, crises) -> bytes:
    person = case.person
    title = _("Case summary")
    story = [
        _p(title, H1),
        _facts(
            [
                (_("Person"), person.display_name),
                (_("Date of birth"), _date(person.birth_date)),
                (
                    _("Preferred language"),
                    person.get_preferred_language_display()
                    + (f" · {_('Interpreter needed')}" if person.interpreter_needed else ""),
                ),
                (_("Program"), f"{case.program} · {case.team}"),
                (_("Stage"), case.get_stage_display()),
                (_("Opened"), _date(case.opened_on)),
                (_("Moved in"), _date(case.moved_in_on)),
                (_("Primary worker"), case.primary_worker or "—"),
                (_("Backup worker"), case.backup_worker or "—"),
                (_("Lives"), situation.get_code_display() if situation else "—"),
            ]
        ),
        _p(_("Wishes, hopes and dreams"), H2),
        _p(case.hopes),
        _p(_("Legal to-dos"), H2),
    ]
    story += [
        _p(f"{t.get_kind_display()}: {t.description} — {t.get_status_display()}")
        for t in case.legal_todos.all()
    ] or [_p("—")]
    story.append(_p(_("Recent contacts"), H2))
    story += [_p(f"{_date(c.on)} · {c.get_kind_display()} · {c.note}") for c in contacts] or [
        _p("—")
    ]
    story.append(_p(_("Recent crises"), H2))
    story += [
        _p(f"{_datetime(c.occurred_at)} · {c.get_severity_display()} · {c.what}") for c in crises
    ] or [_p("—")]
    story += [
        Spacer(1, 8),
        _p(_("Printed on %(when)s") % {"when": _datetime(timezone.now())}, SMALL),
    ]
    return _build(story, title)
