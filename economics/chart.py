"""Cumulative program cost against cumulative savings, month by month, drawn on the server as
SVG in the manner of tools/charts.py: a viewBox that scales to the phone, no script, and the
numbers in the accessible table beside it."""

from dataclasses import dataclass
from fractions import Fraction

from economics.analysis import CurvePoint

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 10, 22


@dataclass(frozen=True)
class CostChart:
    cost: str  # polyline points
    savings: str
    zero_y: str
    break_even_x: str | None
    months: int
    high: Fraction
    low: Fraction
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def plot_left(self) -> int:
        return LEFT

    @property
    def plot_right(self) -> int:
        return self.width - RIGHT

    @property
    def label_y(self) -> int:
        return self.height - 6

    @property
    def top(self) -> int:
        return TOP

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM


def cost_chart(curve: list[CurvePoint], break_even: int | None) -> CostChart | None:
    if not curve:
        return None
    values = [Fraction(0)] + [p.cost for p in curve] + [p.savings for p in curve]
    high, low = max(values), min(values)
    span = (high - low) or Fraction(1)
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM

    def x(month: int) -> float:
        return LEFT + inner_w * month / len(curve)

    def y(value: Fraction) -> float:
        return TOP + float((high - value) / span) * inner_h

    def line(attr: str) -> str:
        points = [(x(0), y(Fraction(0)))] + [(x(p.month), y(getattr(p, attr))) for p in curve]
        return " ".join(f"{a:.1f},{b:.1f}" for a, b in points)

    return CostChart(
        cost=line("cost"),
        savings=line("savings"),
        zero_y=f"{y(Fraction(0)):.1f}",
        break_even_x=f"{x(break_even):.1f}" if break_even else None,
        months=len(curve),
        high=high,
        low=low,
    )
