"""The merge rules of an import and the reading of Loop Habit Tracker's values, alone."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.loop_habits import guess_category
from tracker.core.loop_values import (
    Day,
    Measure,
    UnreadableValue,
    numerical_day,
    parse_number,
    yes_no_day,
)
from tracker.core.transfer import match_records, merged_start


@pytest.mark.parametrize(
    ("stored", "incoming", "expected"),
    [
        ([], ["a", "b"], [None, None]),
        ([("a", 1)], ["a"], [1]),
        ([("a", 1)], ["a", "a"], [1, None]),  # twins in the file: one is new
        ([("a", 7), ("a", 3)], ["a", "a", "a"], [3, 7, None]),  # stored ones in id order
        ([("a", 1), ("b", 2)], ["b", "c", "a"], [2, None, 1]),
    ],
)
def test_records_pair_up_one_to_one(stored, incoming, expected):
    assert match_records(stored, incoming) == expected


@given(st.lists(st.sampled_from("abc"), max_size=12))
def test_importing_the_same_records_again_finds_every_one(keys):
    """What one import added is all found by the next: a second import adds nothing."""
    first = match_records([], keys)
    stored = [(key, n) for n, key in enumerate(keys) if first[n] is None]
    assert None not in match_records(stored, keys)


def test_a_merged_goal_starts_at_the_earlier_of_the_two():
    assert merged_start(date(2026, 3, 1), date(2025, 1, 1)) == date(2025, 1, 1)
    assert merged_start(date(2026, 3, 1), date(2026, 3, 5)) == date(2026, 3, 1)
    assert merged_start(date(2026, 3, 1), None) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("raw", "note", "expected"),
    [
        ("YES_MANUAL", "", Day(1, False, "")),
        ("YES_AUTO", "", Day(0, True, "")),
        ("NO", "n", Day(0, False, "n")),
        ("SKIP", "", Day(0, True, "")),
        ("UNKNOWN", "", None),
        ("UNKNOWN", "a note", Day(0, False, "a note")),
        ("2", "", Day(1, False, "")),  # older exports wrote the numbers
        ("1", "", Day(0, True, "")),
        ("0", "", Day(0, False, "")),
        (" yes_manual ", "", Day(1, False, "")),
        ("", "", None),
    ],
)
def test_yes_or_no_values(raw, note, expected):
    assert yes_no_day(raw, note) == expected


@pytest.mark.parametrize("raw", ["MAYBE", "5", "-2", "YES"])
def test_unknown_yes_or_no_values_are_refused(raw):
    with pytest.raises(UnreadableValue):
        yes_no_day(raw)


def test_a_long_note_is_cut_to_what_an_entry_holds():
    assert yes_no_day("NO", "x" * 2500).note == "x" * 2000


@pytest.mark.parametrize(
    ("target", "raw", "expected"),
    [
        ("20", "25000", 25),
        ("20", "12500", 12),
        ("20", "19999", 19),  # 19.999 minutes is not 20
        ("20", "20000", 20),
        ("2.5", "2500", 3),  # target 3, and 2.5 of 2.5 is done
        ("2.5", "2000", 2),
        ("10000", "5000000", 50),  # 5,000 of 10,000 steps: half the scaled target of 100
        ("10000", "10000000", 100),
        ("0", "0", 1),  # a target of nothing is met every day
        ("20", "5.5", 5),  # an amount in units
        ("20", "NO", 0),
        ("20", "5000000", 1000),  # capped
    ],
)
def test_numerical_amounts_scale_with_the_target(target, raw, expected):
    measure = Measure.of(parse_number(target), at_most=False)
    assert numerical_day(raw, measure).value == expected


def test_numerical_skip_and_unknown():
    measure = Measure.of(Fraction(20), at_most=False)
    assert numerical_day("SKIP", measure) == Day(0, True, "")
    assert numerical_day("UNKNOWN", measure) is None
    with pytest.raises(UnreadableValue):
        numerical_day("-5", measure)


@given(
    target=st.fractions(min_value=0, max_value=100_000, max_denominator=1000),
    amount=st.fractions(min_value=0, max_value=1_000_000, max_denominator=1000),
    at_most=st.booleans(),
)
def test_a_day_is_done_exactly_when_loop_counted_it_met(target, amount, at_most):
    measure = Measure.of(target, at_most)
    met = amount <= target if at_most else amount >= target
    value = measure.value(amount)
    assert 1 <= measure.target <= 100 and 0 <= value <= 1000
    assert (value >= measure.target) == met


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Apply to one job", "apply"),
        ("Update my CV", "apply"),
        ("Journal", "reflect"),
        ("Meditate 10 min", "reflect"),
        ("Push-ups", "practice"),
        ("Mock interview", "practice"),
    ],
)
def test_a_habits_name_suggests_its_category(name, category):
    assert guess_category(name) == category
