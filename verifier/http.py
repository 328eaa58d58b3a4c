"""HTTP for the verifier role: the public page ``GET /v/{token}`` and its JSON twin
``GET /api/v1/verify/{token}``; ``POST /api/v1/verify`` (a credential, presentation, link, QR
payload, PDF or image); the upload page ``GET``/``POST /verify``; the VC-API
``POST /credentials/verify`` and ``POST /presentations/verify``. Thin: parse, call
:mod:`verifier.dispatch` (or the pipeline, the presentation verifier, the token service),
render. Rate limited per client; verifications run in the thread pool.

``token_router`` (issuer roles) serves ``GET /api/v1/credentials/by-token/{token}``: what a
verifier-only deployment's remote lookup asks.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from common.errors import ResourceUnavailable
from common.openapi import problem_responses
from common.problems import BadInput, Problem
from common.strictjson import parse_json
from common.web import request_language
from verifier import messages as _messages  # noqa: F401 - registers the catalogue
from verifier import texts as _texts  # noqa: F401 - registers the catalogue
from verifier.api import (
    PresentationResult,
    TokenResolutionModel,
    VcApiResult,
    VerificationReportModel,
    VerifyCredentialRequest,
    VerifyPresentationRequest,
    VerifyRequest,
    request_body,
)
from verifier.dispatch import verify_any
from verifier.http_state import (
    NOINDEX,
    PAGE_HEADERS,
    check_rate,
    context_for,
    credential_lookup,
    organisation,
    public_url,
    rate_limit,
    verification_context,
)
from verifier.inputs import MAX_INPUT_BYTES
from verifier.lookup import LookupUnavailable
from verifier.page import render_message, render_report
from verifier.page_upload import render_upload
from verifier.pipeline import verify_credential
from verifier.presentation import verify_presentation
from verifier.ratelimit import retry_after_header
from verifier.tokens import resolve_token, token_problem, verify_token
from verifier.vcapi import vcapi_result

router = APIRouter(tags=["verifier"])
token_router = APIRouter(tags=["verifier"])

FILE_TYPES = ("application/pdf", "image/png", "image/jpeg")
TEXT_TYPES = ("application/jwt", "application/vc+jwt", "text/plain")


# --------------------------------------------------------------------------- the page


@router.get("/v/{token}", response_class=HTMLResponse, name="verify_page", summary="Public verification page",
            responses={404: {"description": "Unknown link (HTML page)"}, 410: {"description": "Expired or withdrawn link"},
                       429: {"description": "Too many requests (HTML page, Retry-After)"}})
def verify_page(token: str, request: Request, org: str | None = None) -> Response:
    lang = request_language(request)
    path = f"/v/{token}"
    wait = rate_limit(request)
    if wait:
        retry = retry_after_header(wait)
        html = render_message("too_many", lang, path=path, seconds=retry)
        return HTMLResponse(html, status_code=429, headers={**PAGE_HEADERS, "Retry-After": retry})
    try:
        outcome = verify_token(
            token, verification_context(request), lookup=credential_lookup(request), organisation=organisation(org)
        )
    except (LookupUnavailable, ResourceUnavailable):
        html = render_message("unavailable", lang, path=path)
        return HTMLResponse(html, status_code=503, headers={**PAGE_HEADERS, "Retry-After": "30"})
    except Problem as problem:
        return HTMLResponse(render_message("problem", lang, path=path, problem=problem), status_code=problem.status,
                            headers=PAGE_HEADERS)
    status = outcome.resolution.status
    if outcome.report is None:
        kind, code, colour = {
            "expired": ("expired", 410, "amber"),
            "revoked": ("withdrawn", 410, "amber"),
        }.get(status, ("unknown", 404, "red"))
        return HTMLResponse(render_message(kind, lang, path=path, colour=colour), status_code=code, headers=PAGE_HEADERS)
    html = render_report(outcome.report, lang, path=path, token=token, related=outcome.related)
    return HTMLResponse(html, headers={**PAGE_HEADERS, "Content-Language": lang, "Vary": "Accept-Language"})


@router.get("/api/v1/verify/{token}", name="verify_token_json", summary="Verification report of a token (JSON)",
            response_model=VerificationReportModel, response_model_exclude_none=True,
            responses=problem_responses(404, 410, 422, 429, 503))
def verify_token_json(token: str, request: Request, org: str | None = None) -> JSONResponse:
    check_rate(request)
    try:
        outcome = verify_token(
            token, verification_context(request), lookup=credential_lookup(request), organisation=organisation(org)
        )
    except (LookupUnavailable, ResourceUnavailable):
        raise Problem(503, "service-unavailable", headers={"Retry-After": "30"}) from None
    if outcome.report is None:
        raise token_problem(outcome.resolution)
    body = {**outcome.report.to_dict(), "related": [report.to_dict() for report in outcome.related]}
    return JSONResponse(body, headers={**NOINDEX, "Cache-Control": "no-store"})


# --------------------------------------------------------------------------- POST /api/v1/verify


def _json(body: bytes) -> Any:
    return parse_json(body)  # the one strict parser: 400 malformed-json, translated, never NaN


async def _json_body(request: Request) -> Any:
    body = await request.body()
    if not body:
        raise BadInput("input-empty")
    if _media_type(request) in TEXT_TYPES:
        return {"credential": body.decode("utf-8", errors="replace")}
    return _json(body)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _upload(request: Request) -> tuple[bytes | str | None, dict[str, Any]]:
    """A multipart form's ``file`` (bytes) or ``input`` (text), and its other fields."""
    form = await request.form(max_files=1, max_fields=8)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    upload = form.get("file")
    value: bytes | str | None = None
    if upload is not None and not isinstance(upload, str):
        value = await upload.read(MAX_INPUT_BYTES + 1)
        if not value:
            value = None
    if value is None and (fields.get("input") or "").strip():
        value = fields["input"]
    return value, fields


