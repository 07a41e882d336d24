"""The Kaplan–Meier estimator, written out so that it can be read and checked (R36).

Housing retention is shown as the share of people still in their first home over time since
move-in (shared/reference/models-and-standards.md): each person contributes a duration and
whether it ended in a housing loss (an event) or was cut short without one (censored: the
period ended, the case closed, the person died). At each time t with d events among the n
people still followed, the curve falls by the factor (1 − d/n). A person censored at t still
counts as at risk at t (the convention of lifelines and of most texts). Greenwood's formula
gives the standard error: S(t)² · Σ d / (n (n − d)).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from math import sqrt


@dataclass(frozen=True)
class Step:
    time: float
    at_risk: int  # followed just before ``time``
    events: int
    censored: int
    survival: float  # S(t) just after ``time``
    std_error: float | None  # Greenwood; None where S(t) is 0 after the last at-risk fell


def kaplan_meier(durations: Iterable[float], observed: Iterable[bool]) -> list[Step]:
    """One step per distinct duration (events or censorings), in time order."""
    durations, observed = list(durations), list(observed)
    if len(durations) != len(observed):
        raise ValueError("durations and observed differ in length")
    if any(d < 0 for d in durations):
        raise ValueError("a duration is negative")
    events = Counter(d for d, seen in zip(durations, observed, strict=True) if seen)
    censored = Counter(d for d, seen in zip(durations, observed, strict=True) if not seen)
    at_risk = len(durations)
    survival, greenwood = 1.0, 0.0
    steps = []
    for time in sorted(set(durations)):
        d, c = events[time], censored[time]
        if d:
            survival *= 1 - d / at_risk
            greenwood = greenwood + d / (at_risk * (at_risk - d)) if at_risk > d else float("inf")
        error = survival * sqrt(greenwood) if greenwood != float("inf") else None
        steps.append(Step(time, at_risk, d, c, survival, error))
        at_risk -= d + c
    return steps


def survival_at(steps: list[Step], time: float) -> float | None:
    """S(time): the curve's value at ``time``; None when nobody was followed that long
    (the curve says nothing past its last observation)."""
    if not steps or time > steps[-1].time:
        return None
    value = 1.0
    for step in steps:
        if step.time > time:
            break
        value = step.survival
    return value
