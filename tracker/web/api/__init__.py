"""The JSON API under /api/v1: routes declared with flask-openapi3 over the pydantic schemas,
which validates paths, queries and bodies and writes the OpenAPI document from the same
declarations. Every operation but hooks.PUBLIC is authenticated before anything is read."""

from flask import current_app
from flask_openapi3 import APIBlueprint, Tag

from tracker.web.api.answers import operation_id
from tracker.web.api.document import served

# A bearer token, or the session cookie; the public operations also take no credentials ({}).
SIGNED_IN = [{"bearer": []}, {"session": []}]
ANYONE = [{}]

bp = APIBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    abp_tags=[Tag(name="api", description="Bring It On, version 1.")],
    abp_security=SIGNED_IN,
    operation_id_callback=operation_id,
)


@bp.get("/openapi.json", doc_ui=False)
def openapi():
    return served(current_app.api_doc)


from tracker.web.api import (  # noqa: E402
    accounts,  # noqa: F401
    applications,  # noqa: F401
    goals,  # noqa: F401
    history,  # noqa: F401
    insights,  # noqa: F401
    interviews,
    journal,  # noqa: F401
    practice,  # noqa: F401
    push,  # noqa: F401
    reflections,  # noqa: F401
    reminders,  # noqa: F401
    transfer,
)
from tracker.web.api.bodies import JsonRequest, read_json_body  # noqa: E402
from tracker.web.api.hooks import authenticate, refuse_impossible_ids  # noqa: E402

# Before a view, in this order: who is calling (401/403 before anything is read), ids no row
# can have (404), an application to schedule on that is not the caller's (404), an import's
# larger size limit, then the JSON body, parsed once.
bp.before_request(authenticate)
bp.before_request(refuse_impossible_ids)
bp.before_request(interviews.application_first)
bp.before_request(transfer.allow_larger_uploads)
bp.before_request(read_json_body)


def init_app(app) -> None:
    """Serve /api/v1 (an OpenAPI app's register_api files each operation in the document);
    its callers prove themselves with a token or X-CSRFToken, not a form."""
    from tracker.extensions import csrf

    app.request_class = JsonRequest
    app.register_api(bp)
    csrf.exempt(bp)
