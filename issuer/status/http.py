"""HTTP routes of status lists (role issuer).

* ``GET /status/{list_id}`` — the signed ``BitstringStatusListCredential``, with ``ETag``,
  ``Cache-Control: public, max-age=<ttl>`` and ``Last-Modified``; ``If-None-Match`` answers
  304. ``?timestamp=<dateTimeStamp>`` serves the version that was current at that instant
  (the specification's optional "status as of a point in time").
* ``POST /api/v1/diplomas/{series}/{number}/status`` — revoke, suspend or reinstate (a
  responsible person's token with scope ``revoke``, for their own institution).
* ``GET /api/v1/diplomas/{series}/{number}/status?at=DATE`` — the status as of a date and the
  history of changes (a token of the institution, any scope).
"""

from __future__ import annotations

from email.utils import format_datetime as http_date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from common.jsonbody import StrictJSONRoute
from common.openapi import problem_responses
from common.problems import BadInput, NotFound
from common.timestamps import parse_datetime
from common.web import db_session, get_ctx
from issuer import status as status_service
from issuer.api_models import StatusChangeResult, StatusHistory, StatusRequest
from issuer.auth import Actor, current_actor, require_scope
from issuer.models import Institution

router = APIRouter(tags=["status"], route_class=StrictJSONRoute)

_MEDIA_TYPES = ("application/vc", "application/vc+ld+json", "application/ld+json")


def _request_id(request: Request) -> str | None:
    """The request id the app's middleware puts in ``request.state`` (X-Request-Id)."""
    state = request.scope.get("state") or {}
    rid = state.get("request_id") if isinstance(state, dict) else None
    return rid if isinstance(rid, str) and rid else None


def _media_type(request: Request) -> str:
    accept = request.headers.get("accept", "").lower()
    for media_type in _MEDIA_TYPES:
        if any(part.split(";")[0].strip() == media_type for part in accept.split(",")):
            return media_type
    return "application/json"


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == etag:
            return True
    return False


_LIST_SCHEMA = {"type": "object", "required": ["@context", "type", "credentialSubject", "proof"],
                "description": "A signed BitstringStatusListCredential (W3C Bitstring Status List v1.0)"}


@router.get(
    "/status/{list_id}", summary="A Bitstring Status List credential", response_class=Response, responses={
        200: {"description": "The list (ETag, Cache-Control, Last-Modified)",
              "content": {m: {"schema": _LIST_SCHEMA} for m in ("application/json", *_MEDIA_TYPES)}},
        304: {"description": "Not modified (If-None-Match)"},
        **problem_responses(400, 404),
    },
)
def get_status_list(
    list_id: str,
    request: Request,
    timestamp: str | None = Query(default=None, description="XML Schema dateTimeStamp: the list as it was then"),
    session: Session = Depends(db_session),
) -> Response:
    ctx = get_ctx(request)
    if timestamp is not None:
        try:
            instant = parse_datetime(timestamp)
        except ValueError:
            raise BadInput("invalid-date", repr(timestamp)) from None
        # the current version first: a list never signed yet gets its first version now
        status_service.ensure_published(session, lambda: ctx.keystore, list_id, ctx.settings.public_url)
        published = status_service.published_as_of(session, list_id, instant)
        cache_control = "public, max-age=86400, immutable"
    else:
        published = status_service.ensure_published(
            session, lambda: ctx.keystore, list_id, ctx.settings.public_url
        )
        cache_control = f"public, max-age={status_service.TTL_SECONDS}"
    headers = {
        "ETag": published.etag,
        "Cache-Control": cache_control,
        "Last-Modified": http_date(published.published_at, usegmt=True),
        "Vary": "Accept",
    }
    if _etag_matches(request.headers.get("if-none-match"), published.etag):
        return Response(status_code=304, headers=headers)
    body = b"" if request.method == "HEAD" else published.text.encode("utf-8")
    response = Response(content=body, media_type=_media_type(request), headers=headers)
    if request.method == "HEAD":
        response.headers["content-length"] = str(len(published.text.encode("utf-8")))
    return response


router.add_api_route(
    "/status/{list_id}", get_status_list, methods=["HEAD"], include_in_schema=False, response_class=Response
)


@router.post(
    "/api/v1/diplomas/{series}/{number}/status", response_model=StatusChangeResult,
    responses=problem_responses(400, 401, 403, 404, 409, 413, 415, 422, 503),
    summary="Revoke, suspend or reinstate a diploma (and its supplement)",
)
def post_status(
    series: str,
    number: str,
    body: StatusRequest,
    request: Request,
    actor: Actor = Depends(require_scope("revoke")),
    session: Session = Depends(db_session),
) -> dict[str, Any]:
    ctx = get_ctx(request)
    result = status_service.set_status(
        session,
        series,
        number,
        body.action,
        body.reason,
        body.note,
        actor,
        keystore=ctx.keystore,
        public_url=ctx.settings.public_url,
        request_id=_request_id(request),
        institution_slug=None if actor.operator else actor.institution_slug,
    )
    return result.to_dict()


@router.get(
    "/api/v1/diplomas/{series}/{number}/status", response_model=StatusHistory,
    responses=problem_responses(400, 401, 404),
    summary="A diploma's status as of a date, and its history",
)
def get_status(
    series: str,
    number: str,
    request: Request,
    at: str | None = Query(default=None, description="YYYY-MM-DD (end of that day, UTC) or a date-time with zone"),
    actor: Actor = Depends(current_actor),
    session: Session = Depends(db_session),
) -> dict[str, Any]:
    diploma = status_service.find_diploma(session, series, number)
    if not actor.operator:
        institution = session.get(Institution, diploma.institution_id)
        if institution is None or institution.slug != actor.institution_slug:
            # as if it did not exist: another institution's numbers are not probed through this
            raise NotFound(f"{diploma.series} {diploma.number}", code="diploma-not-found")
    return status_service.status_history(session, diploma.series, diploma.number, at)
