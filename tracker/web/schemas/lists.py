"""The answers that are lists, as models of their own: an operation answers one model."""

from __future__ import annotations

from pydantic import RootModel

from tracker.web.schemas.accounts import TokenOut
from tracker.web.schemas.applications import ApplicationOut
from tracker.web.schemas.goals import EntryOut, GoalOut
from tracker.web.schemas.history import CalendarDay
from tracker.web.schemas.journal import BreakOut, RejectionOut
from tracker.web.schemas.practice import PracticeItemOut, PracticeQuestionOut, PracticeSessionOut
from tracker.web.schemas.push import DeviceOut, ReminderOut
from tracker.web.schemas.reflections import PromptOut, ReflectionOut


class TokenList(RootModel[list[TokenOut]]):
    pass


class GoalList(RootModel[list[GoalOut]]):
    pass


class EntryList(RootModel[list[EntryOut]]):
    pass


class CalendarList(RootModel[list[CalendarDay]]):
    pass


class RejectionList(RootModel[list[RejectionOut]]):
    pass


class BreakList(RootModel[list[BreakOut]]):
    pass


class ApplicationList(RootModel[list[ApplicationOut]]):
    pass


class PracticeItemList(RootModel[list[PracticeItemOut]]):
    pass


class PracticeSessionList(RootModel[list[PracticeSessionOut]]):
    pass


class PracticeQuestionList(RootModel[list[PracticeQuestionOut]]):
    pass


class ReflectionList(RootModel[list[ReflectionOut]]):
    pass


class PromptList(RootModel[list[PromptOut]]):
    pass


class DeviceList(RootModel[list[DeviceOut]]):
    pass


class ReminderList(RootModel[list[ReminderOut]]):
    pass
