"""The ecomap as SVG, drawn on the server (Hartman's conventions, shared/reference/ecomap.md).

The person in a central circle, each tie in a circle around it, grouped by kind. The line says
what the tie is like, in shapes that survive a black-and-white print (colour is only an extra):

- strength: strong = solid and thick, moderate = solid and thin, tenuous = dashed;
- quality: supportive = a plain line, mixed = hatch marks across the line, stressful = zig-zag;
- direction: arrows show which way support flows (one way or both ways).

The drawing scales by its viewBox: at a phone's 390 px the names are still about 12 px high.
``draw`` is a pure function of its arguments; the only outside thing it reads is the active
language, for its labels.
"""

import math
from collections import Counter
from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

from ecomap.labels import fitting, short_kind, wrap
from ecomap.models import Direction, Quality, Strength, TieKind
from ecomap.network import TieState

WIDTH = 500
MAP_HEIGHT = 500
CX = CY = 250
CENTRE_RADIUS = 50
RING = 182.0  # distance of the circles from the person (one ring)
MAX_RADIUS = 56.0
LEGEND_ROW = 24
INK = "#1a1a1a"

STROKE_WIDTH = {Strength.STRONG: 5.0, Strength.MODERATE: 2.5, Strength.TENUOUS: 2.0}
DASHES = {Strength.TENUOUS: "7 5"}
COLOUR = {Quality.SUPPORTIVE: "#1e6b34", Quality.MIXED: "#8a5a00", Quality.STRESSFUL: "#b3261e"}
# A light fill by family of kinds: informal, community, formal (prints as pale greys).
FILL = {
    TieKind.FAMILY: "#ffffff",
    TieKind.FRIEND: "#ffffff",
    TieKind.NEIGHBOUR: "#ffffff",
    TieKind.PEER: "#ffffff",
    TieKind.PET: "#ffffff",
    TieKind.WORK: "#f1f1f1",
    TieKind.FAITH: "#f1f1f1",
    TieKind.LEISURE: "#f1f1f1",
    TieKind.HOUSING: "#e4e4e4",
    TieKind.SERVICE: "#e4e4e4",
    TieKind.PROFESSIONAL: "#e4e4e4",
}
LEAD = 10  # straight run at each end of a zig-zag, so the arrows point along the tie
ZIG = 9  # length of one zig along the line
ZIG_AMPLITUDE = 5
HATCH_SPACING = 14
HATCH_HALF = 7


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _layout(n: int) -> tuple[list[tuple[float, float]], float]:
    """Centres of ``n`` circles around the person, and their radius. Up to twelve on one
    ring; more alternate between an inner and an outer ring so the lines pass between."""
    if n == 0:
        return [], 0.0
    step = 2 * math.pi / n
    if n <= 12:
        rings = [RING] * n
        radius = MAX_RADIUS if n < 3 else min(MAX_RADIUS, RING * math.sin(math.pi / n) - 4)
    else:
        outer, inner = 204.0, 130.0
        rings = [outer if i % 2 == 0 else inner for i in range(n)]
        neighbour = math.sqrt(outer**2 + inner**2 - 2 * outer * inner * math.cos(step))
        radius = min(40.0, inner * math.sin(step) - 3, neighbour / 2 - 3)
    centres = []
    for i, ring in enumerate(rings):
        angle = -math.pi / 2 + i * step
        centres.append((CX + ring * math.cos(angle), CY + ring * math.sin(angle)))
    return centres, max(radius, 14.0)


