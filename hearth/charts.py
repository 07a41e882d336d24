"""The frame every chart in Hearth is drawn in: SVG made on the server, no script, a viewBox that
scales to the phone's width, and the numbers kept in the accessible table beside the chart.

A chart module (tools/charts.py, outcomes/charts.py, economics/chart.py) places its values with
``Frame.x`` and ``Frame.y`` and hands the template a frame for the axes and labels.
Coordinates are plain text (``points``): a template would localise a float ("12,5" in French).
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    width: int = 300
    height: int = 84
    left: int = 24  # room for the value ticks
    right: int = 8
    top: int = 8
    bottom: int = 26  # room for the date or month labels
    # Points start this far inside the plot so the first one never covers a tick label.
    inset: int = 0

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def plot_left(self) -> int:
        return self.left

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def y_high(self) -> int:
        return self.top

    @property
    def y_low(self) -> int:
        return self.height - self.bottom

    @property
    def tick_x(self) -> int:
        """Where the value ticks end, just left of the plot."""
        return self.left - 4

    @property
    def label_y(self) -> int:
        """The baseline of the labels under the plot."""
        return self.height - 6

    def x(self, fraction: float) -> float:
        """0 is the left end of the plot (after the inset), 1 the right end."""
        left, right = self.plot_left + self.inset, self.plot_right - self.inset
        return left + (right - left) * fraction

    def y(self, fraction: float) -> float:
        """0 is the bottom of the plot, 1 the top."""
        return self.y_low - (self.y_low - self.y_high) * fraction


def points(pairs: Iterable[tuple[float, float]]) -> str:
    """An SVG ``points`` attribute."""
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)
