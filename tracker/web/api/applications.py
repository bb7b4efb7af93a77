"""Job applications."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from tracker import clock
from tracker.core.limits import MAX_NAME
from tracker.extensions import db
from tracker.services import applications as service
from tracker.web.api import bp
from tracker.web.api.answers import BODY, LIMITED, NAMES_ID, QUERY, SIGNED_IN, WRITE, json_answer
from tracker.web.api.hooks import caller
from tracker.web.api.writes import deleted, logged
from tracker.web.http.identity import today_for
from tracker.web.schemas import ApplicationCreate, ApplicationOut, ApplicationUpdate
from tracker.web.schemas.lists import ApplicationList
from tracker.web.schemas.queries import ApplicationPath, StageQuery


class ApplicationQuery(StageQuery):
    """`stage` (the stage it is at now) and `q`: only the applications whose company or role
    holds it, ignoring case (at most MAX_NAME characters, no NUL)."""

    q: Annotated[str, Field(max_length=MAX_NAME, pattern=r"^[^\x00]*$")] = ""


@bp.post("/applications", responses={201: ApplicationOut, **WRITE, **BODY, **LIMITED})
def create_application(body: ApplicationCreate):
    """Log an application (counts towards the first apply goal)"""
    return logged(service.create_application, body, ApplicationOut)


@bp.get("/applications", responses={200: ApplicationList, **SIGNED_IN, **QUERY})
def list_applications(query: ApplicationQuery):
    """Applications, newest first"""
    found = service.list_applications(db.session, caller(), query.stage, query.q.strip())
    return json_answer(ApplicationList, found)


@bp.patch(
    "/applications/<int:application_id>",
    responses={200: ApplicationOut, **WRITE, **BODY, **NAMES_ID, **LIMITED},
)
def update_application(path: ApplicationPath, body: ApplicationUpdate):
    """Change an application or move it along the pipeline"""
    user = caller()
    application = service.get_application(db.session, user, path.application_id)
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    service.update_application(
        db.session, user, application, today_for(user), clock.now_utc(), changes
    )
    db.session.commit()
    return json_answer(ApplicationOut, application)


@bp.delete("/applications/<int:application_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_application(path: ApplicationPath):
    """Delete an application (a rejection it logged stays)"""
    return deleted(service.delete_application, path.application_id)
