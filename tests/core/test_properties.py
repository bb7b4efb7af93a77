"""Hypothesis properties for the invariants of SPEC section 3, on arbitrary histories.

Histories of up to WINDOW (10) days and 1-3 goals, each goal created on any day of the
window, so entries before creation (back-filled, value 0, skipped) are common. In all,
30,000 histories are drawn (derandomized, so every run checks the same ones; `EXAMPLES`
below says how many per property): each is compared with the oracle or used for an
invariant.

Where the rules and the invariants meet (docs/decisions.md, "Streak engine"):
- a shielded, not-done day never lowers strength but still counts partial progress, which is
  what keeps "a rejection never lowers strength" true for partial values too;
- before its creation a goal is due only on the dates it has an entry for (revision 2), so a
  done entry on any date, before creation too, only changes its own date: "adding a done
  entry never lowers the day streak" holds for every date, and that is what is checked.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.inputs import BreakSpec, EntrySpec, GoalSpec
from tracker.core.streaks import Result, compute

from .oracle import oracle
from .test_exhaustive import plain

MONDAY = date(2025, 1, 6)
WINDOW = 10
EVERY_DAY = frozenset(range(1, 8))
# Histories drawn per property: 30,000 in all.
EXAMPLES = {"oracle": 12_000, "rejection": 8_000, "done": 6_000, "order": 4_000}


def examples(kind: str) -> settings:
    return settings(max_examples=EXAMPLES[kind], derandomize=True, database=None, deadline=None)


def day(i: int) -> date:
    return MONDAY + timedelta(days=i)


@dataclasses.dataclass(frozen=True)
class History:
    goals: list[GoalSpec]
    entries: list[EntrySpec]
    rejections: list[date]
    breaks: list[BreakSpec]
    today: date

    def compute(self) -> Result:
        return compute(self.goals, self.entries, self.rejections, self.breaks, self.today)

    def oracle(self) -> dict:
        return oracle(self.goals, self.entries, self.rejections, self.breaks, self.today)

    def replace(self, **changes) -> History:
        return dataclasses.replace(self, **changes)


def decode(data: bytes) -> History:
    """A history from SIZE bytes (one hypothesis draw: drawing each part on its own would
    cost ten times as much). A zero byte stands for the simplest choice, so hypothesis
    shrinks a failure towards one every-day goal without entries.

    1-3 goals, each created on any day of the window, with any weekdays, sometimes archived;
    entries on any day (before creation too): none, value 0, 1, the target or 4, skipped;
    0-6 rejections from the day before the window on (several on one date too); 0-2 breaks;
    today on any day of the window (entries and rejections after it are ignored).
    """
    data = iter(data)
    count, last = 1 + next(data) % 3, WINDOW - 1 - next(data) % WINDOW
    specs = []
    for gid in range(1, 4):
        created, target, weekdays, archived = next(data), next(data), next(data), next(data)
        created %= WINDOW
        specs.append(
            GoalSpec(
                gid,
                target=1 + target % 3,
                weekdays=every_day_or(weekdays),
                created_on=day(created),
                archived_on=None if archived < 224 else day(created + 1 + archived % WINDOW),
            )
        )
    entries = []
    for goal, i in ((goal, i) for goal in specs for i in range(WINDOW)):
        kind, low = divmod(next(data), 32)  # kinds 0-2: no entry
        if kind >= 3:
            value = (0, 1, goal.target, 4, low % 3)[kind - 3]
            entries.append(EntrySpec(goal.id, day(i), value, skipped=kind == 7))
    rejections = [day(b % (WINDOW + 1) - 1) for b in (next(data) for _ in range(6)) if b >= 128]
    breaks = []
    for start, length in ((next(data), next(data)) for _ in range(2)):
        if start >= 192:
            breaks.append(BreakSpec(day(start % WINDOW), day(start % WINDOW + length % 4)))
    return History(specs[:count], entries[: count * WINDOW], rejections, breaks, day(last))


def every_day_or(b: int) -> frozenset[int]:
    """Every day for half the bytes (the default goal), else the weekdays of bits 0-6."""
    weekdays = frozenset(w for w in range(1, 8) if b >= 128 and b >> (w - 1) & 1)
    return weekdays or EVERY_DAY


SIZE = 2 + 3 * 4 + 3 * WINDOW + 6 + 2 * 2
histories = st.binary(min_size=SIZE, max_size=SIZE).map(decode)


def not_lower(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    return all(b <= a for b, a in zip(before, after, strict=True))


@examples("oracle")
@given(histories)
def test_engine_matches_oracle_on_random_histories(history):
    assert plain(history.compute()) == history.oracle()


@examples("rejection")
@given(histories, st.integers(-1, WINDOW - 1))
def test_logging_a_rejection_never_lowers_a_streak_or_strength(history, rejection_day):
    before = history.compute()
    after = history.replace(rejections=[*history.rejections, day(rejection_day)]).compute()
    day_numbers = [(r.day.current, r.day.best, r.day.comebacks) for r in (before, after)]
    assert not_lower(*day_numbers)
    for b, a in zip(before.goals, after.goals, strict=True):
        assert not_lower((b.current, b.best, b.strength), (a.current, a.best, a.strength))


def test_shielding_a_partial_day_keeps_its_progress():
    # Target 2, value 1 yesterday: s = (1 - m) / 2 = 0.026 -> 3. A rejection that day shields
    # it; the shield may only keep s from falling, so the partial progress still counts.
    history = History(
        goals=[GoalSpec(1, 2, EVERY_DAY, day(0))],
        entries=[EntrySpec(1, day(0), 1)],
        rejections=[],
        breaks=[],
        today=day(1),
    )
    before = history.compute().goals[0].strength
    after = history.replace(rejections=[day(0)]).compute().goals[0].strength
    assert (before, after) == (3, 3)


@examples("done")
@given(histories, st.integers(0, 3 * WINDOW - 1))
def test_adding_a_done_entry_never_lowers_the_day_streak(history, which):
    # A done entry for one of the goals on any date of the window, before creation too.
    goal = history.goals[which % len(history.goals)]
    done = EntrySpec(goal.id, day(which // 3), goal.target)
    kept = [e for e in history.entries if (e.goal_id, e.date) != (done.goal_id, done.date)]
    before = history.compute()
    after = history.replace(entries=[*kept, done]).compute()
    assert not_lower((before.day.current, before.day.best), (after.day.current, after.day.best))


def test_a_done_entry_before_a_goals_creation_changes_only_its_own_date():
    # Goal 1 is done, skipped (every due goal skipped: restful), done: streak 2. A done entry
    # for goal 2 (created on day 2) on day 0 makes goal 2 due on day 0 only, so day 1 stays
    # restful. (Revision 1 scheduled goal 2 from day 0 on: day 1 became missed, streak 1.)
    history = History(
        goals=[GoalSpec(1, 1, EVERY_DAY, day(0)), GoalSpec(2, 1, EVERY_DAY, day(2))],
        entries=[EntrySpec(1, day(0), 1), EntrySpec(1, day(1), 0, True), EntrySpec(1, day(2), 1)],
        rejections=[],
        breaks=[],
        today=day(2),
    )
    before = history.compute()
    after = history.replace(entries=[*history.entries, EntrySpec(2, day(0), 1)]).compute()
    assert (before.day.current, before.day.best) == (after.day.current, after.day.best) == (2, 2)
    assert after.calendar[day(1)].state == "restful"


@examples("order")
@given(histories, st.integers(0, 2**32))
def test_result_does_not_depend_on_input_order(history, seed):
    # Duplicated (goal, date) entries too, which the caller never sends but must not matter.
    rnd = random.Random(seed)
    duplicates = rnd.sample(history.entries, min(3, len(history.entries)))
    entries = history.entries + duplicates
    entries += [e._replace(value=e.value + 1) for e in entries[:1]]
    shuffled = [rnd.sample(items, len(items)) for items in (history.goals, entries)]
    rejections = rnd.sample(history.rejections, len(history.rejections))
    breaks = rnd.sample(history.breaks, len(history.breaks))
    first = compute(history.goals, entries, history.rejections, history.breaks, history.today)
    second = compute(*shuffled, rejections, breaks, history.today)
    assert first == second
