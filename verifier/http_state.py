"""What the verifier's routes take from the application: its verification context, its token
lookup, its rate limiter, and the headers of its pages (noindex, no-store, a strict CSP)."""

from __future__ import annotations

import ipaddress
from typing import Any

from fastapi import Request

from common.problems import Problem
from common.web import get_ctx
from verifier.context import VerificationContext
from verifier.lookup import CredentialLookup, null_lookup
from verifier.ratelimit import RateLimiter, retry_after_header

NOINDEX = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}
PAGE_HEADERS = {
    **NOINDEX,
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}


def context_for(ctx: Any) -> VerificationContext:
    """The verification context of an application context (built on first use from its
    settings and fetcher; tests may set their own ``ctx.verification_context``)."""
    vctx = ctx.verification_context
    if vctx is None:
        vctx = ctx.verification_context = VerificationContext.from_settings(ctx.settings, ctx.fetcher)
    return vctx


def verification_context(request: Request) -> VerificationContext:
    return context_for(get_ctx(request))


def credential_lookup(request: Request) -> CredentialLookup:
    return get_ctx(request).credential_lookup or null_lookup


def _limiter(request: Request) -> RateLimiter:
    ctx = get_ctx(request)
    limiter = ctx.verify_rate_limiter
    if limiter is None:
        settings = ctx.settings
        limiter = RateLimiter(
            getattr(settings, "verify_rate_per_minute", 60.0), getattr(settings, "verify_rate_burst", 20)
        )
        ctx.verify_rate_limiter = limiter
    return limiter


def client_key(request: Request) -> str:
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
    return _limiter(request).acquire(client_key(request))


def check_rate(request: Request) -> None:
    wait = rate_limit(request)
    if wait:
        raise Problem(429, "too-many-requests", headers={"Retry-After": retry_after_header(wait)})


def public_url(request: Request) -> str:
    return get_ctx(request).settings.public_url


def organisation(value: str | None) -> str | None:
    """What a viewer typed as their organisation: one line, at most 200 characters."""
    if not value:
        return None
    value = " ".join(value.split())[:200]
    return value or None
