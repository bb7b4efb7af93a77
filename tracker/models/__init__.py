"""Typed ORM tables, by feature. Dates the user sees are local calendar dates; instants
are UTC. Every name is importable from here (`from tracker.models import Goal`)."""

from tracker.models.accounts import ApiToken, BrowserSession, User
from tracker.models.goals import Entry, Goal, StreakCheckpoint
from tracker.models.journal import (
    Application,
    Break,
    Interview,
    PracticeQuestion,
    PracticeSession,
    Reflection,
    Rejection,
    StageChange,
)
from tracker.models.labels import (
    ALL_WEEKDAYS,
    APPLICATION_STAGES,
    CATEGORIES,
    STAGES,
    mask_to_weekdays,
    weekdays_to_mask,
)
from tracker.models.push import (
    PushAttempt,
    PushDelivery,
    PushMessage,
    PushSubscription,
    ReminderRule,
)
from tracker.models.removals import Removal

__all__ = [
    "ALL_WEEKDAYS",
    "APPLICATION_STAGES",
    "CATEGORIES",
    "STAGES",
    "ApiToken",
    "Application",
    "Break",
    "BrowserSession",
    "Entry",
    "Goal",
    "Interview",
    "PracticeQuestion",
    "PracticeSession",
    "PushAttempt",
    "PushDelivery",
    "PushMessage",
    "PushSubscription",
    "Reflection",
    "Rejection",
    "ReminderRule",
    "Removal",
    "StageChange",
    "StreakCheckpoint",
    "User",
    "mask_to_weekdays",
    "weekdays_to_mask",
]
