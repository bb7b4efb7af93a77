"""One goal's walk (SPEC section 3): its streak over the dates it is due on, without
freezes, and its strength, folded over the due dates in stretches."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .checkpoint import Checkpoint, GoalState
from .prepare import GoalPlan, PreparedHistory
from .strength import after_done, completion, score, shielded_step, step

# A goal's walk state: run, best so far, done days not folded into s yet, s.
Fold = tuple[int, int, int, float]


@dataclass(frozen=True)
class GoalStreak:
    """One goal's streak over the dates it is due on and its strength 0-100."""

    goal_id: int
    current: int
    best: int
    strength: int


def walk_goal(
    plan: GoalPlan,
    history: PreparedHistory,
    since: Checkpoint | None,
    marks: list[int],
    as_of: list[int],
) -> tuple[GoalStreak, list[GoalState], list[int]]:
    """One goal's streak and strength over the dates it is due on, with its state at the end
    of each day of `marks` and its strength as of each day of `as_of` (as if it were today).

    The due dates are folded (`_fold`) in stretches between those days. As of a day, a done
    due date that is not in a break counts once more; anything else leaves `s` as it is.
    """
    start = next((g for g in since.goals if g.goal_id == plan.goal_id), None) if since else None
    state: Fold = (start.run, start.best, start.gained, start.strength) if start else (0, 0, 0, 0.0)
    due = plan.due
    stops = [(bisect_right(due, day), day, True) for day in marks]
    stops += [(bisect_left(due, day), day, False) for day in as_of]
    stops.sort()
    kept: list[GoalState] = []
    shown: list[int] = []
    done_at = 0
    for index, day, is_mark in stops:
        state = fold(state, due[done_at:index], plan, history)
        done_at = index
        run, best, gained, s = state
        if is_mark:
            kept.append(GoalState(plan.goal_id, run, best, gained, s))
        else:
            counts = index < len(due) and due[index] == day
            counts = counts and day in plan.done and day not in history.resting
            shown.append(score(after_done(s, gained + counts)))
    run, best, gained, s = fold(state, due[done_at:], plan, history)
    best = max(best, run)
    streak = GoalStreak(plan.goal_id, current=run, best=best, strength=score(after_done(s, gained)))
    return streak, kept, shown


def fold(state: Fold, days: Sequence[int], plan: GoalPlan, history: PreparedHistory) -> Fold:
    """Fold due `days` (in order) into a goal's walk state, without freezes.

    Strength is folded in on the same pass with `strength`'s steps: the done dates since the
    last other update are counted and applied at once (`after_done`, the walk is hot), a date
    with an entry that is not done or none takes `step` with `x = completion(value, target)`
    (0 without an entry), or `shielded_step` when shielded; skipped, break and open-today
    dates leave `s` unchanged. `best` is settled each time a run ends (and by the caller at
    the end).
    """
    run, best, gained, s = state
    done, skipped, partial, target = plan.done, plan.skipped, plan.partial, plan.target
    resting, shielded, today = history.resting, history.shielded, history.today
    for day in days:
        if day in done:
            run += 1
            if day not in resting:  # a break pauses strength even on a done date
                gained += 1
        elif day in skipped or day in resting or day == today:
            continue  # passed over (today is still open), strength unchanged
        else:
            value = partial.get(day)
            x = 0 if value is None else completion(value, target)
            if gained:
                s, gained = after_done(s, gained), 0
            if day in shielded:
                s = shielded_step(s, x)
            else:
                if run > best:
                    best = run
                run = 0
                s = step(s, x)
    return run, best, gained, s
