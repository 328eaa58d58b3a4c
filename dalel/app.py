"""The FastAPI application factory: one app, routers mounted by role, every error as
RFC 9457 problem+json, a request body limit, a request id per request."""

from __future__ import annotations

import importlib
import logging
import weakref
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine

from common import i18n, openapi
from common.fetch import Fetcher
from common.problems import Problem
from common.web import request_language
from dalel import __version__, resources
from dalel.db import pending_migrations, ping
from dalel.http_edge import RequestGuard, install_error_handlers
from dalel.logging import configure_logging
from dalel.settings import Settings, get_settings
from keys.keystore import Keystore
from verifier.context import set_default_factory
from verifier.http import context_for
from verifier.lookup import TokenResolution, null_lookup, remote_lookup

log = logging.getLogger("dalel.http")


# (module, attribute, role): a router is mounted when the deployment serves its role.
# "public" routers are mounted in every role.
ROUTERS: list[tuple[str, str, str]] = [
    ("keys.http", "router", "issuer"),
    ("issuer.http", "public_router", "public"),
    ("issuer.http", "router", "issuer"),
    ("issuer.http", "ministry_router", "ministry"),
    ("issuer.vcapi", "router", "issuer"),
    ("issuer.status.http", "router", "issuer"),
    ("verifier.http", "router", "verifier"),
    ("verifier.http", "token_router", "issuer"),
    ("wallet_export.web", "router", "issuer"),
]

class _Extras(MutableMapping[str, Any]):
    """``ctx.extras[...]``, the string-keyed state of before: the names that have a typed
    attribute on :class:`AppContext` read and write that attribute; any other name is kept
    here. New code uses the attributes."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._other: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key in _TYPED_STATE:
            value = getattr(self._ctx, key)
            if value is None:
                raise KeyError(key)
            return value
        return self._other[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key in _TYPED_STATE:
            setattr(self._ctx, key, value)
        else:
            self._other[key] = value

    def __delitem__(self, key: str) -> None:
        if key in _TYPED_STATE:
            if getattr(self._ctx, key) is None:
                raise KeyError(key)
            setattr(self._ctx, key, None)
        else:
            del self._other[key]

    def __iter__(self) -> Iterator[str]:
        yield from (k for k in _TYPED_STATE if getattr(self._ctx, k) is not None)
        yield from self._other

    def __len__(self) -> int:
        return sum(1 for _ in self)


_TYPED_STATE = ("credential_lookup", "verification_context", "verify_rate_limiter")


@dataclass(eq=False)
class AppContext:
    """The application state routers reach through ``common.web.get_ctx`` (shape:
    ``common.web.AppState``)."""

    settings: Settings
    engine: Engine
    fetcher: Fetcher | None = None
    # the verifier's: token -> credentials for /v/{token}; its verification context; its rate limiter
    credential_lookup: Callable[..., Any] | None = None
    verification_context: Any = None
    verify_rate_limiter: Any = None
    _keystore: Keystore | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.extras: MutableMapping[str, Any] = _Extras(self)

    @property
    def keystore(self) -> Keystore:
        """The issuer's keystore, opened on first use (a verifier never opens one): the
        process's one (``dalel.resources``), so a demo and its server unlock it once."""
        if self._keystore is None:
            self._keystore = resources.open_keystore(self.settings)
        return self._keystore


DESCRIPTION = """Diplomas as W3C Verifiable Credentials: issue, share, verify.

**Registrars** call the issuance, status and download routes with a responsible person's token
(`Authorization: Bearer dalel_…`, scheme `registrarToken`). **Graduates** reach their files with
the session their one-time login link opens (cookie `dalel_session`, scheme `graduateSession`).
**Verifiers** (employers, recognition bodies) need no credentials.

Every error is an RFC 9457 `application/problem+json` body (`ProblemDetails`) whose `title` is in
the language asked for (`?lang=kk|ru|en` or `Accept-Language`; English when neither names one of
them); its `type` is stable. JSON bodies must be strict JSON (no NaN, nesting at most 32 levels).
"""


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str = Field(examples=[__version__])
    role: str = Field(examples=["all"])


class Ready(BaseModel):
    status: str = Field(examples=["ready"])


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = engine or resources.engine_for(settings.effective_database_url)  # the process's one
    # /docs and /redoc serve Swagger UI and ReDoc from the installed package, not a CDN: they
    # work on a host without internet
    app = FastAPIOffline(
        title="Dalel",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/docs",
        redoc_url="/redoc",
        static_url="/docs-assets",
        favicon_url="/docs-assets/favicon.png",
    )
    openapi.document(app)
    fetcher = Fetcher.from_settings(settings)
    app.state.ctx = AppContext(settings=settings, engine=engine, fetcher=fetcher,
                               credential_lookup=_default_lookup(settings, engine, fetcher))
    _install_default_verification_context(app.state.ctx)
    install_error_handlers(app)
    if settings.serves("issuer"):
        # issuer roles only, here and below: a verifier-only deployment loads nothing of the
        # issuer's and graduate's world (and needs none of its keys or secrets)
        from wallet_export.lookup import ClientIPMiddleware  # deferred: issuer roles only (see above)

        app.add_middleware(ClientIPMiddleware)  # the viewer's IP, hashed into the share-link access log
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)

    @app.get("/health", tags=["operations"], summary="Liveness", response_model=Health)
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__, "role": settings.role}

    @app.get("/ready", tags=["operations"], summary="Readiness: the database answers and is migrated",
             response_model=Ready, responses=openapi.problem_responses(503))
    def ready(request: Request) -> dict[str, str]:
        try:
            ping(engine)
            missing = pending_migrations(engine)
        except Exception as exc:  # noqa: BLE001 - any database failure means not ready
            log.warning("database not reachable", extra={"error": type(exc).__name__})
            raise Problem(
                503, "service-unavailable", i18n.t("The database does not answer", request_language(request))
            ) from None
        if missing:
            raise Problem(
                503,
                "service-unavailable",
                i18n.t("The database schema is not migrated (run dalel init)", request_language(request)),
            )
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
    from wallet_export.lookup import make_lookup  # deferred: issuer roles only (see create_app)
    from wallet_export.service import load_secret  # deferred: issuer roles only

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
    if settings.verifier_upstream_url and fetcher is not None:
        return remote_lookup(fetcher, settings.verifier_upstream_url)
    return null_lookup


def _install_default_verification_context(ctx: AppContext) -> None:
    """In-process `verifier.verify_credential(c)` (no context) verifies as this deployment
    does: its settings, fetcher and trust lists (the most recently created app wins)."""
    ref = weakref.ref(ctx)

    def factory() -> Any:
        current = ref()
        return context_for(current) if current is not None else None

    set_default_factory(factory)


def create_app_from_env() -> FastAPI:
    """Uvicorn factory (``dalel serve`` sets the environment first)."""
    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    return create_app(settings)
