"""HTTP: a diploma's files for its graduate (session cookie) or a responsible person of its
institution (bearer token): the QR code, the signed PDF, the credential as JSON-LD and VC-JWT,
a presentation; and the one-time login link a registrar's system sends to the graduate."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from sqlmodel import Session

from common.openapi import problem_responses
from common.problems import NotFound, Problem
from common.timestamps import utcnow
from common.web import db_session, get_ctx, request_language
from issuer.auth import REGISTRAR_TOKEN, authenticate, bearer
from issuer.lookup import find_diploma
from issuer.models import Diploma
from wallet_export import exports
from wallet_export.pages import page_language
from wallet_export.service import (
    LOGIN_LINK_TTL,
    SESSION_COOKIE,
    create_login_link,
    owned_diploma,
    require_login_link_scope,
    session_for,
)

router = APIRouter(tags=["wallet"])

GRADUATE_SESSION = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="graduateSession",
    description="The graduate's session on /me, opened with a one-time login link "
    "(`POST /api/v1/diplomas/{series}/{number}/login-link`); HttpOnly, SameSite=Lax.",
)


class LoginLink(BaseModel):
    """A one-time login link for the graduate: send it to them; it opens /me once."""

    url: str = Field(examples=["https://dalel.example.kz/login/3mJr7AoUXx2Wqd5xk9Qn…"])
    expires_at: str = Field(examples=["2026-01-31T10:00:00Z"])


def staff_diploma(request: Request, session: Session, series: str, number: str, *, login_link: bool = False) -> Diploma:
    """The diploma, if the bearer token is a responsible person's of its institution (any
    scope; the operator token too; for a graduate's login link, scope issue or correct); 401
    otherwise, 403 without the scope, 404 (as for a missing number) when it is another
    institution's."""
    ctx = get_ctx(request)
    actor = authenticate(session, bearer(request), operator_token=getattr(ctx.settings, "vcapi_token", None))
    if login_link:
        require_login_link_scope(actor.scopes, operator=actor.operator)
    diploma = find_diploma(session, series, number, request_language(request))
    if not actor.operator and actor.institution_id != diploma.institution_id:
        # as if it did not exist: another institution's numbers are not probed through this
        raise NotFound(f"{diploma.series} {diploma.number}", code="diploma-not-found")
    return diploma


def _authorised_diploma(request: Request, session: Session, series: str, number: str) -> Diploma:
    """The diploma, if the caller is its graduate (session cookie) or a responsible person of
    its institution (bearer token, any scope)."""
    if request.headers.get("authorization"):
        return staff_diploma(request, session, series, number)
    grad = session_for(session, request.cookies.get(SESSION_COOKIE))
    if grad is None:  # before any lookup: an anonymous caller learns nothing about numbers
        raise Problem(401, "unauthorized", headers={"WWW-Authenticate": "Bearer"})
    return owned_diploma(session, grad.graduate_id, series, number, page_language(request))


def _download(
    request: Request, session: Session, series: str, number: str, fmt: str, *, inline: bool = False
) -> Response:
    diploma = _authorised_diploma(request, session, series, number)
    ctx = get_ctx(request)
    body = exports.export_bytes(session, ctx.settings, diploma, fmt, keystore_factory=lambda: ctx.keystore)
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        media_type=exports.MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'{disposition}; filename="{exports.file_name(diploma, fmt)}"',
            "Cache-Control": "private, max-age=300",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _file(fmt: str, description: str) -> dict[int | str, dict[str, Any]]:
    """The responses of a download: the file, or a problem."""
    media_type = exports.MEDIA_TYPES[fmt]
    binary = media_type.startswith("image/png") or media_type == "application/pdf"
    schema: dict[str, Any] = {"type": "string", "format": "binary"} if binary else (
        {"type": "string"} if media_type.endswith("jwt") or media_type.endswith("svg+xml") else {"type": "object"})
    return {200: {"description": description, "content": {media_type: {"schema": schema}}},
            **problem_responses(400, 401, 403, 404, 503)}


class _Caller:
    """Who may download: the graduate (session cookie) or staff (bearer token); the two
    parameters only document the alternatives, the route checks them."""

    def __init__(
        self,
        _token: HTTPAuthorizationCredentials | None = Depends(REGISTRAR_TOKEN),
        _session: str | None = Depends(GRADUATE_SESSION),
    ) -> None:
        pass


def _route(path: str, fmt: str, summary: str, *, inline: bool = False) -> None:
    def download(series: str, number: str, request: Request, _caller: _Caller = Depends(),
                 session: Session = Depends(db_session)) -> Response:
        return _download(request, session, series, number, fmt, inline=inline)

    download.__name__ = "download_" + fmt.replace("-", "_")
    router.add_api_route(f"/api/v1/diplomas/{{series}}/{{number}}/{path}", download, methods=["GET"],
                         summary=summary, response_class=Response, responses=_file(fmt, summary))


_route("qr.png", "qr-png", "QR code of the verify URL (PNG)", inline=True)
_route("qr.svg", "qr-svg", "QR code of the verify URL (SVG)", inline=True)
_route("diploma.pdf", "pdf", "The signed PDF diploma")
_route("credential.json", "json", "The diploma credential (JSON-LD)")
_route("credential.jwt", "jwt", "The diploma credential (VC-JWT)")
_route("presentation.json", "vp", "Unsigned verifiable presentation")


@router.post(
    "/api/v1/diplomas/{series}/{number}/login-link", status_code=201, response_model=LoginLink,
    responses=problem_responses(400, 401, 403, 404),
    summary="A one-time login link for the diploma's graduate (for the registrar's system to send)",
)
def post_login_link(
    series: str, number: str, request: Request,
    _token: HTTPAuthorizationCredentials | None = Depends(REGISTRAR_TOKEN),
    session: Session = Depends(db_session),
) -> JSONResponse:
    diploma = staff_diploma(request, session, series, number, login_link=True)
    ctx = get_ctx(request)
    created = utcnow()
    url = create_login_link(session, diploma.graduate_id, ctx.settings.public_url, now=created)
    expires = created + LOGIN_LINK_TTL
    return JSONResponse(
        {"url": url, "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ")},
        status_code=201,
        headers={"Cache-Control": "no-store"},
    )
