"""Token -> credentials for the public verify page (``GET /v/{token}``) and its JSON twin.

``make_lookup(engine)`` returns a ``CredentialLookup`` (CONTRACTS.md): ``(token, organisation)
-> TokenResolution``. A token is either the diploma's permanent verify token (printed in the
QR; resolves to the diploma alone, never expires) or a graduate's share token (resolves to
the credentials of the link's scope while the link is valid; an expired or revoked link
resolves to that status with no credentials). Every share-link resolution is written to the
access log with the organisation the viewer typed and a keyed hash of the viewer's IP.

``wallet_export`` may not import ``verifier``; :class:`TokenResolution` here has exactly the
fields of ``verifier.lookup.TokenResolution`` (status, credentials, superseded_by,
expires_at), and ``dalel.app`` converts when the verifier's class is present.

The viewer's IP reaches the lookup through :data:`client_ip_var`, set per request by
:class:`ClientIPMiddleware` (installed by ``dalel.app``).
"""

from __future__ import annotations

import contextvars
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from common.timestamps import as_utc, utcnow
from issuer.lookup import find_by_verify_token
from issuer.models import Diploma, stored_id
from wallet_export.models import AccessLogEntry, ShareLink
from wallet_export.service import credentials_for_scope, ip_hash, superseded_by_url

client_ip_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("dalel_client_ip", default=None)
_TOKEN = re.compile(r"^[1-9A-HJ-NP-Za-km-z]{16,64}$")
MAX_ORGANISATION = 200


@dataclass
class TokenResolution:
    status: str  # "ok" | "expired" | "revoked" | "unknown"
    credentials: list[dict[str, Any]] = field(default_factory=list)
    superseded_by: str | None = None
    expires_at: datetime | None = None


CredentialLookup = Callable[[str, str | None], TokenResolution]


def _clean_organisation(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(str(value).split())[:MAX_ORGANISATION]
    text = "".join(ch for ch in text if ch.isprintable())
    return text or None


def resolve_token(
    session: Session,
    token: str,
    organisation: str | None = None,
    *,
    secret: bytes,
    ip: str | None = None,
    now: datetime | None = None,
) -> TokenResolution:
    """Resolve one token (see the module docstring). Commits the access-log row."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return TokenResolution("unknown")
    at = as_utc(now) if now is not None else utcnow()
    diploma = find_by_verify_token(session, token)
    if diploma is not None:
        return TokenResolution("ok", [diploma.credential], superseded_by_url(session, diploma), None)
    link = session.exec(select(ShareLink).where(ShareLink.token == token)).first()
    if link is None:
        return TokenResolution("unknown")
    status = link.status_at(at)
    session.add(
        AccessLogEntry(
            share_link_id=stored_id(link),
            at=at,
            organisation=_clean_organisation(organisation),
            ip_hash=ip_hash(secret, ip),
            outcome=status,
        )
    )
    session.commit()
    diploma = session.get(Diploma, link.diploma_id)
    if status != "ok" or diploma is None:
        return TokenResolution(status if diploma is not None else "unknown", [], None, link.expires_at)
    return TokenResolution(
        "ok",
        credentials_for_scope(session, diploma, link.scope),
        superseded_by_url(session, diploma),
        link.expires_at,
    )


def make_lookup(
    engine: Engine, *, secret: bytes | None = None, clock: Callable[[], datetime] | None = None
) -> CredentialLookup:
    """The deployment's CredentialLookup. `secret` keys the IP hash (default: random per
    process, so hashes cannot be linked across restarts); `clock` is for tests."""
    key = secret or secrets.token_bytes(32)

    def lookup(token: str, organisation: str | None = None) -> TokenResolution:
        with Session(engine) as session:
            return resolve_token(
                session, token, organisation, secret=key, ip=client_ip_var.get(), now=clock() if clock else None
            )

    return lookup


class ClientIPMiddleware:
    """Pure ASGI middleware: puts the client's address (as the server sees it, after uvicorn's
    proxy-header handling) into :data:`client_ip_var` for the lookup's access log."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = client_ip_var.set(client[0] if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            client_ip_var.reset(token)
