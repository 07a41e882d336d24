"""A Kaplan–Meier step chart drawn on the server as SVG (the monthly series reuse
tools/charts.py). Coordinates are plain text so a template never localises them."""

from dataclasses import dataclass

from outcomes.survival import Step
from tools.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH


@dataclass
class StepChart:
    polyline: str
    horizon_days: int
    marks: list[tuple[str, str]]  # (x, label) at 6, 12 and 24 months where in range
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    plot_left = LEFT
    plot_right = WIDTH - RIGHT
    y_high = TOP
    y_low = HEIGHT - BOTTOM
    tick_x = LEFT - 4
    label_y = HEIGHT - 6


def step_chart(steps: list[Step], *, marks: dict[int, int]) -> StepChart | None:
    """The survival curve from 1 at move-in down at each loss, to the last time followed."""
    if not steps:
        return None
    horizon = max(int(steps[-1].time), 1)
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM

    def x(days: float) -> float:
        return left + (right - left) * days / horizon

    def y(value: float) -> float:
        return bottom - (bottom - top) * value

    points = [(x(0), y(1.0))]
    level = 1.0
    for step in steps:
        if step.survival != level:
            points += [(x(step.time), y(level)), (x(step.time), y(step.survival))]
            level = step.survival
    points.append((x(horizon), y(level)))
    return StepChart(
        polyline=" ".join(f"{a:.1f},{b:.1f}" for a, b in points),
        horizon_days=horizon,
        marks=[
            (f"{x(days):.1f}", str(months)) for months, days in marks.items() if days <= horizon
        ],
    )
