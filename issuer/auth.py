"""Who may call the issuer's HTTP API.

:func:`require_scope` is a FastAPI dependency factory: ``Depends(require_scope("issue"))``
returns the caller (a :class:`Principal`) or raises a 401 problem. For now a request is
authorised by ``Authorization: Bearer <DALEL_VCAPI_TOKEN>``, an operator-configured token
compared in constant time; without a configured token nobody is. Responsible-person tokens
replace the internals later; the name and signature stay. (The W3C test suites send the
header only over https: run ``dalel serve`` with TLS for them.)
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from common import i18n
from common.problems import Problem
from common.web import get_ctx, request_language

__all__ = ["Principal", "require_scope"]

i18n.register(
    {
        "auth.missing_token": {
            "kk": "Authorization: Bearer <token> тақырыбы қажет",
            "ru": "Требуется заголовок Authorization: Bearer <token>",
            "en": "An Authorization: Bearer <token> header is required",
        },
        "auth.invalid_token": {
            "kk": "Токен жарамсыз",
            "ru": "Недействительный токен",
            "en": "The token is not valid",
        },
        "auth.not_configured": {
            "kk": "Бұл API үшін токен бапталмаған (DALEL_VCAPI_TOKEN)",
            "ru": "Для этого API не настроен токен (DALEL_VCAPI_TOKEN)",
            "en": "No token is configured for this API (DALEL_VCAPI_TOKEN)",
        },
    }
)


@dataclass(frozen=True)
class Principal:
    """The authenticated caller. `institution_slug` is None for the operator (any institution)."""

    subject: str
    scopes: frozenset[str]
    institution_slug: str | None = None


def _unauthorized(request: Request, key: str) -> Problem:
    return Problem(
        401,
        "unauthorized",
        i18n.t(key, request_language(request)),
        _headers={"WWW-Authenticate": 'Bearer realm="dalel"'},
    )


def require_scope(scope: str) -> Callable[[Request], Principal]:
    """A dependency that admits callers allowed to use `scope` (e.g. ``"issue"``)."""

    def dependency(request: Request) -> Principal:
        expected = getattr(get_ctx(request).settings, "vcapi_token", None)
        scheme, _, supplied = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not supplied.strip():
            raise _unauthorized(request, "auth.missing_token" if expected else "auth.not_configured")
        if not expected:
            raise _unauthorized(request, "auth.not_configured")
        if not hmac.compare_digest(supplied.strip().encode(), expected.encode()):
            raise _unauthorized(request, "auth.invalid_token")
        return Principal("operator-token", frozenset({scope}))

    return dependency