async def _verify_request(request: Request) -> tuple[Any, dict[str, Any]]:
    """(what to verify, the request's options) from a JSON body, a form or a file body."""
    media = _media_type(request)
    if media in FILE_TYPES:
        return await request.body(), {}
    if media == "multipart/form-data":
        value, fields = await _upload(request)
        if value is None:
            raise BadInput("input-bad-request")
        return value, fields
    payload = await _json_body(request)
    if not isinstance(payload, dict):
        raise BadInput("input-bad-request")
    present = [k for k in ("credential", "url", "qr") if payload.get(k) not in (None, "")]
    if len(present) != 1:
        raise BadInput("input-bad-request")
    value = payload[present[0]]
    if present[0] in ("url", "qr") and not isinstance(value, str):
        raise BadInput("input-bad-request", f"{present[0]} must be a string")
    return value, payload


@router.post("/api/v1/verify", name="verify", summary="Verify a credential, presentation, link, QR payload, PDF or image",
             response_model=VerificationReportModel, response_model_exclude_none=True,
             responses=problem_responses(400, 410, 413, 415, 422, 429, 502),
             openapi_extra=request_body(VerifyRequest, files=True))
async def verify_post(request: Request) -> JSONResponse:
    check_rate(request)
    value, fields = await _verify_request(request)
    at = fields.get("at") if isinstance(fields.get("at"), str) else None
    org = organisation(fields.get("organisation") if isinstance(fields.get("organisation"), str) else None)
    outcome = await run_in_threadpool(
        verify_any, value, verification_context(request), lookup=credential_lookup(request),
        public_url=public_url(request), organisation=org, at=at,
    )
    return JSONResponse(outcome.to_dict(), headers={"Cache-Control": "no-store"})


# --------------------------------------------------------------------------- the upload page


@router.get("/verify", response_class=HTMLResponse, name="verify_upload_page",
            summary="Verify a diploma: paste a link or upload a PDF, a photo of its QR code or the credential",
            responses=problem_responses(429))
def verify_upload_page(request: Request) -> Response:
    lang = request_language(request)
    return HTMLResponse(render_upload(lang), headers={**PAGE_HEADERS, "Content-Language": lang})


