"""Job applications."""

from __future__ import annotations

from typing import get_args

from flask import request

from tracker import clock
from tracker.extensions import db
from tracker.services import applications as service
from tracker.services.errors import Invalid
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.http.identity import today_for
from tracker.web.schemas import ApplicationCreate, ApplicationOut, ApplicationUpdate
from tracker.web.schemas.fields import ApplicationStage

STAGES = get_args(ApplicationStage)


def _stage_filter() -> str | None:
    stage = request.args.get("stage") or None
    if stage is not None and stage not in STAGES:
        raise Invalid("Unknown stage.", {"stage": f"Use one of: {', '.join(STAGES)}."})
    return stage


@operation(
    bp,
    "POST",
    "/applications",
    summary="Log an application (counts towards the first apply goal)",
    body=ApplicationCreate,
    response=ApplicationOut,
    status=201,
)
def create_application(user, body: ApplicationCreate):
    application = service.create_application(
        db.session, user, today_for(user), clock.now_utc(), **body.model_dump()
    )
    db.session.commit()
    return application


@operation(
    bp,
    "GET",
    "/applications",
    summary="Applications, newest first",
    response=list[ApplicationOut],
    query=(("stage", "string", False),),
)
def list_applications(user):
    return service.list_applications(db.session, user, _stage_filter())


@operation(
    bp,
    "PATCH",
    "/applications/<int:application_id>",
    summary="Change an application or move it along the pipeline",
    body=ApplicationUpdate,
    response=ApplicationOut,
)
def update_application(user, application_id: int, body: ApplicationUpdate):
    application = service.get_application(db.session, user, application_id)
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    service.update_application(
        db.session, user, application, today_for(user), clock.now_utc(), changes
    )
    db.session.commit()
    return application


@operation(
    bp,
    "DELETE",
    "/applications/<int:application_id>",
    summary="Delete an application (a rejection it logged stays)",
    status=204,
)
def delete_application(user, application_id: int):
    application = service.get_application(db.session, user, application_id)
    service.delete_application(db.session, application, clock.now_utc())
    db.session.commit()
