"""The person's copy of their plan as a PDF: large type, plain words, their language (the
caller activates it). reportlab with the Vera fonts that ship inside it, so every accent of
French, Danish and Portuguese prints."""

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
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from plans.snapshot import GoalView

_FONTS = Path(reportlab.__file__).parent / "fonts"
pdfmetrics.registerFont(TTFont("Vera", str(_FONTS / "Vera.ttf")))
pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONTS / "VeraBd.ttf")))

# Large type: the copy is read by the person, often without glasses at hand.
BODY = ParagraphStyle("body", fontName="Vera", fontSize=14, leading=20)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=11, leading=15, textColor="#444444")
H1 = ParagraphStyle("h1", parent=BODY, fontName="Vera-Bold", fontSize=24, leading=30, spaceAfter=8)
H2 = ParagraphStyle(
    "h2", parent=BODY, fontName="Vera-Bold", fontSize=18, leading=24, spaceBefore=14, spaceAfter=6
)
LABEL = ParagraphStyle("label", parent=BODY, fontName="Vera-Bold", spaceBefore=6)
QUOTE = ParagraphStyle("quote", parent=BODY, fontSize=17, leading=24, leftIndent=8 * mm)
STEP = ParagraphStyle("step", parent=BODY, leftIndent=8 * mm, bulletIndent=2 * mm)


def _p(text, style=BODY) -> Paragraph:
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _goal(number: int, goal: GoalView) -> list:
    flow = [
        _p(_("Goal %(number)s") % {"number": number} + f" · {goal.area_label}", H2),
        _p(f"\u201c{goal.own_words}\u201d", QUOTE),
        _p(goal.status_label, SMALL),
    ]
    for label, text in (
        (_("What exactly"), goal.what_exactly),
        (_("How we will know"), goal.how_we_will_know),
        (_("When"), goal.time_frame),
        (_("How it is going"), goal.progress),
    ):
        if text:
            flow += [_p(label, LABEL), _p(text)]
    if goal.strengths:
        flow += [_p(_("What helps you"), LABEL)]
        flow += [_p(f.text, STEP) for f in goal.strengths]
    if goal.barriers:
        flow += [_p(_("What can get in the way"), LABEL)]
        flow += [_p(f.text, STEP) for f in goal.barriers]
    if goal.steps:
        flow.append(_p(_("The steps"), LABEL))
        for step in goal.steps:
            flow.append(
                Paragraph(
                    f"<b>{escape(step.owner)}</b>: {escape(step.description)} "
                    f"<i>({escape(step.status_label)})</i>",
                    STEP,
                    bulletText="•",
                )
            )
    return [KeepTogether(flow[:3]), *flow[3:]]


def plan_copy_pdf(goals: list[GoalView], *, version, plan, person_name: str) -> bytes:
    title = _("My plan")
    story = [_p(title, H1), _p(person_name, BODY), Spacer(1, 4)]
    if version is not None and version.is_agreed:
        story.append(
            _p(
                _("You agreed to this plan on %(date)s.") % {"date": _date(version.agreed_on)},
                BODY,
            )
        )
    else:
        story.append(_p(_("This plan is not agreed yet. It can still change."), BODY))
    if plan is not None and plan.next_review_on:
        story.append(
            _p(
                _("We will look at it together again around %(date)s.")
                % {"date": _date(plan.next_review_on)},
                BODY,
            )
        )
    for number, goal in enumerate(goals, start=1):
        story += _goal(number, goal)
    if not goals:
        story.append(_p(_("No goals written yet."), BODY))
    story += [
        Spacer(1, 12),
        _p(
            _("Your words are kept as you said them. This plan can change whenever you wish."),
            SMALL,
        ),
        _p(_("Printed on %(date)s") % {"date": _date(timezone.localdate())}, SMALL),
    ]
    buffer = BytesIO()

    def footer(canvas, doc):
        canvas.setFont("Vera", 9)
        canvas.drawString(
            20 * mm, 10 * mm, _("%(title)s — page %(page)s") % {"title": title, "page": doc.page}
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