@router.post("/verify", response_class=HTMLResponse, name="verify_upload",
             summary="The upload form's result page (HTML)", responses=problem_responses(413, 415, 422, 429))
async def verify_upload(request: Request) -> Response:
    lang = request_language(request)
    if _media_type(request) not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise Problem(415, "unsupported-media-type")  # not the page's form: a client's mistake
    wait = rate_limit(request)
    if wait:
        retry = retry_after_header(wait)
        html = render_message("too_many", lang, path="/verify", seconds=retry)
        return HTMLResponse(html, status_code=429, headers={**PAGE_HEADERS, "Retry-After": retry})
    try:
        value, _fields = await _upload(request)
        if value is None:
            raise BadInput("input-empty")
        outcome = await run_in_threadpool(
            verify_any, value, verification_context(request), lookup=credential_lookup(request),
            public_url=public_url(request),
        )
    except Problem as problem:
        html = render_upload(lang, problem=problem)
        return HTMLResponse(html, status_code=problem.status, headers=PAGE_HEADERS)
    if outcome.report is None:
        html = render_upload(lang, presentation=outcome.presentation)
    else:
        html = render_report(outcome.report, lang, path="/verify", related=outcome.related)
    return HTMLResponse(html, headers={**PAGE_HEADERS, "Content-Language": lang})


# --------------------------------------------------------------------------- VC-API


@router.post("/credentials/verify", name="vcapi_verify_credential", summary="VC-API: verify a credential",
             response_model=VcApiResult, responses={400: {"model": VcApiResult, "description": "Not verified"},
                                                    **problem_responses(413, 415, 422, 429)},
             openapi_extra=request_body(VerifyCredentialRequest))
async def vcapi_verify_credential(request: Request) -> JSONResponse:
    check_rate(request)
    payload = await _json_body(request)
    if not isinstance(payload, dict) or not isinstance(payload.get("verifiableCredential"), dict):
        # a JSON string holding a credential is a PARSING_ERROR for the W3C suites: 400
        raise BadInput("input-bad-request", "verifiableCredential must be a JSON object")
    report = await run_in_threadpool(
        verify_credential, payload["verifiableCredential"], context=verification_context(request)
    )
    status, body = vcapi_result(report)
    return JSONResponse(body, status_code=status)


@router.post("/presentations/verify", name="vcapi_verify_presentation", summary="VC-API: verify a presentation",
             response_model=PresentationResult,
             responses={400: {"model": PresentationResult, "description": "Not verified"},
                        **problem_responses(413, 415, 422, 429)},
             openapi_extra=request_body(VerifyPresentationRequest))
async def vcapi_verify_presentation(request: Request) -> JSONResponse:
    check_rate(request)
    payload = await _json_body(request)
    if not isinstance(payload, dict) or not isinstance(payload.get("verifiablePresentation"), dict):
        raise BadInput("input-bad-request", "verifiablePresentation is required")
    options = payload.get("options") if isinstance(payload.get("options"), dict) else {}
    status, body = await run_in_threadpool(
        verify_presentation, payload["verifiablePresentation"], options, verification_context(request)
    )
    return JSONResponse(body, status_code=status)


# --------------------------------------------------------------------------- upstream lookup API


@token_router.get(
    "/api/v1/credentials/by-token/{token}",
    name="credentials_by_token",
    summary="The credentials a verify or share token names (for verifier-only deployments)",
    response_model=TokenResolutionModel,
    responses={404: {"model": TokenResolutionModel, "description": "No such token (status unknown)"},
               **problem_responses(422, 429)},
)
def credentials_by_token(token: str, request: Request, org: str | None = None) -> JSONResponse:
    check_rate(request)
    resolution = resolve_token(token, lookup=credential_lookup(request), organisation=organisation(org))
    status = 404 if resolution.status == "unknown" else 200
    return JSONResponse(resolution.to_dict(), status_code=status, headers={**NOINDEX, "Cache-Control": "no-store"})


__all__ = ["context_for", "router", "token_router"]
