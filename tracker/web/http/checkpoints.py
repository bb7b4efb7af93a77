"""Streak checkpoints computed by a request's reads are stored once its response is ready.

`services.history.load_history` leaves new checkpoints waiting in the session. Once the view
is done they are stored on a connection of their own, after the session's transaction ends
(what the view did not commit is rolled back now rather than at teardown), so every read
stays a read and a store never waits for the request's own locks. Losing one costs only a
longer walk next time: a failure to store is logged and the response goes out as it is.
"""

from __future__ import annotations

import logging

from flask import Flask, Response
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db
from tracker.services import history

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    @app.after_request
    def store_checkpoints(response: Response) -> Response:
        waiting = history.waiting_checkpoints(db.session)
        if waiting is None:
            return response
        db.session.rollback()
        try:
            with db.engine.connect() as connection:
                history.store_checkpoints(connection, waiting)
                connection.commit()
        except SQLAlchemyError as error:
            log.warning("streak checkpoints not stored: %s", type(error).__name__)
        return response
