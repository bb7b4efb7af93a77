"""The strength steps the goal walk uses (SPEC section 3, "Strength"), one at a time.

`test_long_histories` checks the score through `compute`; these check each step the walk
takes, so a change of the formula shows here first.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.strength import (
    MULTIPLIER,
    after_done,
    completion,
    score,
    shielded_step,
    step,
)

strengths = st.floats(min_value=0, max_value=1)
shares = st.floats(min_value=0, max_value=1)


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        pytest.param(0, 3, 0, id="nothing_logged"),
        pytest.param(1, 4, 0.25, id="a_share_of_the_target"),
        pytest.param(3, 3, 1, id="the_target"),
        pytest.param(9, 3, 1, id="more_than_the_target_is_capped"),
    ],
)
def test_completion_is_the_share_of_the_target_capped_at_one(value, target, expected):
    assert completion(value, target) == expected


def test_thirteen_done_days_from_nothing_are_half():
    s = functools.reduce(step, [1] * 13, 0.0)
    assert s == pytest.approx(0.5)
    assert score(s) == 50


def test_a_miss_keeps_m_of_the_strength():
    assert step(0.8, 0) == pytest.approx(0.8 * MULTIPLIER)


@given(strengths, st.integers(min_value=0, max_value=2000))
def test_after_done_is_step_with_one_repeated(s, days):
    repeated = functools.reduce(step, [1] * days, s)
    assert after_done(s, days) == pytest.approx(repeated, abs=1e-12)


def test_after_no_done_days_the_strength_is_unchanged():
    assert after_done(0.37, 0) == 0.37


@given(strengths, shares)
def test_a_shield_never_lowers_strength(s, x):
    assert shielded_step(s, x) == max(s, step(s, x))
    assert shielded_step(s, x) >= s


@pytest.mark.parametrize(("s", "expected"), [(0.0, 0), (0.004, 0), (0.506, 51), (1.0, 100)])
def test_score_is_a_whole_percent(s, expected):
    assert score(s) == expected
