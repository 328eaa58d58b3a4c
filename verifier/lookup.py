"""Token -> credentials, for the public page ``GET /v/{token}`` and ``GET /api/v1/verify/{token}``.

An issuing deployment's lookup is ``wallet_export.lookup.make_lookup(engine)`` (permanent
verify tokens of diplomas and graduates' share links). A verifier-only deployment reads the
same answer from an upstream Dalel through the fetcher: :func:`remote_lookup`, which calls
``GET <upstream>/api/v1/credentials/by-token/{token}`` (served by :mod:`verifier.http` where a
local lookup exists) and returns what it says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from common.errors import ResourceUnavailable

STATUSES = ("ok", "expired", "revoked", "unknown")
_TOKEN_CHARS = re.compile(r"^[A-Za-z0-9_-]{8,128}$")


@dataclass
class TokenResolution:
    status: str  # "ok" | "expired" | "revoked" | "unknown"
    credentials: list[dict] = field(default_factory=list)  # the diploma first, then supplement/profile
    superseded_by: str | None = None  # URL of the newer credential
    expires_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "credentials": self.credentials if self.status == "ok" else [],
            "superseded_by": self.superseded_by,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
        }

    @classmethod
    def from_dict(cls, data: Any) -> TokenResolution:
        if not isinstance(data, dict) or data.get("status") not in STATUSES:
            raise ValueError("not a token resolution")
        credentials = data.get("credentials") or []
        if not isinstance(credentials, list) or not all(isinstance(c, dict) for c in credentials):
            raise ValueError("credentials must be a list of objects")
        expires = data.get("expires_at")
        superseded = data.get("superseded_by")
        return cls(
            status=data["status"],
            credentials=credentials,
            superseded_by=superseded if isinstance(superseded, str) else None,
            expires_at=datetime.fromisoformat(expires.replace("Z", "+00:00")) if isinstance(expires, str) else None,
        )


CredentialLookup = Callable[[str, str | None], TokenResolution]
"""(token, organisation typed by the viewer or None) -> TokenResolution."""


def token_is_plausible(token: str) -> bool:
    """Cheap shape check before any lookup (tokens are base58 or base64url)."""
    return bool(isinstance(token, str) and _TOKEN_CHARS.match(token))


def null_lookup(token: str, organisation: str | None = None) -> TokenResolution:
    """A deployment with no credential store and no upstream: every token is unknown."""
    return TokenResolution("unknown")


class LookupUnavailable(ResourceUnavailable):
    """The upstream Dalel could not be asked."""


def remote_lookup(fetcher: Any, upstream_url: str) -> CredentialLookup:
    """A lookup that asks an upstream Dalel (through the allowlisted fetcher)."""
    base = upstream_url.rstrip("/")

    def lookup(token: str, organisation: str | None = None) -> TokenResolution:
        if not token_is_plausible(token):
            return TokenResolution("unknown")
        url = f"{base}/api/v1/credentials/by-token/{quote(token, safe='')}"
        if organisation:
            url += "?" + urlencode({"org": organisation[:200]})
        try:
            data = fetcher.get_json(url, max_bytes=2 * 1024 * 1024)
        except ResourceUnavailable as exc:
            if getattr(exc, "code", "") == "http_status" and "HTTP 404" in str(exc):
                return TokenResolution("unknown")
            raise LookupUnavailable(str(exc)) from None
        except ValueError as exc:
            raise LookupUnavailable(f"upstream answered with something else: {exc}") from None
        try:
            return TokenResolution.from_dict(data)
        except ValueError as exc:
            raise LookupUnavailable(f"upstream answer: {exc}") from None

    return lookup
