"""The graduate's side: their diplomas (found through :func:`issuer.lookup.find_diploma`),
share links, one-time login links and sessions.

Tokens: share links carry 160 random bits in base58 (27-28 characters), login links and
session ids 256 bits; login links and session ids are stored as SHA-256 only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import base58
from sqlalchemy import delete, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select

from common.files import private_secret
from common.problems import BadInput, NotFound, Problem
from common.timestamps import as_utc, utcnow
from issuer.lookup import find_diploma
from issuer.models import Diploma, Graduate, Institution, Programme, Supplement, stored_id
from wallet_export.models import SCOPES, AccessLogEntry, GraduateLoginLink, GraduateSession, ShareLink

DEFAULT_SHARE_DAYS = 30
MAX_SHARE_DAYS = 365
LOGIN_LINK_TTL = timedelta(hours=1)
SESSION_TTL = timedelta(hours=12)
SESSION_COOKIE = "dalel_session"



def new_share_token() -> str:
    """160 random bits, base58btc."""
    return base58.b58encode(secrets.token_bytes(20)).decode("ascii")


def _secret_token() -> str:
    return base58.b58encode(secrets.token_bytes(32)).decode("ascii")


def hash_secret(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now(now: datetime | None) -> datetime:
    return as_utc(now) if now is not None else utcnow()


# --------------------------------------------------------------------------- diplomas


def supplement_of(session: Session, diploma: Diploma) -> Supplement | None:
    return session.exec(select(Supplement).where(Supplement.diploma_id == diploma.id)).first()


def profile_of(session: Session, diploma: Diploma) -> dict[str, Any] | None:
    """A graduate profile credential, when the issuer provides one (not yet: future work)."""
    return None


def superseded_by_url(session: Session, diploma: Diploma) -> str | None:
    if diploma.superseded_by_id is None:
        return None
    newer = session.get(Diploma, diploma.superseded_by_id)
    return newer.credential_id if newer is not None else None


def credentials_for_scope(session: Session, diploma: Diploma, scope: str) -> list[dict[str, Any]]:
    creds = [diploma.credential]
    if scope == "diploma+supplement":
        supplement = supplement_of(session, diploma)
        if supplement is not None:
            creds.append(supplement.credential)
    elif scope == "diploma+profile":
        profile = profile_of(session, diploma)
        if profile is not None:
            creds.append(profile)
    return creds


def graduate_ids(session: Session, graduate_id: int) -> list[int]:
    """The graduate records a session of `graduate_id` may see: that record alone.

    Not the same person's records at other institutions (same IIN hash): a login link is made
    by one institution's responsible person, who would otherwise open, through the graduate's
    session, the diplomas and supplements another institution issued to that person."""
    graduate = session.get(Graduate, graduate_id)
    return [] if graduate is None else [graduate_id]


def diplomas_of(session: Session, graduate_id: int) -> list[Diploma]:
    ids = graduate_ids(session, graduate_id)
    if not ids:
        return []
    query = (
        select(Diploma)
        .where(col(Diploma.graduate_id).in_(ids))
        .order_by(col(Diploma.award_date).desc(), col(Diploma.id))
    )
    return list(session.exec(query).all())


def owned_diploma(session: Session, graduate_id: int, series: str, number: str, lang: str | None = None) -> Diploma:
    diploma = find_diploma(session, series, number, lang)
    if diploma.graduate_id not in graduate_ids(session, graduate_id):
        raise NotFound(f"{diploma.series} {diploma.number}", code="diploma-not-found")
    return diploma


@dataclass
class DiplomaView:
    """What pages and the PDF need about one diploma, beyond the credential."""

    diploma: Diploma
    institution: Institution
    programme: Programme | None
    graduate: Graduate


def diploma_view(session: Session, diploma: Diploma) -> DiplomaView:
    institution = session.get(Institution, diploma.institution_id)
    graduate = session.get(Graduate, diploma.graduate_id)
    if institution is None or graduate is None:  # pragma: no cover - foreign keys prevent it
        raise NotFound(f"{diploma.series} {diploma.number}", code="diploma-not-found")
    return DiplomaView(diploma, institution, session.get(Programme, diploma.programme_id), graduate)


def graduate_names(graduate: Graduate) -> dict[str, str]:
    full = graduate.full_name()
    return {
        "kk": graduate.name_kk or full,
        "ru": graduate.name_ru or full,
        "en": graduate.name_en or graduate.name_latin,
    }


# --------------------------------------------------------------------------- share links


def parse_expiry_days(value: object) -> int | None:
    """Days until expiry: None/""/"never" = until revoked; 1..365; default 30 when absent."""
    if value is None:
        return DEFAULT_SHARE_DAYS
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "default"):
            return DEFAULT_SHARE_DAYS
        if text in ("never", "none", "revoked", "0"):
            return None
        if not text.isdigit():
            raise BadInput("invalid-expiry", repr(value))
        value = int(text)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_SHARE_DAYS:
        raise BadInput("invalid-expiry", repr(value))
    return value


def create_share_link(
    session: Session,
    diploma: Diploma,
    *,
    scope: str = "diploma",
    expires_in_days: int | None = DEFAULT_SHARE_DAYS,
    label: str | None = None,
    now: datetime | None = None,
) -> ShareLink:
    """A new share link; `expires_in_days` None = valid until revoked. Commits."""
    if scope not in SCOPES:
        raise BadInput("invalid-share-scope", repr(scope))
    if scope == "diploma+supplement" and supplement_of(session, diploma) is None:
        raise Problem(409, "scope-unavailable", scope)
    if scope == "diploma+profile" and profile_of(session, diploma) is None:
        raise Problem(409, "scope-unavailable", scope)
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_SHARE_DAYS:
        raise BadInput("invalid-expiry", repr(expires_in_days))
    created = _now(now)
    link = ShareLink(
        token=new_share_token(),
        diploma_id=stored_id(diploma),
        scope=scope,
        label=(label or "").strip()[:200] or None,
        created=created,
        expires_at=created + timedelta(days=expires_in_days) if expires_in_days is not None else None,
    )
    session.add(link)
    session.commit()
    session.refresh(link)
    return link


def share_links_of(session: Session, graduate_id: int) -> list[ShareLink]:
    ids = [d.id for d in diplomas_of(session, graduate_id)]
    if not ids:
        return []
    query = (
        select(ShareLink)
        .where(col(ShareLink.diploma_id).in_(ids))
        .order_by(col(ShareLink.created).desc(), col(ShareLink.id).desc())
    )
    return list(session.exec(query).all())


def revoke_share_link(session: Session, graduate_id: int, link_id: int, *, now: datetime | None = None) -> ShareLink:
    link = session.get(ShareLink, link_id)
    if link is None or link.id not in {item.id for item in share_links_of(session, graduate_id)}:
        raise NotFound(str(link_id), code="share-link-not-found")
    if link.revoked_at is None:
        link.revoked_at = _now(now)
        session.add(link)
        session.commit()
        session.refresh(link)
    return link


def access_log_of(session: Session, graduate_id: int, limit: int = 200) -> list[tuple[AccessLogEntry, ShareLink]]:
    links = {link.id: link for link in share_links_of(session, graduate_id)}
    if not links:
        return []
    query = (
        select(AccessLogEntry)
        .where(col(AccessLogEntry.share_link_id).in_(list(links)))
        .order_by(col(AccessLogEntry.at).desc(), col(AccessLogEntry.id).desc())
        .limit(limit)
    )
    return [(entry, links[entry.share_link_id]) for entry in session.exec(query).all()]


def ip_hash(secret: bytes, ip: str | None) -> str | None:
    """A keyed hash of an IP address (HMAC-SHA256, 128 bits hex): equal addresses can be told
    apart from different ones by whoever holds the secret, the address itself is not stored."""
    if not ip:
        return None
    return hmac.new(secret, ip.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def load_secret(data_dir: Path | str, name: str = "wallet-secret") -> bytes:
    """A 32-byte deployment secret in ``<data_dir>/<name>`` (mode 0600), created on first use."""
    return private_secret(Path(data_dir) / name, lambda: secrets.token_bytes(32), valid=lambda d: len(d) >= 32)[:32]


# --------------------------------------------------------------------------- login


# who may make a graduate's login link: registrars who handle graduates (issue or correct their
# diplomas); a revoke-only token (e.g. a compliance officer's) may not open a graduate's page
LOGIN_LINK_SCOPES = frozenset({"issue", "correct"})


def require_login_link_scope(scopes: set[str] | frozenset[str], *, operator: bool = False) -> None:
    """403 ``missing-scope`` unless the caller is the operator or holds ``issue`` or ``correct``."""
    if not operator and not (set(scopes) & LOGIN_LINK_SCOPES):
        raise Problem(403, "missing-scope", "issue | correct")


def create_login_link(
    session: Session, graduate_id: int, public_url: str, *, ttl: timedelta = LOGIN_LINK_TTL, now: datetime | None = None
) -> str:
    """A one-time login URL for the graduate (``<public_url>/login/<token>``). Commits."""
    if session.get(Graduate, graduate_id) is None:
        raise NotFound(str(graduate_id))
    token = _secret_token()
    created = _now(now)
    session.add(
        GraduateLoginLink(
            token_hash=hash_secret(token), graduate_id=graduate_id, created=created, expires_at=created + ttl
        )
    )
    session.commit()
    return f"{public_url.rstrip('/')}/login/{token}"


def login_link_usable(session: Session, token: str, *, now: datetime | None = None) -> bool:
    """Whether the login link exists, is unused and unexpired; reads only (a GET of the link, by
    a mail scanner or a link preview, must not spend it)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 64:
        return False
    row = session.exec(select(GraduateLoginLink).where(GraduateLoginLink.token_hash == hash_secret(token))).first()
    return row is not None and row.used_at is None and _now(now) < as_utc(row.expires_at)


