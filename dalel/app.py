"""The FastAPI application factory: one app, routers mounted by role, every error as
RFC 9457 problem+json, a request body limit, a request id per request."""

from __future__ import annotations

import importlib
import logging
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from common import i18n
from common.fetch import Fetcher
from common.problems import MEDIA_TYPE, Problem
from common.web import request_language
from dalel import __version__
from dalel.db import make_engine, pending_migrations, ping
from dalel.logging import request_id_var
from dalel.settings import Settings, get_settings

log = logging.getLogger("dalel.http")

i18n.register(
    {
        "app.db_unreachable": {
            "kk": "Дерекқор жауап бермейді",
            "ru": "База данных не отвечает",
            "en": "The database does not answer",
        },
        "app.db_not_migrated": {
            "kk": "Дерекқор сұлбасы жаңартылмаған (dalel init іске қосыңыз)",
            "ru": "Схема базы данных не обновлена (выполните dalel init)",
            "en": "The database schema is not migrated (run dalel init)",
        },
    }
)

# (module, attribute, role): a router is mounted when the deployment serves its role.
# "public" routers are mounted in every role.
ROUTERS: list[tuple[str, str, str]] = [
    ("keys.http", "router", "issuer"),
    ("issuer.http", "public_router", "public"),
    ("issuer.http", "router", "issuer"),
    ("issuer.http", "ministry_router", "ministry"),
    ("issuer.vcapi", "router", "issuer"),
    ("issuer.status_http", "router", "issuer"),
    ("verifier.http", "router", "verifier"),
    ("verifier.http", "token_router", "issuer"),
    ("wallet_export.web", "router", "issuer"),
]

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


@dataclass
class AppContext:
    """What routers reach through ``common.web.get_ctx``."""

    settings: Settings
    engine: Engine
    fetcher: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
    _keystore: Any = None

    @property
    def keystore(self) -> Any:
        """The issuer's keystore, opened on first use (a verifier never opens one)."""
        if self._keystore is None:
            from keys.keystore import Keystore

            self._keystore = Keystore.open(
                self.settings.keystore_dir,
                passphrase=self.settings.keystore_passphrase,
                passphrase_file=self.settings.keystore_passphrase_file,
            )
        return self._keystore


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


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        headers = exc.extra.pop("_headers", None) if isinstance(exc.extra.get("_headers"), dict) else None
        return _problem_response(request, exc, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for err in exc.errors():
            if err.get("type") == "json_invalid":  # the translated title says it; no English parser text
                return _problem_response(request, Problem(400, "malformed-json"))
            # no `input` echo: it may carry personal data
            errors.append({"loc": [str(p) for p in err.get("loc", ())], "message": err.get("msg", ""), "type": err.get("type", "")})
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
        from starlette.requests import Request as StarletteRequest

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


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = engine or make_engine(settings.effective_database_url)
    app = FastAPI(
        title="Dalel",
        version=__version__,
        description="Diplomas as W3C Verifiable Credentials: issue, share, verify.",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.ctx = AppContext(settings=settings, engine=engine, fetcher=Fetcher.from_settings(settings))
    if "credential_lookup" not in app.state.ctx.extras:
        app.state.ctx.extras["credential_lookup"] = _default_lookup(settings, engine, app.state.ctx.fetcher)
    _install_default_verification_context(app.state.ctx)
    _install_error_handlers(app)
    if settings.serves("issuer"):
        from wallet_export.lookup import ClientIPMiddleware

        app.add_middleware(ClientIPMiddleware)  # the viewer's IP, hashed into the share-link access log
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)

    @app.get("/health", tags=["operations"], summary="Liveness")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__, "role": settings.role}

    @app.get("/ready", tags=["operations"], summary="Readiness: the database answers and is migrated")
    def ready(request: Request) -> dict[str, str]:
        try:
            ping(engine)
            missing = pending_migrations(engine)
        except Exception as exc:  # noqa: BLE001 - any database failure means not ready
            log.warning("database not reachable", extra={"error": type(exc).__name__})
            raise Problem(503, "service-unavailable", i18n.t("app.db_unreachable", request_language(request))) from None
        if missing:
            raise Problem(503, "service-unavailable", i18n.t("app.db_not_migrated", request_language(request)))
        return {"status": "ready"}

    for module_name, attribute, role in ROUTERS:
        if role == "public" or settings.serves(role):
            module = importlib.import_module(module_name)
            app.include_router(getattr(module, attribute))
    return app


def _wallet_lookup(settings: Settings, engine: Engine) -> Any:
    """Issuer-serving roles resolve /v/{token} locally: diplomas' permanent verify tokens and
    graduates' share links (wallet_export.lookup), logging share-link access with the IP hashed
    under the deployment's wallet secret."""
    from verifier.lookup import TokenResolution
    from wallet_export.lookup import make_lookup
    from wallet_export.service import load_secret

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lookup = make_lookup(engine, secret=load_secret(settings.data_dir))

    def converted(token: str, organisation: str | None = None) -> TokenResolution:
        r = lookup(token, organisation)
        return TokenResolution(
            status=r.status, credentials=r.credentials, superseded_by=r.superseded_by, expires_at=r.expires_at
        )

    return converted


def _default_lookup(settings: Settings, engine: Engine, fetcher: Any) -> Any:
    """Token -> credentials for /v/{token}: the wallet's lookup where this deployment issues,
    an upstream Dalel for a verifier-only deployment, else nothing is found."""
    if settings.serves("issuer"):
        return _wallet_lookup(settings, engine)
    from verifier.lookup import null_lookup, remote_lookup

    if settings.verifier_upstream_url and fetcher is not None:
        return remote_lookup(fetcher, settings.verifier_upstream_url)
    return null_lookup


def _install_default_verification_context(ctx: AppContext) -> None:
    """In-process `verifier.verify_credential(c)` (no context) verifies as this deployment
    does: its settings, fetcher and trust lists (the most recently created app wins)."""
    import weakref

    from verifier.context import set_default_factory
    from verifier.http import context_for

    ref = weakref.ref(ctx)

    def factory() -> Any:
        current = ref()
        return context_for(current) if current is not None else None

    set_default_factory(factory)


def create_app_from_env() -> FastAPI:
    """Uvicorn factory (``dalel serve`` sets the environment first)."""
    from dalel.logging import configure_logging

    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    return create_app(settings)
