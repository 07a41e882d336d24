"""A small line chart of dated values, in the frame of hearth/charts.py."""

from dataclasses import dataclass, field
from datetime import date

from hearth.charts import Frame, points

FRAME = Frame(inset=10)


@dataclass
class ChartPoint:
    x: float
    y: float
    on: date
    value: float
    baseline: bool

    # Coordinates as plain text: a template would localise a float ("12,5" in French).
    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"


@dataclass
class LineChart:
    points: list[ChartPoint]
    low: float
    high: float
    frame: Frame = field(default=FRAME)

    @property
    def polyline(self) -> str:
        return points((p.x, p.y) for p in self.points)

    @property
    def first(self) -> ChartPoint:
        return self.points[0]

    @property
    def last(self) -> ChartPoint:
        return self.points[-1]


def line_chart(series: list[tuple[date, float, bool]], *, low: float, high: float) -> LineChart:
    """``series``: (date, value, is baseline), oldest first. Dates are spaced as in time."""
    if high <= low:
        high = low + 1
    first, last = series[0][0], series[-1][0]
    span = (last - first).days
    chart_points = []
    for on, value, baseline in series:
        clamped = min(max(value, low), high)
        chart_points.append(
            ChartPoint(
                x=FRAME.x(0.5 if span == 0 else (on - first).days / span),
                y=FRAME.y((clamped - low) / (high - low)),
                on=on,
                value=value,
                baseline=baseline,
            )
        )
    return LineChart(points=chart_points, low=low, high=high)
