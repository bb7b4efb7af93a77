"""The streak engine's state at the end of a finished day, so a walk can go on from there.

The engine is a fold over days (`streaks.compute`): a `Checkpoint` is everything the fold
carries at the end of day `through`, plus what it produced up to then (calendar states,
comeback dates, the dates the best streak grew). Going on from a checkpoint gives exactly
what a walk from the first day gives, as long as nothing on or before `through` changed;
whoever stores checkpoints forgets them from the earliest changed day on.

`encode` and `decode` turn one into compact JSON text and back; `ENGINE_VERSION` changes
whenever the engine's code does, so a stored checkpoint is never read by other rules.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from .states import DayState

# One letter per day state, in the order of DayState; `Checkpoint.states` holds them.
STATE_CODES = "ARSFMOB"
CODE_OF = dict(zip(DayState, STATE_CODES, strict=True))
STATE_OF = dict(zip(STATE_CODES, DayState, strict=True))

_ENGINE_FILES = (
    "calendar.py", "checkpoint.py", "goal_walk.py", "inputs.py", "prepare.py", "states.py",
    "streaks.py", "strength.py",
)  # fmt: skip


def engine_version(folder: Path) -> str:
    """A digest of the engine's source files in `folder`."""
    digest = hashlib.sha256()
    for name in _ENGINE_FILES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


# A digest of the engine's source: any change to its rules makes older checkpoints unread.
ENGINE_VERSION = engine_version(Path(__file__).parent)


class Reached(Sequence[tuple[int, date]]):
    """`(n, date)` for each n the best day streak reached, in order, kept as runs
    `(n, ordinal, length)`: within a run the best grew by one a day, so three years of
    showing up are one run, and reading a checkpoint builds no date until one is asked for.
    Compares equal to any sequence of the same pairs."""

    __slots__ = ("runs",)

    def __init__(self, runs: Sequence[Sequence[int]] = ()) -> None:
        self.runs = tuple((n, day, length) for n, day, length in runs)

    def __len__(self) -> int:
        return sum(length for _, _, length in self.runs)

    def __iter__(self) -> Iterator[tuple[int, date]]:
        for n, day, length in self.runs:
            for i in range(length):
                yield n + i, date.fromordinal(day + i)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += len(self)
        if index < 0:
            raise IndexError(index)
        found = next(islice(iter(self), index, None), None)
        if found is None:
            raise IndexError(index)
        return found

    def date_of(self, n: int) -> date | None:
        """The first day the best day streak was `n`, None when it never was."""
        for first, day, length in self.runs:
            if first <= n < first + length:
                return date.fromordinal(day + n - first)
        return None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Reached):
            return self.runs == other.runs
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Reached({list(self.runs)!r})"


@dataclass(frozen=True, slots=True)
class GoalState:
    """One goal's walk at the end of a day: its run, its best so far (settled when a run
    ends), the done days not yet folded into the strength, and the strength 0..1."""

    goal_id: int
    run: int = 0
    best: int = 0
    gained: int = 0
    strength: float = 0.0


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The walks' state at the end of day `through`; days are ordinals as in `prepare`.

    `first` is the first walked day; `states` one letter of STATE_CODES per day from
    `first` to `through`; `uncredited` tells whether a rejection on `through` still waits
    for its comeback. `goals` by goal id.
    """

    through: int
    first: int
    run: int
    best: int
    freezes: int
    comebacks: int
    uncredited: bool
    comeback_dates: tuple[date, ...]
    best_reached: Reached
    states: str
    goals: tuple[GoalState, ...]

    @classmethod
    def before(cls, first: int, rejected: Collection[date]) -> Checkpoint:
        """The state before day `first`: nothing walked yet. A rejection the day before (of
        the dates `rejected`) waits for its comeback: it shields the first day."""
        uncredited = date.fromordinal(first - 1) in rejected
        return cls(first - 1, first, 0, 0, 0, 0, uncredited, (), Reached(), "", ())

    @property
    def day(self) -> date:
        """`through` as a date."""
        return date.fromordinal(self.through)


def encode(checkpoint: Checkpoint) -> str:
    """The checkpoint as compact JSON text (dates as ordinals, best_reached as its runs)."""
    c = checkpoint
    return json.dumps(
        [
            [c.through, c.first, c.run, c.best, c.freezes, c.comebacks, int(c.uncredited)],
            [d.toordinal() for d in c.comeback_dates],
            c.best_reached.runs,
            c.states,
            [[g.goal_id, g.run, g.best, g.gained, g.strength] for g in c.goals],
        ],
        separators=(",", ":"),
    )


def decode(text: str) -> Checkpoint:
    """The checkpoint `encode` wrote. Raises ValueError for anything else."""
    try:
        counts, comebacks, runs, states, goals = json.loads(text)
        *numbers, uncredited = counts  # through, first, run, best, freezes, comebacks
        if len(numbers) != 6:
            raise ValueError("six counts and a flag")
        return Checkpoint(
            *numbers,
            bool(uncredited),
            tuple(map(date.fromordinal, comebacks)),
            Reached(runs),
            states,
            tuple(GoalState(*goal) for goal in goals),
        )
    except (TypeError, ValueError, OverflowError) as error:
        raise ValueError(f"not a checkpoint: {error}") from None