def consume_login_link(
    session: Session, token: str, *, ttl: timedelta = SESSION_TTL, now: datetime | None = None
) -> tuple[str, GraduateSession]:
    """Use a login link once; returns (session id for the cookie, session row). Commits."""
    at = _now(now)
    if not isinstance(token, str) or not 20 <= len(token) <= 64:
        raise Problem(400, "login-link-invalid")
    row = session.exec(select(GraduateLoginLink).where(GraduateLoginLink.token_hash == hash_secret(token))).first()
    if row is None or row.used_at is not None or at >= as_utc(row.expires_at):
        raise Problem(400, "login-link-invalid")
    # one use, also under concurrency: only the request that flips used_at wins
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]  # an UPDATE's result counts rows
        update(GraduateLoginLink)
        .where(col(GraduateLoginLink.id) == row.id, col(GraduateLoginLink.used_at).is_(None))
        .values(used_at=at)
    )
    if result.rowcount != 1:
        session.rollback()
        raise Problem(400, "login-link-invalid")
    purge_expired(session, now=at)
    session_id = _secret_token()
    grad_session = GraduateSession(
        session_hash=hash_secret(session_id),
        graduate_id=row.graduate_id,
        csrf_token=secrets.token_urlsafe(24),
        created=at,
        expires_at=at + ttl,
    )
    session.add(grad_session)
    session.commit()
    session.refresh(grad_session)
    return session_id, grad_session


def purge_expired(session: Session, *, now: datetime | None = None) -> None:
    """Drop expired sessions and login links (used or not); part of the caller's transaction."""
    at = _now(now)
    session.execute(delete(GraduateSession).where(col(GraduateSession.expires_at) < at))
    session.execute(delete(GraduateLoginLink).where(col(GraduateLoginLink.expires_at) < at))


def session_for(session: Session, session_id: str | None, *, now: datetime | None = None) -> GraduateSession | None:
    if not session_id or len(session_id) > 64:
        return None
    row = session.exec(select(GraduateSession).where(GraduateSession.session_hash == hash_secret(session_id))).first()
    if row is None or _now(now) >= as_utc(row.expires_at):
        return None
    return row


def end_session(session: Session, session_id: str | None) -> None:
    row = session_for(session, session_id)
    if row is not None:
        session.delete(row)
        session.commit()
