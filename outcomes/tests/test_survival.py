"""The Kaplan–Meier estimator against a hand calculation and against lifelines (R25, R36)."""

import math
import random

import pytest

from outcomes.survival import kaplan_meier, survival_at


def test_a_small_curve_matches_the_hand_calculation():
    # Six persons: losses at 1, 2, 3, 5; no longer followed at 2 and 4.
    steps = kaplan_meier([1, 2, 2, 3, 4, 5], [True, True, False, True, False, True])
    assert [s.time for s in steps] == [1, 2, 3, 4, 5]
    assert [s.at_risk for s in steps] == [6, 5, 3, 2, 1]
    assert [s.events for s in steps] == [1, 1, 1, 0, 1]
    assert [s.censored for s in steps] == [0, 1, 0, 1, 0]
    expected = [5 / 6, 2 / 3, 4 / 9, 4 / 9, 0]
    assert [s.survival for s in steps] == pytest.approx(expected)
    # Greenwood at t=2: S² (1/(6·5) + 1/(5·4)) = (4/9)(1/12) = 1/27.
    assert steps[1].std_error == pytest.approx(math.sqrt(1 / 27))


def test_the_curve_is_read_as_a_step_and_says_nothing_past_the_last_follow_up():
    steps = kaplan_meier([10, 20, 30], [True, False, False])
    assert survival_at(steps, 0) == 1.0
    assert survival_at(steps, 9.9) == 1.0
    assert survival_at(steps, 10) == pytest.approx(2 / 3)
    assert survival_at(steps, 30) == pytest.approx(2 / 3)
    assert survival_at(steps, 31) is None
    assert survival_at([], 1) is None


def test_nobody_lost_is_a_flat_curve_at_one():
    steps = kaplan_meier([5, 8], [False, False])
    assert [s.survival for s in steps] == [1.0, 1.0]


def _datasets():
    rnd = random.Random(6)
    yield [1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 0, 1]
    # Ties of events with events and of events with censorings on the same day.
    yield [3, 3, 3, 5, 5, 7, 7, 7, 9, 12], [1, 1, 0, 1, 0, 0, 1, 1, 0, 1]
    # Everyone censored at the period's end but a few.
    yield [365] * 8 + [40, 90, 200], [0] * 8 + [1, 1, 1]
    # A realistic cohort: days from move-in, with many ties.
    durations = [rnd.randint(0, 730) // 30 * 30 for _ in range(200)]
    observed = [rnd.random() < 0.3 for _ in range(200)]
    yield durations, observed


@pytest.mark.parametrize("durations,observed", list(_datasets()))
def test_the_curve_matches_lifelines(durations, observed):
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter().fit(durations, event_observed=observed)
    steps = kaplan_meier(durations, [bool(o) for o in observed])
    table = fitter.event_table
    for step in steps:
        assert step.survival == pytest.approx(
            fitter.survival_function_.loc[step.time].iloc[0], abs=1e-12
        )
        assert step.at_risk == table.loc[step.time, "at_risk"]
        assert step.events == table.loc[step.time, "observed"]
        assert step.censored == table.loc[step.time, "censored"]
    for t in (0, 6, 100, 364, 365):
        if t <= max(durations):
            assert survival_at(steps, t) == pytest.approx(fitter.predict(t), abs=1e-12)


def test_a_negative_duration_is_refused():
    with pytest.raises(ValueError):
        kaplan_meier([-1], [True])
