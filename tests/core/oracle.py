"""A deliberately naive reference implementation of SPEC section 3 (revision 2), for tests only.

Written straight from the SPEC's wording, apart from `tracker.core`: it imports nothing from
it and answers every question about a date by asking the plain facts again (each word of the
SPEC is one small function below), so it is slow and easy to check by eye. Inputs are any
objects with the attributes of GoalSpec / EntrySpec / BreakSpec (duck-typed) plus a list of
rejection dates, at most one entry per (goal, date); the answer is plain dicts and tuples.
"""

from __future__ import annotations

from datetime import date, timedelta

M = 0.5 ** (1 / 13)
ONE_DAY = timedelta(days=1)


class Facts:
    """The inputs as looked up by date; nothing after `today` exists."""

    def __init__(self, goals, entries, rejections, breaks, today: date) -> None:
        self.goals = list(goals)
        self.today = today
        self.breaks = list(breaks)
        self.rejections = [r for r in rejections if r <= today]
        self.entries = {}
        for entry in entries:
            if entry.date <= today:
                assert (entry.goal_id, entry.date) not in self.entries, "one entry a date"
                self.entries[entry.goal_id, entry.date] = entry

    def entry(self, goal, day):
        return self.entries.get((goal.id, day))


# -- Words of SPEC sections 2 and 3 ------------------------------------------------------------


def start_date(goal, facts: Facts) -> date:
    """The date it was created on, or its earliest entry if that is earlier."""
    dates = [d for (gid, d) in facts.entries if gid == goal.id]
    return min([goal.created_on, *dates])


def scheduled(goal, day: date, facts: Facts) -> bool:
    """Its weekday is listed, from its start date on (and not from its archive date on)."""
    if day < start_date(goal, facts):
        return False
    if goal.archived_on is not None and day >= goal.archived_on:
        return False
    return day.isoweekday() in goal.weekdays


def due(goal, day: date, facts: Facts) -> bool:
    """Scheduled, and on or after its creation date or with an entry that day."""
    if not scheduled(goal, day, facts):
        return False
    return day >= goal.created_on or facts.entry(goal, day) is not None


def done(goal, day: date, facts: Facts) -> bool:
    entry = facts.entry(goal, day)
    return entry is not None and not entry.skipped and entry.value >= goal.target


def skipped(goal, day: date, facts: Facts) -> bool:
    entry = facts.entry(goal, day)
    return entry is not None and entry.skipped


def tracking_began(facts: Facts) -> date:
    """The earliest creation date among the goals, archived ones included."""
    return min(goal.created_on for goal in facts.goals)


def in_break(day: date, facts: Facts) -> bool:
    return any(pause.start <= day <= pause.end for pause in facts.breaks)


def rejections_on(day: date, facts: Facts) -> int:
    return facts.rejections.count(day)


def active(day: date, facts: Facts) -> bool:
    return any(done(goal, day, facts) for goal in facts.goals)


def restful(day: date, facts: Facts) -> bool:
    """No goal is due, every due goal is skipped, or the date lies in a break."""
    if in_break(day, facts):
        return True
    due_goals = [goal for goal in facts.goals if due(goal, day, facts)]
    return all(skipped(goal, day, facts) for goal in due_goals)  # True when none is due


def shielded(day: date, facts: Facts) -> bool:
    return rejections_on(day, facts) + rejections_on(day - ONE_DAY, facts) > 0


def before(day: date, facts: Facts) -> bool:
    """Before tracking began with no goal due (dates before the earliest start are not walked)."""
    no_goal_due = not any(due(goal, day, facts) for goal in facts.goals)
    return day < tracking_began(facts) and no_goal_due


def walked_dates(facts: Facts) -> list[date]:
    """Every date from the earliest start date to today."""
    if not facts.goals:
        return []
    day = min(start_date(goal, facts) for goal in facts.goals)
    days = []
    while day <= facts.today:
        days.append(day)
        day += ONE_DAY
    return days


# -- The walks ---------------------------------------------------------------------------------


