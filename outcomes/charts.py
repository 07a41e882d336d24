"""A Kaplan–Meier step chart, in the frame of hearth/charts.py (the monthly series use
tools/charts.py)."""

from dataclasses import dataclass, field

from hearth.charts import Frame, points
from outcomes.survival import Step

FRAME = Frame()


@dataclass
class StepChart:
    polyline: str
    horizon_days: int
    marks: list[tuple[str, int]]  # (x, months) at 6, 12 and 24 months where in range
    frame: Frame = field(default=FRAME)


def step_chart(steps: list[Step], *, marks: dict[int, int]) -> StepChart | None:
    """The survival curve from 1 at move-in down at each loss, to the last time followed."""
    if not steps:
        return None
    horizon = max(int(steps[-1].time), 1)

    def x(days: float) -> float:
        return FRAME.x(days / horizon)

    corners = [(x(0), FRAME.y(1.0))]
    level = 1.0
    for step in steps:
        if step.survival != level:
            corners += [(x(step.time), FRAME.y(level)), (x(step.time), FRAME.y(step.survival))]
            level = step.survival
    corners.append((x(horizon), FRAME.y(level)))
    return StepChart(
        polyline=points(corners),
        horizon_days=horizon,
        marks=[(f"{x(days):.1f}", months) for months, days in marks.items() if days <= horizon],
    )
