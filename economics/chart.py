"""Cumulative program cost against cumulative savings, month by month, in the frame of
hearth/charts.py."""

from dataclasses import dataclass, field
from fractions import Fraction

from economics.analysis import CurvePoint
from hearth.charts import Frame, points

FRAME = Frame(width=320, height=160, left=8, top=10, bottom=22)


@dataclass(frozen=True)
class CostChart:
    cost: str  # polyline points
    savings: str
    zero_y: str
    break_even_x: str | None
    months: int
    high: Fraction
    low: Fraction
    frame: Frame = field(default=FRAME)


def cost_chart(curve: list[CurvePoint], break_even: int | None) -> CostChart | None:
    if not curve:
        return None
    values = [Fraction(0)] + [p.cost for p in curve] + [p.savings for p in curve]
    high, low = max(values), min(values)
    span = (high - low) or Fraction(1)

    def x(month: int) -> float:
        return FRAME.x(month / len(curve))

    def y(value: Fraction) -> float:
        return FRAME.y(float((value - low) / span))

    def line(attr: str) -> str:
        return points([(x(0), y(Fraction(0)))] + [(x(p.month), y(getattr(p, attr))) for p in curve])

    return CostChart(
        cost=line("cost"),
        savings=line("savings"),
        zero_y=f"{y(Fraction(0)):.1f}",
        break_even_x=f"{x(break_even):.1f}" if break_even else None,
        months=len(curve),
        high=high,
        low=low,
    )