def _zigzag(x0: float, y0: float, x1: float, y1: float) -> str:
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    vx, vy = -uy, ux
    zigs = int((length - 2 * LEAD) // ZIG)
    if zigs < 2:
        return f"M{_n(x0)},{_n(y0)} L{_n(x1)},{_n(y1)}"
    # Centre the zig-zag between the two straight leads.
    start = (length - zigs * ZIG) / 2
    points = [(x0, y0), (x0 + ux * start, y0 + uy * start)]
    for k in range(zigs):
        along = start + (k + 0.5) * ZIG
        side = ZIG_AMPLITUDE if k % 2 == 0 else -ZIG_AMPLITUDE
        points.append((x0 + ux * along + vx * side, y0 + uy * along + vy * side))
    end = start + zigs * ZIG
    points += [(x0 + ux * end, y0 + uy * end), (x1, y1)]
    first, *rest = points
    return f"M{_n(first[0])},{_n(first[1])} " + " ".join(f"L{_n(x)},{_n(y)}" for x, y in rest)


def _hatches(x0: float, y0: float, x1: float, y1: float) -> str:
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    vx, vy = -uy, ux
    count = max(int((length - 2 * LEAD) // HATCH_SPACING), 1)
    start = (length - (count - 1) * HATCH_SPACING) / 2
    marks = []
    for k in range(count):
        along = start + k * HATCH_SPACING
        mx, my = x0 + ux * along, y0 + uy * along
        marks.append(
            f"M{_n(mx + vx * HATCH_HALF)},{_n(my + vy * HATCH_HALF)} "
            f"L{_n(mx - vx * HATCH_HALF)},{_n(my - vy * HATCH_HALF)}"
        )
    return " ".join(marks)


def _line(uid: str, state: TieState, x0: float, y0: float, x1: float, y1: float) -> str:
    """One tie's line, from the person (x0, y0) to the tie's circle (x1, y1)."""
    colour = COLOUR.get(state.quality, INK)
    width = STROKE_WIDTH.get(state.strength, 2.5)
    straight = f"M{_n(x0)},{_n(y0)} L{_n(x1)},{_n(y1)}"
    d = _zigzag(x0, y0, x1, y1) if state.quality == Quality.STRESSFUL else straight
    attrs = [
        'class="ecomap-line"',
        f'd="{d}"',
        'fill="none"',
        f'stroke="{colour}"',
        f'stroke-width="{_n(width)}"',
        'stroke-linejoin="round"',
    ]
    if state.strength in DASHES:
        attrs.append(f'stroke-dasharray="{DASHES[state.strength]}"')
    arrow = f"url(#{uid}-arrow-{state.quality if state.quality in COLOUR else 'ink'})"
    # The path runs from the person outwards: its end points at the tie, its start (the
    # marker reversed) at the person.
    if state.direction in (Direction.TO_PERSON, Direction.BOTH):
        attrs.append(f'marker-start="{arrow}"')
    if state.direction in (Direction.FROM_PERSON, Direction.BOTH):
        attrs.append(f'marker-end="{arrow}"')
    parts = [f"<path {' '.join(attrs)}/>"]
    if state.quality == Quality.MIXED:
        parts.append(
            f'<path class="ecomap-hatch" d="{_hatches(x0, y0, x1, y1)}" fill="none" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    return (
        f'<g class="ecomap-tie" data-tie="{state.id}" data-strength="{escape(state.strength)}" '
        f'data-quality="{escape(state.quality)}" data-direction="{escape(state.direction)}">'
        + "".join(parts)
        + "</g>"
    )


def describe(state: TieState) -> str:
    """One tie in words: the circle's tooltip and the basis of the list."""
    words = [state.kind_label, state.strength_label, state.quality_label]
    words.append(_("support: %(direction)s") % {"direction": state.direction_label.lower()})
    if state.frequency:
        words.append(state.frequency_label)
    return f"{state.name} — " + " · ".join(words)


def _text_lines(lines: list[str], *, x: float, y: float, size: float, **attrs) -> str:
    extra = " ".join(f'{key.replace("_", "-")}="{value}"' for key, value in attrs.items())
    spans = []
    for i, line in enumerate(lines):
        spans.append(
            f'<tspan x="{_n(x)}" dy="{_n(0 if i == 0 else size * 1.15)}">{escape(line)}</tspan>'
        )
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="middle" '
        f'fill="{INK}" {extra}>' + "".join(spans) + "</text>"
    )


def _node(
    state: TieState, x: float, y: float, r: float, *, href: str | None, highlight: bool
) -> str:
    name, name_size = fitting(
        state.name, room=1.6 * r, size=max(10.0, min(15.0, r * 0.28)), count=3 if r >= 40 else 2
    )
    kind_size = max(9.0, min(12.5, name_size - 2))
    kind = wrap(short_kind(state.kind), room=1.5 * r, size=kind_size, count=1)
    block = len(name) * name_size * 1.15 + kind_size
    top = y - block / 2 + name_size * 0.85
    body = (
        f"<title>{escape(describe(state))}</title>"
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{FILL.get(state.kind, "#ffffff")}" '
        f'stroke="{INK}" stroke-width="{4 if highlight else 1.5}"/>'
        + _text_lines(name, x=x, y=top, size=name_size, font_weight="600")
        + _text_lines(
            kind, x=x, y=top + len(name) * name_size * 1.15, size=kind_size, font_style="italic"
        )
    )
    group = f'<g class="ecomap-node{" ecomap-focus" if highlight else ""}" data-tie="{state.id}">'
    if href:
        # Out of the tab order: the list beside the drawing carries the same links, one tab
        # stop each.
        return f'{group}<a href="{escape(href)}" tabindex="-1">{body}</a></g>'
    return f"{group}{body}</g>"


def summary(states: Sequence[TieState]) -> str:
    """The drawing in one sentence (its <desc>)."""
    if not states:
        return _("No ties recorded yet.")
    strengths = Counter(s.strength for s in states)
    qualities = Counter(s.quality for s in states)
    total = ngettext("%(n)d tie", "%(n)d ties", len(states)) % {"n": len(states)}

    strong, moderate = strengths[Strength.STRONG], strengths[Strength.MODERATE]
    tenuous = strengths[Strength.TENUOUS]
    supportive, mixed = qualities[Quality.SUPPORTIVE], qualities[Quality.MIXED]
    stressful = qualities[Quality.STRESSFUL]
    # The adjective agrees with the number of ties in French, Danish and Portuguese.
    by_strength = [
        npgettext("ties of an ecomap", "%(n)d strong", "%(n)d strong", strong) % {"n": strong},
        npgettext("ties of an ecomap", "%(n)d moderate", "%(n)d moderate", moderate)
        % {"n": moderate},
        npgettext("ties of an ecomap", "%(n)d tenuous", "%(n)d tenuous", tenuous) % {"n": tenuous},
    ]
    by_quality = [
        npgettext("ties of an ecomap", "%(n)d supportive", "%(n)d supportive", supportive)
        % {"n": supportive},
        npgettext("ties of an ecomap", "%(n)d mixed", "%(n)d mixed", mixed) % {"n": mixed},
        npgettext("ties of an ecomap", "%(n)d stressful", "%(n)d stressful", stressful)
        % {"n": stressful},
    ]
    return _("%(total)s: %(strengths)s; %(qualities)s.") % {
        "total": total,
        "strengths": ", ".join(by_strength),
        "qualities": ", ".join(by_quality),
    }


def _markers(uid: str) -> str:
    return "".join(
        f'<marker id="{uid}-arrow-{quality}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="13" markerHeight="13" markerUnits="userSpaceOnUse" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for quality, colour in [*COLOUR.items(), ("ink", INK)]
    )


def _legend(uid: str, top: float) -> str:
    sample = TieState
    rows = [
        (sample(0, "", "", Strength.STRONG, "", Direction.NONE), _("Strong tie")),
        (sample(0, "", "", Strength.MODERATE, "", Direction.NONE), _("Moderate tie")),
        (sample(0, "", "", Strength.TENUOUS, "", Direction.NONE), _("Tenuous tie (dashed)")),
        (
            sample(0, "", "", Strength.MODERATE, Quality.SUPPORTIVE, Direction.NONE),
            _("Supportive (plain line)"),
        ),
        (
            sample(0, "", "", Strength.MODERATE, Quality.MIXED, Direction.NONE),
            _("Mixed: support and stress (hatch marks)"),
        ),
        (
            sample(0, "", "", Strength.MODERATE, Quality.STRESSFUL, Direction.NONE),
            _("Stressful (zig-zag)"),
        ),
        (
            sample(0, "", "", Strength.MODERATE, "", Direction.FROM_PERSON),
            _("Support flows the way of the arrow"),
        ),
        (
            sample(0, "", "", Strength.MODERATE, "", Direction.BOTH),
            _("Support flows both ways"),
        ),
    ]
    parts = [
        f'<g class="ecomap-legend"><text x="16" y="{_n(top + 4)}" font-size="15" '
        f'font-weight="600" fill="{INK}">{escape(_("Legend"))}</text>'
    ]
    for i, (state, label) in enumerate(rows):
        y = top + (i + 1) * LEGEND_ROW
        line = _line(uid, state, 20, y - 5, 96, y - 5).replace(
            "ecomap-tie", "ecomap-legend-line", 1
        )
        parts.append(line)
        parts.append(
            f'<text x="110" y="{_n(y)}" font-size="15" fill="{INK}">{escape(label)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def draw(
    states: Sequence[TieState],
    *,
    centre: str,
    title: str,
    uid: str = "ecomap",
    href: Callable[[TieState], str] | None = None,
    highlight: int | None = None,
    legend: bool = True,
) -> SafeString:
    """The SVG markup of an ecomap.

    ``states`` in drawing order (``network.in_drawing_order``); ``centre`` the person's name;
    ``uid`` prefixes the ids so two drawings can share a page; ``href(state)`` makes each
    circle a link; ``highlight`` is the id of a tie to outline."""
    uid = escape(uid)
    centres, r = _layout(len(states))
    height = MAP_HEIGHT + (30 + 8 * LEGEND_ROW if legend else 0)
    # One image to assistive technology; a group, named the same, when its circles are links:
    # an image's content is presentational and may hold no link (WCAG 4.1.2).
    role = "group" if href else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ecomap-svg" role="{role}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="system-ui, sans-serif">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(summary(states))}</desc>',
        f"<defs>{_markers(uid)}</defs>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for state, (x, y) in zip(states, centres, strict=True):
        distance = math.hypot(x - CX, y - CY)
        ux, uy = (x - CX) / distance, (y - CY) / distance
        start = CENTRE_RADIUS + 3
        end = distance - r - 3
        out.append(
            _line(uid, state, CX + ux * start, CY + uy * start, CX + ux * end, CY + uy * end)
        )
    for state, (x, y) in zip(states, centres, strict=True):
        out.append(
            _node(
                state,
                x,
                y,
                r,
                href=href(state) if href else None,
                highlight=state.id == highlight,
            )
        )
    name, size = fitting(centre, room=1.8 * CENTRE_RADIUS, size=16, count=3)
    out.append(
        f'<g class="ecomap-person"><circle cx="{CX}" cy="{CY}" r="{CENTRE_RADIUS}" '
        f'fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
        + _text_lines(
            name,
            x=CX,
            y=CY - (len(name) - 1) * size * 1.15 / 2 + 5,
            size=size,
            font_weight="700",
        )
        + "</g>"
    )
    if not states:
        out.append(
            f'<text x="{CX}" y="{CY + CENTRE_RADIUS + 36}" font-size="15" text-anchor="middle" '
            f'fill="{INK}">{escape(_("No ties recorded yet."))}</text>'
        )
    if legend:
        out.append(_legend(uid, MAP_HEIGHT + 4))
    out.append("</svg>")
    return mark_safe("".join(out))
