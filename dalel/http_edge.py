"""The HTTP edge of the app, before and after the routers: every error as an RFC 9457
problem+json body in the reader's language (:func:`install_error_handlers`), and
:class:`RequestGuard`, the ASGI middleware that gives each request its id, refuses a body too
large or of a content type no route takes, and writes the access log."""

from __future__ import annotations

import logging
import secrets
import time

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request as StarletteRequest

from common import i18n
from common.problems import MEDIA_TYPE, Problem
from common.validation import field_errors
from common.web import request_language
from dalel.logging import request_id_var

log = logging.getLogger("dalel.http")

_BODY_METHODS = {"POST", "PUT", "PATCH"}
_ALLOWED_MEDIA_TYPES = {
    "application/json",
    "application/ld+json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/csv",
    "text/plain",
    "application/jwt",
    "application/vc+jwt",
    "application/vp+jwt",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    # POST /api/v1/verify: a PDF diploma or a photo of its QR code as the body
    "application/pdf",
    "image/png",
    "image/jpeg",
}


class BodyTooLarge(StarletteHTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=413)


def _problem_response(request: Request, problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    body = problem.to_dict(request_language(request), instance=request.url.path)
    rid = request_id_var.get()
    if rid:
        body.setdefault("request_id", rid)
    return JSONResponse(body, status_code=problem.status, media_type=MEDIA_TYPE, headers=headers)


_STATUS_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
    503: "service-unavailable",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return _problem_response(request, exc, exc.headers or None)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(err.get("type") == "json_invalid" for err in exc.errors()):  # the translated title says it
            return _problem_response(request, Problem(400, "malformed-json"))
        # each field's problem in the reader's language; no `input` echo (it may carry personal data)
        errors = field_errors(exc.errors(), request_language(request))
        return _problem_response(request, Problem(422, "validation-error", None, errors=errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "bad-request" if exc.status_code < 500 else "internal-error")
        if exc.status_code == 400 and isinstance(exc.detail, str) and "parsing the body" in exc.detail:
            code = "malformed-json"
        # no detail: the framework's are English only ("Missing boundary in multipart.", "Too many
        # fields..."); Dalel's own errors are Problems with translated details
        return _problem_response(request, Problem(exc.status_code, code), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        return _problem_response(request, Problem(500, "internal-error"))


class RequestGuard:
    """Pure ASGI middleware: request id, content-type and body-size limits, access log."""

    def __init__(self, app, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        incoming = headers.get("x-request-id", "")
        rid = incoming if 8 <= len(incoming) <= 64 and incoming.replace("-", "").isalnum() else secrets.token_hex(8)
        token = request_id_var.set(rid)
        scope.setdefault("state", {})["request_id"] = rid  # request.state.request_id for routers
        started = time.perf_counter()
        status_holder = {"status": 500}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(b"x-request-id", rid.encode())]
            await send(message)

        try:
            early = self._early_problem(scope, headers)
            if early is not None:
                status, code = early
                await self._send_problem(scope, send_wrapper, status, code)
                return
            received = 0
            limit = self.max_body_bytes

            async def receive_wrapper():
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        raise BodyTooLarge()
                return message

            await self.app(scope, receive_wrapper, send_wrapper)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "(unmatched)"
            log.info(
                "request",
                extra={
                    "method": scope.get("method"),
                    "route": path,
                    "status": status_holder["status"],
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            request_id_var.reset(token)

    def _early_problem(self, scope, headers) -> tuple[int, str] | None:
        if scope.get("method") not in _BODY_METHODS:
            return None
        length = headers.get("content-length")
        if length is not None:
            try:
                if int(length) > self.max_body_bytes:
                    return 413, "payload-too-large"
            except ValueError:
                return 400, "bad-request"
        has_body = (length not in (None, "0")) or "transfer-encoding" in headers
        if has_body:
            ctype = headers.get("content-type", "").split(";")[0].strip().lower()
            if not ctype:
                return 415, "unsupported-media-type"
            if ctype not in _ALLOWED_MEDIA_TYPES and not ctype.endswith("+json"):
                return 415, "unsupported-media-type"
        return None

    async def _send_problem(self, scope, send, status: int, code: str) -> None:
        request = StarletteRequest(scope)
        lang = i18n.negotiate(request.query_params.get("lang"), request.headers.get("accept-language"))
        problem = Problem(status, code)
        body = problem.to_dict(lang, instance=scope.get("path"))
        rid = request_id_var.get()
        if rid:
            body["request_id"] = rid
        response = JSONResponse(body, status_code=status, media_type=MEDIA_TYPE)
        await response({"type": "http", **scope}, _empty_receive, send)


async def _empty_receive():
    return {"type": "http.request", "body": b"", "more_body": False}
