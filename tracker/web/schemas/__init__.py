"""Shapes of what clients send and receive; the pages and the API validate with the same ones.

One module per feature; every model is importable from here.
"""

from tracker.web.schemas.accounts import Account, AccountCreate, MeUpdate, NewToken, TokenCreate
from tracker.web.schemas.applications import (
    ApplicationCreate,
    ApplicationOut,
    ApplicationUpdate,
    StageChangeOut,
)
from tracker.web.schemas.errors import ErrorBody, ErrorOut
from tracker.web.schemas.goals import EntryOut, EntryPut, GoalCreate, GoalOut, GoalUpdate
from tracker.web.schemas.history import (
    BadgeOut,
    CalendarDay,
    DayStreakOut,
    GoalStreakOut,
    StreaksOut,
    TodayGoal,
    TodayOut,
)
from tracker.web.schemas.journal import BreakCreate, BreakOut, RejectionCreate, RejectionOut
from tracker.web.schemas.practice import (
    PracticeCreate,
    PracticeItemOut,
    PracticeQuestionCreate,
    PracticeQuestionOut,
    PracticeSessionOut,
    PracticeTodayOut,
)
from tracker.web.schemas.reflections import PromptOut, ReflectionCreate, ReflectionOut

__all__ = [
    "Account",
    "AccountCreate",
    "ApplicationCreate",
    "ApplicationOut",
    "ApplicationUpdate",
    "BadgeOut",
    "BreakCreate",
    "BreakOut",
    "CalendarDay",
    "DayStreakOut",
    "EntryOut",
    "EntryPut",
    "ErrorBody",
    "ErrorOut",
    "GoalCreate",
    "GoalOut",
    "GoalStreakOut",
    "GoalUpdate",
    "MeUpdate",
    "NewToken",
    "PracticeCreate",
    "PracticeItemOut",
    "PracticeQuestionCreate",
    "PracticeQuestionOut",
    "PracticeSessionOut",
    "PracticeTodayOut",
    "PromptOut",
    "ReflectionCreate",
    "ReflectionOut",
    "RejectionCreate",
    "RejectionOut",
    "StageChangeOut",
    "StreaksOut",
    "TodayGoal",
    "TodayOut",
    "TokenCreate",
]
