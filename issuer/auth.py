"""Bearer tokens of responsible persons.

A token is ``dalel_`` + 43 base64url characters (256 random bits), shown once at creation;
only its SHA-256 is stored. It carries scopes (``issue``, ``revoke``, ``correct``) and acts
for its person's institution while the person's appointment is active (``active_from`` ≤
now < ``active_until``) and the token is not revoked.

``require_scope(scope)`` is the FastAPI dependency routes use: 401 (with
``WWW-Authenticate: Bearer``) without a valid token, 403 without the scope or an active
appointment. The deployment's operator token (``DALEL_VCAPI_TOKEN``), when configured, is
accepted for the VC-API as an operator without a person or institution.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session, select

from common.problems import BadInput, NotFound, Problem
from common.timestamps import as_utc, utcnow
from common.web import get_ctx
from issuer.models import ApiToken, Institution, ResponsiblePerson

SCOPES: tuple[str, ...] = ("issue", "revoke", "correct")
TOKEN_PREFIX = "dalel_"

REGISTRAR_TOKEN = HTTPBearer(
    auto_error=False,  # a missing token is Dalel's translated 401 problem, not FastAPI's
    scheme_name="registrarToken",
    bearerFormat="dalel_…",
    description="A responsible person's token (`dalel token create --person ID --scopes issue,revoke,correct`); "
    "it acts for the person's institution with its scopes. The deployment's operator token "
    "(DALEL_VCAPI_TOKEN) acts for every institution.",
)
"""The OpenAPI security scheme of every route that takes a registrar's token."""



@dataclass
class Actor:
    """Who acts: a responsible person through one of their tokens (or the operator)."""

    person_id: int | None
    institution_id: int | None
    institution_slug: str | None
    order_number: str | None
    scopes: set[str] = field(default_factory=set)
    token_id: int | None = None
    operator: bool = False

    def require(self, scope: str, institution_slug: str | None = None) -> None:
        if scope not in self.scopes:
            raise Problem(403, "missing-scope", scope)
        if institution_slug is not None and not self.operator and institution_slug != self.institution_slug:
            raise Problem(403, "wrong-institution", institution_slug)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def parse_scopes(value: str | list[str] | tuple[str, ...]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    scopes = sorted({s.strip().lower() for s in items if s and s.strip()})
    if not scopes or any(s not in SCOPES for s in scopes):
        raise BadInput("invalid-scope", ",".join(scopes))
    return scopes


def create_token(session: Session, person_id: int, scopes: str | list[str]) -> tuple[str, ApiToken]:
    """A new token for the person; returns (token text shown once, row). Commits."""
    person = session.get(ResponsiblePerson, person_id)
    if person is None:
        raise NotFound(str(person_id), code="person-not-found")
    wanted = parse_scopes(scopes)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        person_id=person_id,
        scopes=",".join(wanted),
        token_hash=hash_token(token),
        prefix=token[: len(TOKEN_PREFIX) + 6],
        created_at=utcnow(),
    )
    session.add(row)
    session.commit()
    session.refresh(row)
    return token, row


def revoke_token(session: Session, token_id: int) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFound(str(token_id))
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
        session.commit()
    return row


def person_is_active(person: ResponsiblePerson, now: datetime | None = None) -> bool:
    now = now or utcnow()
    if as_utc(person.active_from) > now:
        return False
    return person.active_until is None or now < as_utc(person.active_until)


def authenticate(session: Session, token: str | None, *, operator_token: str | None = None) -> Actor:
    """The actor behind `token`; Problem 401/403 otherwise."""
    if not token:
        raise Problem(401, "unauthorized", headers={"WWW-Authenticate": "Bearer"})
    if operator_token and hmac.compare_digest(token.encode(), operator_token.encode()):
        return Actor(None, None, None, None, set(SCOPES), operator=True)
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == hash_token(token))).first()
    if row is None or row.revoked_at is not None:
        raise Problem(401, "invalid-token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    person = session.get(ResponsiblePerson, row.person_id)
    if person is None:
        raise Problem(401, "invalid-token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    if not person_is_active(person):
        raise Problem(403, "person-inactive")
    institution = session.get(Institution, person.institution_id)
    return Actor(
        person_id=person.id,
        institution_id=person.institution_id,
        institution_slug=institution.slug if institution else None,
        order_number=person.order_number,
        scopes=row.scope_set(),
        token_id=row.id,
    )


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def require_scope(scope: str) -> Callable[[Request], Actor]:
    """FastAPI dependency: the authenticated :class:`Actor`, who holds `scope`."""

    def dependency(
        request: Request, _credentials: HTTPAuthorizationCredentials | None = Depends(REGISTRAR_TOKEN)
    ) -> Actor:
        ctx = get_ctx(request)
        with Session(ctx.engine) as session:
            actor = authenticate(
                session, bearer(request), operator_token=getattr(ctx.settings, "vcapi_token", None)
            )
        if scope not in actor.scopes:
            raise Problem(403, "missing-scope", scope)
        return actor

    return dependency


def current_actor(
    request: Request, _credentials: HTTPAuthorizationCredentials | None = Depends(REGISTRAR_TOKEN)
) -> Actor:
    """Dependency for routes that only need an authenticated actor (any scope)."""
    ctx = get_ctx(request)
    with Session(ctx.engine) as session:
        return authenticate(session, bearer(request), operator_token=getattr(ctx.settings, "vcapi_token", None))

