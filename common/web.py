"""What HTTP routers in `issuer`, `verifier` and `wallet_export` need from the composition
layer, without importing it: the application context and a database session.

``dalel.app.create_app`` puts an :class:`AppContext`-shaped object on ``app.state.ctx`` with
at least ``settings``, ``engine``, ``fetcher`` and (issuer roles only) ``keystore``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from sqlmodel import Session

from common import i18n


def get_ctx(request: Request) -> Any:
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
