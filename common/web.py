"""What HTTP routers in `issuer`, `verifier` and `wallet_export` need from the composition
layer, without importing it: the application state (:class:`AppState`, typed) and a database
session.

``dalel.app.create_app`` puts an object of this shape on ``app.state.ctx``: ``settings``,
``engine``, ``fetcher``, ``keystore`` (issuer roles only; opened on first use), and the
verifier's ``credential_lookup``, ``verification_context`` and ``verify_rate_limiter`` (None
until set up; tests set their own).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from fastapi import Request
from sqlmodel import Session

from common import i18n
from common.strictjson import MAX_JSON_DEPTH, parse_json  # re-exported: routers' old import


class AppState(Protocol):
    """The application state every router reads (``dalel.app.AppContext``)."""

    settings: Any
    engine: Any
    fetcher: Any
    credential_lookup: Any
    verification_context: Any
    verify_rate_limiter: Any

    @property
    def keystore(self) -> Any: ...


def get_ctx(request: Request) -> AppState:
    return request.app.state.ctx


def db_session(request: Request) -> Iterator[Session]:
    """One session per request; committed by the service code that changes data."""
    with Session(request.app.state.ctx.engine) as session:
        yield session


def request_language(request: Request) -> str:
    """`?lang=`, then Accept-Language, then the deployment's default language."""
    default = getattr(getattr(request.app.state, "ctx", None), "settings", None)
    default_lang = getattr(default, "default_language", i18n.DEFAULT_LANGUAGE)
    return i18n.negotiate(request.query_params.get("lang"), request.headers.get("accept-language"), default_lang)


__all__ = ["MAX_JSON_DEPTH", "AppState", "db_session", "get_ctx", "parse_json", "request_language"]
