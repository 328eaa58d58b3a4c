"""Who may call the issuer's HTTP API.

:func:`require_scope` is a FastAPI dependency factory: ``Depends(require_scope("issue"))``
returns a :class:`Principal` or raises a 401 problem. For now a request is authorised by
``Authorization: Bearer <DALEL_VCAPI_TOKEN>`` (an operator-configured token, compared in
constant time), and, only when the operator opts in with ``DALEL_VCAPI_INSECURE_LOOPBACK=1``,
by coming from a loopback address without proxy headers (the W3C test suites post to
``http://localhost`` without credentials). Responsible-person tokens replace the internals
later; the name and signature stay.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from common import i18n
from common.problems import Problem
from common.web import get_ctx

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

_PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: `subject` names it in audit records."""

    subject: str
    scopes: frozenset[str]


def _unauthorized(request: Request, key: str) -> Problem:
    from common.web import request_language

    return Problem(
        401,
        "unauthorized",
        i18n.t(key, request_language(request)),
        _headers={"WWW-Authenticate": 'Bearer realm="dalel"'},
    )


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else None
    if not host or any(h in request.headers for h in _PROXY_HEADERS):
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def require_scope(scope: str) -> Callable[[Request], Principal]:
    """A dependency that admits callers allowed to use `scope` (e.g. ``"issue"``)."""

    def dependency(request: Request) -> Principal:
        settings = get_ctx(request).settings
        expected = getattr(settings, "vcapi_token", None)
        header = request.headers.get("authorization", "")
        scheme, _, supplied = header.partition(" ")
        if header:
            if scheme.lower() != "bearer" or not supplied.strip():
                raise _unauthorized(request, "auth.missing_token")
            if not expected:
                raise _unauthorized(request, "auth.not_configured")
            if not hmac.compare_digest(supplied.strip().encode(), expected.encode()):
                raise _unauthorized(request, "auth.invalid_token")
            return Principal("operator-token", frozenset({scope}))
        if getattr(settings, "vcapi_insecure_loopback", False) and _is_loopback(request):
            return Principal("loopback", frozenset({scope}))
        raise _unauthorized(request, "auth.missing_token" if expected else "auth.not_configured")

    dependency.__name__ = f"require_scope_{scope}"
    return dependency
