"""The queries run on the same session and users as the use cases (tests/services)."""

from tests.services.conftest import _cheap_password_hashes, other, session, user

__all__ = ["_cheap_password_hashes", "other", "session", "user"]