class Walk:
    """The walks of SPEC section 3, one date at a time, in order.

    `step(day)` reads only what is dated on or before `day` (its entries, the rejections of
    `day` and `day - 1`, whether it is today), so the state after some dates holds for every
    history that agrees on them: test_exhaustive.py shares it (`copy`) between histories.
    """

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.run = self.best = self.freezes = self.comebacks = 0
        self.credited: set[int] = set()  # indexes in facts.rejections
        self.comeback_dates: list[date] = []
        self.calendar: dict[date, tuple] = {}
        self.goals = {goal.id: (0, 0, 0.0) for goal in facts.goals}  # run, best, strength s

    def copy(self, facts: Facts) -> Walk:
        """The same state over `facts`, which must agree on every date stepped so far."""
        twin = Walk.__new__(Walk)
        twin.__dict__.update(self.__dict__)
        twin.facts = facts
        twin.credited = set(self.credited)
        twin.comeback_dates = list(self.comeback_dates)
        twin.calendar = dict(self.calendar)
        twin.goals = dict(self.goals)
        return twin

    def step(self, day: date) -> None:
        self.step_day_streak(day)
        for goal in self.facts.goals:
            if due(goal, day, self.facts):
                self.goals[goal.id] = self.step_goal(goal, day, *self.goals[goal.id])

    def step_day_streak(self, day: date) -> None:
        """Steps 1-5 of the day streak, and the date's calendar state."""
        facts = self.facts
        if active(day, facts):
            self.run = self.run + 1
            answered = [
                i
                for i, rejection in enumerate(facts.rejections)
                if i not in self.credited and rejection in (day - ONE_DAY, day)
            ]
            if answered:  # credit all of them: one comeback, one freeze (at most 2 held)
                self.credited.update(answered)
                self.comebacks = self.comebacks + 1
                self.freezes = min(2, self.freezes + 1)
                self.comeback_dates.append(day)
            state = "active"
        elif restful(day, facts):
            state = "before" if before(day, facts) else "restful"  # before wins over restful
        elif shielded(day, facts):
            state = "shielded"
        elif day == facts.today:
            state = "open"
        elif self.freezes > 0:
            self.freezes = self.freezes - 1
            state = "frozen"
        else:
            self.run = 0
            state = "missed"
        self.best = max(self.best, self.run)
        done_ids = tuple(sorted(g.id for g in facts.goals if done(g, day, facts)))
        self.calendar[day] = (state, done_ids, rejections_on(day, facts))

    def step_goal(self, goal, day: date, run: int, best: int, s: float):
        """The goal streak (no freezes) and strength on a date the goal is due."""
        facts = self.facts
        is_done = done(goal, day, facts)
        is_skipped = skipped(goal, day, facts)
        is_break = in_break(day, facts)
        is_shielded = shielded(day, facts)
        if is_done:
            run = run + 1
        elif is_skipped or is_break or is_shielded or day == facts.today:
            pass  # passed over, or today still open
        else:
            run = 0
        best = max(best, run)
        if day == facts.today and not is_done:
            return run, best, s  # today counts for strength once it is done
        if is_skipped or is_break:
            return run, best, s
        entry = facts.entry(goal, day)
        x = 0 if entry is None else min(1, entry.value / goal.target)
        updated = s * M + (1 - M) * x
        # A shield never lowers strength, but partial progress on it still counts.
        s = max(s, updated) if is_shielded and not is_done else updated
        return run, best, s

    def goal_numbers(self, goal_id: int) -> tuple[int, int, int]:
        """A goal's current and best streak and its strength 0-100."""
        run, best, s = self.goals[goal_id]
        return run, best, round(100 * s)

    def answer(self) -> dict:
        """Everything SPEC section 3 defines, as plain data."""
        return {
            "day": (self.run, self.best, self.freezes, self.comebacks),
            "goals": {gid: self.goal_numbers(gid) for gid in self.goals},
            "calendar": self.calendar,
            "comeback_dates": self.comeback_dates,
        }


def oracle(goals, entries, rejections, breaks, today: date) -> dict:
    """Everything SPEC section 3 defines, as plain data: day, goals, calendar, comeback dates."""
    facts = Facts(goals, entries, rejections, breaks, today)
    walk = Walk(facts)
    for day in walked_dates(facts):
        walk.step(day)
    return walk.answer()
