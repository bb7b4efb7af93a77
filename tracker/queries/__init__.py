"""Every select() of the app: small functions taking a session; they never commit.

Grouped by feature in the modules of this package; every name is importable from here
(`from tracker import queries; queries.goals_of_user(...)`).
"""

from tracker.queries.accounts import (
    count_users,
    delete_browser_session,
    delete_browser_sessions,
    delete_tokens_of_user,
    delete_user,
    token_of_user,
    tokens_of_user,
    touch_browser_session,
    user_by_email,
    user_by_id,
    user_by_session_hash,
    user_by_token_hash,
)
from tracker.queries.applications import (
    application_dates,
    application_of_user,
    applications_of_user,
    count_sent_on,
    linked_rejection,
)
from tracker.queries.checkpoints import (
    checkpoint_before,
    forget_checkpoints,
    store_checkpoints,
)
from tracker.queries.goals import (
    add_to_entry,
    check_in,
    count_logged_on,
    delete_entry,
    entries_of_goal,
    entry_for,
    entry_specs_of_user,
    first_entry_dates,
    first_goal,
    goal_of_user,
    goals_of_user,
    goals_with_entry_on,
    raise_entry,
)
from tracker.queries.interviews import (
    count_interviews,
    interview_of_user,
    interviews_ahead,
    interviews_between,
    last_changes,
    user_by_feed_hash,
)
from tracker.queries.journal import (
    break_of_user,
    break_spans,
    breaks_of_user,
    rejection_dates,
    rejection_of_user,
    rejections_of_user,
)
from tracker.queries.practice import (
    count_practice_sessions,
    practice_question_of_user,
    practice_questions_of_user,
    practice_sessions_of_user,
)
from tracker.queries.reflections import (
    reflection_dates,
    reflection_of_user,
    reflections_of_user,
)
from tracker.queries.removals import (
    delete_removals_before,
    put_row,
    relink,
    removal_of_user,
    rows_where,
)
from tracker.queries.transfer import entries_by_goal

__all__ = [
    "add_to_entry",
    "application_dates",
    "application_of_user",
    "applications_of_user",
    "break_of_user",
    "break_spans",
    "breaks_of_user",
    "check_in",
    "checkpoint_before",
    "count_interviews",
    "count_logged_on",
    "count_practice_sessions",
    "count_sent_on",
    "count_users",
    "delete_browser_session",
    "delete_browser_sessions",
    "delete_entry",
    "delete_removals_before",
    "delete_tokens_of_user",
    "delete_user",
    "entries_by_goal",
    "entries_of_goal",
    "entry_for",
    "entry_specs_of_user",
    "first_entry_dates",
    "first_goal",
    "forget_checkpoints",
    "goal_of_user",
    "goals_of_user",
    "goals_with_entry_on",
    "interview_of_user",
    "interviews_ahead",
    "interviews_between",
    "last_changes",
    "linked_rejection",
    "practice_question_of_user",
    "practice_questions_of_user",
    "practice_sessions_of_user",
    "put_row",
    "raise_entry",
    "reflection_dates",
    "reflection_of_user",
    "reflections_of_user",
    "rejection_dates",
    "rejection_of_user",
    "rejections_of_user",
    "relink",
    "removal_of_user",
    "rows_where",
    "store_checkpoints",
    "token_of_user",
    "tokens_of_user",
    "touch_browser_session",
    "user_by_email",
    "user_by_feed_hash",
    "user_by_id",
    "user_by_session_hash",
    "user_by_token_hash",
]
