"""Going on from a checkpoint gives exactly what a walk from the first day gives.

Issue 14: the engine keeps its state at the end of finished days, and a request walks only
from the last valid state to today; any change to an earlier day forgets the states from
that day on. Proven here over random histories (every cut of each) and over random edit
sequences replayed the way the history service stores and forgets checkpoints.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core import checkpoint
from tracker.core.checkpoint import Checkpoint, GoalState, Reached, decode, encode
from tracker.core.inputs import BreakSpec, EntrySpec, GoalSpec
from tracker.core.streaks import Result, compute

from .test_properties import EVERY_DAY, History, day, histories

CUTS = settings(max_examples=3_000, derandomize=True, database=None, deadline=None)
EDITS = settings(max_examples=600, derandomize=True, database=None, deadline=None)


def everything(result: Result) -> dict:
    """Every field of a result that a checkpoint carries or changes."""
    return {
        "day": result.day,
        "goals": result.goals,
        "calendar": dict(result.calendar),
        "comeback_dates": result.comeback_dates,
        "best_reached": result.best_reached,
        "rejections_by_date": result.rejections_by_date,
    }


def every_day_of(history: History) -> list[date]:
    first = min(goal.created_on for goal in history.goals) - timedelta(days=1)
    return [first + timedelta(days=n) for n in range((history.today - first).days + 1)]


def resume(history: History, since: Checkpoint, **options) -> Result:
    return compute(
        history.goals, history.entries, history.rejections, history.breaks, history.today,
        since=decode(encode(since)), **options,
    )  # fmt: skip


@CUTS
@given(histories)
def test_going_on_from_any_kept_day_equals_the_whole_walk(history):
    keep = every_day_of(history)
    whole = compute(
        history.goals, history.entries, history.rejections, history.breaks, history.today,
        keep=keep,
    )  # fmt: skip
    assert everything(whole) == everything(history.compute())
    for kept in whole.checkpoints:
        assert everything(resume(history, kept)) == everything(whole)


@CUTS
@given(histories)
def test_without_the_entries_before_the_checkpoint_only_their_done_goals_are_unknown(history):
    whole = compute(
        history.goals, history.entries, history.rejections, history.breaks, history.today,
        keep=every_day_of(history),
    )  # fmt: skip
    for kept in whole.checkpoints:
        later = [entry for entry in history.entries if entry.date > kept.day]
        resumed = resume(history.replace(entries=later), kept)
        assert (resumed.day, resumed.goals) == (whole.day, whole.goals)
        assert resumed.best_reached == whole.best_reached
        assert resumed.comeback_dates == whole.comeback_dates
        states = {d: c.state for d, c in resumed.calendar.items()}
        assert states == {d: c.state for d, c in whole.calendar.items()}
        after = {d: c for d, c in resumed.calendar.items() if d > kept.day}
        assert after == {d: c for d, c in whole.calendar.items() if d > kept.day}


@CUTS
@given(histories)
def test_strengths_on_dates_equal_a_walk_as_of_each_date(history):
    dates = every_day_of(history)[1:]
    result = compute(
        history.goals, history.entries, history.rejections, history.breaks, history.today,
        strengths_on=dates,
    )  # fmt: skip
    for d in dates:
        as_of = compute(history.goals, history.entries, history.rejections, history.breaks, d)
        assert result.strengths_on[d] == {g.goal_id: g.strength for g in as_of.goals}


def test_strengths_on_refuses_dates_outside_the_walk():
    goals = [GoalSpec(1, 1, EVERY_DAY, day(0))]
    with pytest.raises(ValueError, match="strengths_on"):
        compute(goals, [], [], [], day(3), strengths_on=[day(4)])
    kept = compute(goals, [], [], [], day(3), keep=[day(1)]).checkpoints[0]
    with pytest.raises(ValueError, match="strengths_on"):
        compute(goals, [], [], [], day(3), since=kept, strengths_on=[day(1)])


def test_keep_leaves_out_today_and_days_outside_the_walk():
    goals = [GoalSpec(1, 1, EVERY_DAY, day(2))]
    result = compute(goals, [], [], [], day(5), keep=[day(0), day(2), day(4), day(5), day(9)])
    assert [kept.day for kept in result.checkpoints] == [day(2), day(4)]


def test_a_checkpoint_reads_back_as_written():
    kept = Checkpoint(
        through=day(40).toordinal(), first=day(0).toordinal(), run=5, best=9, freezes=1,
        comebacks=2, uncredited=True, comeback_dates=(day(3), day(30)),
        best_reached=Reached([(1, day(0).toordinal(), 3), (4, day(20).toordinal(), 2)]),
        states="AAASMFROB", goals=(GoalState(1, 5, 9, 2, 0.123456789012345678),),
    )  # fmt: skip
    assert decode(encode(kept)) == kept
    assert kept.day == day(40)


def test_reached_is_a_sequence_of_its_pairs():
    pairs = ((1, day(0)), (2, day(1)), (3, day(2)), (4, day(20)), (5, day(21)))
    reached = Reached([(1, day(0).toordinal(), 3), (4, day(20).toordinal(), 2)])
    assert len(reached) == 5
    assert tuple(reached) == pairs
    assert reached == pairs
    assert reached == list(pairs)
    assert reached != pairs[:4]
    assert reached != "not pairs"
    assert [reached[i] for i in range(-5, 5)] == [*pairs, *pairs]
    assert reached[1:3] == pairs[1:3]
    assert [reached.date_of(n) for n in (0, 1, 3, 4, 5, 6)] == [
        None, day(0), day(2), day(20), day(21), None,
    ]  # fmt: skip
    with pytest.raises(IndexError):
        reached[5]
    with pytest.raises(IndexError):
        reached[-6]
    assert Reached() == ()
    assert repr(Reached([(1, 5, 2)])) == "Reached([(1, 5, 2)])"


@pytest.mark.parametrize("text", ["", "[]", "null", '{"a": 1}', '[[1,2],[],[],"",[]]', "[" * 9])
def test_anything_else_is_not_a_checkpoint(text):
    with pytest.raises(ValueError, match="not a checkpoint"):
        decode(text)


def test_the_engine_version_changes_with_any_of_its_source_files(tmp_path):
    engine = Path(checkpoint.__file__).parent
    assert checkpoint.engine_version(engine) == checkpoint.ENGINE_VERSION
    for name in checkpoint._ENGINE_FILES:
        shutil.copy(engine / name, tmp_path / name)
    assert checkpoint.engine_version(tmp_path) == checkpoint.ENGINE_VERSION
    for name in checkpoint._ENGINE_FILES:
        changed = tmp_path / name
        original = changed.read_text()
        changed.write_text(original + "# one more line\n")
        assert checkpoint.engine_version(tmp_path) != checkpoint.ENGINE_VERSION
        changed.write_text(original)


# Random edit sequences: a 40-day history edited the way people do, read after each edit.
SPAN = 40
START = date(2025, 1, 6)


@dataclass
class Store:
    """Checkpoints kept and forgotten as the history service keeps them."""

    kept: dict[int, Checkpoint] = field(default_factory=dict)

    def forget_from(self, d: date) -> None:
        self.kept = {through: c for through, c in self.kept.items() if through < d.toordinal()}

    def latest_before(self, d: date) -> Checkpoint | None:
        valid = [through for through in self.kept if through < d.toordinal()]
        return self.kept[max(valid)] if valid else None


edits = st.lists(
    st.tuples(
        st.sampled_from(["entry", "remove", "rejection", "break", "goal", "later"]),
        st.integers(0, 2),
        st.integers(0, SPAN - 1),
        st.integers(0, 3),
    ),
    min_size=1,
    max_size=25,
)


@EDITS
@given(edits, st.integers(5, SPAN - 1))
def test_forgetting_from_the_earliest_changed_day_keeps_every_read_exact(steps, first_today):
    goals = {
        1: GoalSpec(1, 1, EVERY_DAY, START),
        2: GoalSpec(2, 2, frozenset({1, 3, 5}), START + timedelta(days=3)),
    }
    entries: dict[tuple[int, date], EntrySpec] = {}
    rejections: list[date] = []
    breaks: list[BreakSpec] = []
    today = START + timedelta(days=first_today)
    store = Store()
    for kind, goal_index, offset, value in steps:
        d = min(START + timedelta(days=offset), today)
        goal_id = 1 + goal_index % 2
        if kind == "entry":
            entries[goal_id, d] = EntrySpec(goal_id, d, value, skipped=value == 3)
        elif kind == "remove":
            entries.pop((goal_id, d), None)
        elif kind == "rejection":
            rejections.append(d)
        elif kind == "break":
            breaks.append(BreakSpec(d, d + timedelta(days=value)))
        elif kind == "goal":  # a new schedule changes the goal's whole history
            old = goals[goal_id]
            goals[goal_id] = GoalSpec(goal_id, 1 + value % 3, old.weekdays, old.created_on)
            d = min(old.created_on, *(day for (g, day) in entries if g == goal_id), today)
        else:  # the next day begins: nothing changed
            today += timedelta(days=1 + value)
            d = today
        store.forget_from(d)
        inputs = (list(goals.values()), list(entries.values()), rejections, breaks, today)
        since = store.latest_before(today)
        result = compute(*inputs, since=since, keep=[today - timedelta(days=1)])
        store.kept.update((c.through, c) for c in result.checkpoints)
        assert everything(result) == everything(compute(*inputs))


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(histories, st.integers(-3, 12), st.integers(-3, 12))
def test_calendar_states_are_the_states_of_its_days(history, low, high):
    calendar = history.compute().calendar
    start, end = day(low), day(high)
    expected = [(d, c.state) for d, c in calendar.items() if start <= d <= end]
    assert list(calendar.states(start, end)) == expected
