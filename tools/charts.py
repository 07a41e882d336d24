"""A small line chart drawn on the server as SVG: no script, a viewBox that scales to the
phone's width, and numbers that stay in the accessible table beside it."""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 300, 84
LEFT, RIGHT, TOP, BOTTOM = 24, 8, 8, 26
# Points start a little inside the axis so the first one never covers a tick label.
INSET = 10


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
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def plot_left(self) -> int:
        return LEFT

    @property
    def tick_x(self) -> int:
        return LEFT - 4

    @property
    def plot_right(self) -> int:
        return self.width - RIGHT

    @property
    def y_high(self) -> int:
        return TOP

    @property
    def y_low(self) -> int:
        return self.height - BOTTOM

    @property
    def label_y(self) -> int:
        return self.height - 6

    @property
    def first(self) -> ChartPoint:
        return self.points[0]

    @property
    def last(self) -> ChartPoint:
        return self.points[-1]


def line_chart(series: list[tuple[date, float, bool]], *, low: float, high: float) -> LineChart:
    """``series``: (date, value, is baseline), oldest first. Dates are spaced as in time."""
    left, right = LEFT + INSET, WIDTH - RIGHT - INSET
    top, bottom = TOP, HEIGHT - BOTTOM
    if high <= low:
        high = low + 1
    first, last = series[0][0], series[-1][0]
    span = (last - first).days
    points = []
    for on, value, baseline in series:
        x = (left + right) / 2 if span == 0 else left + (right - left) * (on - first).days / span
        clamped = min(max(value, low), high)
        y = bottom - (bottom - top) * (clamped - low) / (high - low)
        points.append(ChartPoint(x=x, y=y, on=on, value=value, baseline=baseline))
    return LineChart(points=points, low=low, high=high)
