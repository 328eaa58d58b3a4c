"""HTTP for the verifier role: the public page ``GET /v/{token}``, its JSON twin
``GET /api/v1/verify/{token}``, ``POST /api/v1/verify``, and the VC-API
``POST /credentials/verify`` and ``POST /presentations/verify``. Thin: parse, call
:mod:`verifier.service`, render. Rate limited per client.

``token_router`` (issuer roles) serves ``GET /api/v1/credentials/by-token/{token}``: what a
verifier-only deployment's remote lookup asks.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from common.errors import ResourceUnavailable
from common.problems import BadInput, Problem
from common.web import get_ctx, request_language
from verifier import messages as _messages  # noqa: F401 - registers the catalogue
from verifier.context import VerificationContext
from verifier.lookup import CredentialLookup, LookupUnavailable, null_lookup
from verifier.page import render_message, render_report
from verifier.ratelimit import RateLimiter, retry_after_header
from verifier.report import INVALIDATING
from verifier.service import token_problem, verify_input, verify_token

log = logging.getLogger("dalel.verifier.http")

router = APIRouter(tags=["verifier"])
token_router = APIRouter(tags=["verifier"])

NOINDEX = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}
PAGE_HEADERS = {
    **NOINDEX,
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}


# --------------------------------------------------------------------------- per-app state


def context_for(ctx: Any) -> VerificationContext:
    """The verification context of an application context (built on first use from its
    settings and fetcher; tests may put their own in ``extras["verification_context"]``)."""
    vctx = ctx.extras.get("verification_context")
    if vctx is None:
        vctx = VerificationContext.from_settings(ctx.settings, ctx.fetcher)
        ctx.extras["verification_context"] = vctx
    return vctx


def verification_context(request: Request) -> VerificationContext:
    return context_for(get_ctx(request))


def credential_lookup(request: Request) -> CredentialLookup:
    return get_ctx(request).extras.get("credential_lookup") or null_lookup


def _limiter(request: Request) -> RateLimiter:
    ctx = get_ctx(request)
    limiter = ctx.extras.get("verify_rate_limiter")
    if limiter is None:
        settings = ctx.settings
        limiter = RateLimiter(
            getattr(settings, "verify_rate_per_minute", 60.0), getattr(settings, "verify_rate_burst", 20)
        )
        ctx.extras["verify_rate_limiter"] = limiter
    return limiter


def _client_key(request: Request) -> str:
    """The rate-limit key: the client's IPv4 address, or the /64 network of its IPv6 address
    (one subscriber holds a whole /64, and could otherwise take a fresh bucket per request).
    The address is the one uvicorn's proxy-header handling settled on: ``X-Forwarded-For`` is
    believed only from ``FORWARDED_ALLOW_IPS`` (default 127.0.0.1), never from any client."""
    host = request.client.host if request.client else ""
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return host or "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip.ipv4_mapped or ip) if isinstance(ip, ipaddress.IPv6Address) else str(ip)


def rate_limit(request: Request) -> float:
    """0 if the client may proceed, else seconds to wait."""
    return _limiter(request).acquire(_client_key(request))


def _check_rate(request: Request) -> None:
    wait = rate_limit(request)
    if wait:
        raise Problem(429, "too-many-requests", _headers={"Retry-After": retry_after_header(wait)})


def _public_url(request: Request) -> str:
    return get_ctx(request).settings.public_url


def _organisation(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())[:200]
    return value or None


# --------------------------------------------------------------------------- the page


@router.get("/v/{token}", response_class=HTMLResponse, name="verify_page", summary="Public verification page")
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
            token, verification_context(request), lookup=credential_lookup(request), organisation=_organisation(org)
        )
    except (LookupUnavailable, ResourceUnavailable):
        html = render_message("unavailable", lang, path=path)
        return HTMLResponse(html, status_code=503, headers={**PAGE_HEADERS, "Retry-After": "30"})
    status = outcome.resolution.status
    if outcome.report is None:
        kind, code, colour = {
            "expired": ("expired", 410, "amber"),
            "revoked": ("withdrawn", 410, "amber"),
        }.get(status, ("unknown", 404, "red"))
        return HTMLResponse(render_message(kind, lang, path=path, colour=colour), status_code=code, headers=PAGE_HEADERS)
    html = render_report(outcome.report, lang, path=path, token=token, related=outcome.related)
    return HTMLResponse(html, headers={**PAGE_HEADERS, "Content-Language": lang, "Vary": "Accept-Language"})


@router.get("/api/v1/verify/{token}", name="verify_token_json", summary="Verification report of a token (JSON)")
def verify_token_json(token: str, request: Request, org: str | None = None) -> JSONResponse:
    _check_rate(request)
    try:
        outcome = verify_token(
            token, verification_context(request), lookup=credential_lookup(request), organisation=_organisation(org)
        )
    except (LookupUnavailable, ResourceUnavailable):
        raise Problem(503, "service-unavailable", _headers={"Retry-After": "30"}) from None
    if outcome.report is None:
        raise token_problem(outcome.resolution)
    body = {**outcome.report.to_dict(), "related": [report.to_dict() for report in outcome.related]}
    return JSONResponse(body, headers={**NOINDEX, "Cache-Control": "no-store"})


# --------------------------------------------------------------------------- POST /api/v1/verify


async def _json_body(request: Request) -> Any:
    body = await request.body()
    if not body:
        raise BadInput("input-empty")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in ("application/jwt", "application/vc+jwt", "text/plain"):
        return {"credential": body.decode("utf-8", errors="replace")}
    import json

    try:
        return json.loads(body)
    except RecursionError:
        raise BadInput("input-too-deep") from None
    except ValueError as exc:
        raise Problem(400, "malformed-json", f"JSON parse error: {exc}") from None


@router.post("/api/v1/verify", name="verify", summary="Verify a credential, a link or a QR payload")
async def verify_post(request: Request) -> JSONResponse:
    _check_rate(request)
    payload = await _json_body(request)
    if not isinstance(payload, dict):
        raise BadInput("input-bad-request")
    present = [k for k in ("credential", "url", "qr") if payload.get(k) not in (None, "")]
    if len(present) != 1:
        raise BadInput("input-bad-request")
    value = payload[present[0]]
    if present[0] in ("url", "qr") and not isinstance(value, str):
        raise BadInput("input-bad-request", f"{present[0]} must be a string")
    organisation = _organisation(payload.get("organisation") if isinstance(payload.get("organisation"), str) else None)
    vctx = verification_context(request)
    lookup = credential_lookup(request)
    public_url = _public_url(request)
    from starlette.concurrency import run_in_threadpool

    report = await run_in_threadpool(
        verify_input, value, vctx, lookup=lookup, public_url=public_url, organisation=organisation, at=payload.get("at")
        if isinstance(payload.get("at"), str) else None
    )
    return JSONResponse(report.to_dict(), headers={"Cache-Control": "no-store"})


# --------------------------------------------------------------------------- VC-API


def _vcapi_result(report) -> tuple[int, dict[str, Any]]:
    """VC-API VerificationResult: ``checks`` that passed, ``warnings``, ``errors``; 200 when no
    check that decides validity failed and none lacked a resource, else 400. Trust (a
    registry of issuers) is reported as a warning: the VC-API asks about the credential."""
    checks, warnings, errors = [], [], []
    for check in report.checks:
        entry = {"id": check.id, "code": check.code, "message": check.message.get("en", "")}
        if check.status == "passed":
            checks.append(check.id)
        elif check.status == "failed" and check.id in INVALIDATING:
            errors.append(entry)
        elif check.unavailable and check.id in INVALIDATING | {"proof", "issuer_key"}:
            errors.append(entry)
        elif check.status in ("failed", "warning") or check.unavailable:
            warnings.append(entry)
    ok = not errors
    return (200 if ok else 400), {"verified": ok, "checks": checks, "warnings": warnings, "errors": errors}


@router.post("/credentials/verify", name="vcapi_verify_credential", summary="VC-API: verify a credential")
async def vcapi_verify_credential(request: Request) -> JSONResponse:
    _check_rate(request)
    payload = await _json_body(request)
    if not isinstance(payload, dict) or not isinstance(payload.get("verifiableCredential"), dict):
        # a JSON string holding a credential is a PARSING_ERROR for the W3C suites: 400
        raise BadInput("input-bad-request", "verifiableCredential must be a JSON object")
    from starlette.concurrency import run_in_threadpool

    from verifier.pipeline import verify_credential

    vctx = verification_context(request)
    report = await run_in_threadpool(verify_credential, payload["verifiableCredential"], context=vctx)
    status, body = _vcapi_result(report)
    return JSONResponse(body, status_code=status)


@router.post("/presentations/verify", name="vcapi_verify_presentation", summary="VC-API: verify a presentation")
async def vcapi_verify_presentation(request: Request) -> JSONResponse:
    _check_rate(request)
    payload = await _json_body(request)
    if not isinstance(payload, dict) or not isinstance(payload.get("verifiablePresentation"), dict):
        raise BadInput("input-bad-request", "verifiablePresentation is required")
    options = payload.get("options") if isinstance(payload.get("options"), dict) else {}
    from starlette.concurrency import run_in_threadpool

    from verifier.presentation import verify_presentation

    vctx = verification_context(request)
    status, body = await run_in_threadpool(verify_presentation, payload["verifiablePresentation"], options, vctx)
    return JSONResponse(body, status_code=status)


# --------------------------------------------------------------------------- upstream lookup API


@token_router.get(
    "/api/v1/credentials/by-token/{token}",
    name="credentials_by_token",
    summary="The credentials a verify or share token names (for verifier-only deployments)",
)
def credentials_by_token(token: str, request: Request, org: str | None = None) -> JSONResponse:
    _check_rate(request)
    from verifier.service import resolve_token

    resolution = resolve_token(token, lookup=credential_lookup(request), organisation=_organisation(org))
    status = 404 if resolution.status == "unknown" else 200
    return JSONResponse(resolution.to_dict(), status_code=status, headers={**NOINDEX, "Cache-Control": "no-store"})
