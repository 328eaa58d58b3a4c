"""Allocating status entries inside the issuing transaction: for each purpose the
institution's open list, an index drawn uniformly at random, taken with ``INSERT … ON
CONFLICT DO NOTHING`` (so a concurrent batch or an earlier row holding it costs another draw,
never an aborted transaction); a nearly full list is searched for a gap from a random start,
a full one is closed and a new one opened (the package doc: :mod:`issuer.status`)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import insert, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from common.problems import Problem
from common.timestamps import utcnow
from issuer.status.entries import PURPOSES, status_entry
from issuer.status.models import StatusAllocation, StatusList

LIST_SIZE = 131_072  # entries per list: the herd-privacy minimum of the specification
CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2"

_RANDOM_TRIES = 12
_GAP_TRIES = 4
_MAX_LISTS_PER_ALLOCATION = 4
_PG_BUSY = {"55P03", "40P01", "40001"}  # lock_not_available, deadlock_detected, serialization_failure
_PG_ALLOCATION_LOCK_TIMEOUT = "200ms"


def new_list_id() -> str:
    """128 random bits, base64url: the list's URL reveals neither order nor institution size."""
    return secrets.token_urlsafe(16)


def _open_list(
    session: Session,
    institution: str,
    purpose: str,
    list_size: int,
    now: datetime,
    exclude: set[str],
    issuer: str | None = None,
) -> StatusList:
    query = select(StatusList).where(
        StatusList.institution == institution, StatusList.purpose == purpose, col(StatusList.closed).is_(False)
    )
    query = query.where(col(StatusList.issuer).is_(None) if issuer is None else StatusList.issuer == issuer)
    if exclude:
        query = query.where(col(StatusList.id).not_in(exclude))
    current = session.exec(query.order_by(col(StatusList.created_at), col(StatusList.id)).limit(1)).first()
    if current is not None:
        return current
    if list_size < 8 or list_size % 8:
        raise ValueError("a status list holds a positive multiple of 8 entries")
    created = StatusList(
        id=new_list_id(),
        institution=institution,
        purpose=purpose,
        issuer=issuer,
        size=list_size,
        bits=bytes(list_size // 8),
        created_at=now,
        updated_at=now,
    )
    session.add(created)
    session.flush()
    return created


def _try_insert(session: Session, list_id: str, index: int, credential_id: str | None, now: datetime) -> bool:
    """Insert the allocation unless that index is taken; True if this call took it.

    PostgreSQL: ``INSERT … ON CONFLICT DO NOTHING`` inside a SAVEPOINT, under a short
    ``lock_timeout`` (set by the caller). An index committed by another transaction inserts
    nothing; an index another *running* transaction holds makes the insert wait at most that
    timeout, then the savepoint is rolled back and another index is drawn — two batches that
    each drew an index the other holds never deadlock. SQLite serialises writers, so the
    statement alone suffices."""
    values = {
        "list_id": list_id,
        "status_index": index,
        "value": 0,
        "credential_id": credential_id,
        "allocated_at": now,
    }
    table = StatusAllocation.__table__  # type: ignore[attr-defined]  # SQLModel sets it on the class
    dialect = session.get_bind().dialect.name
    stmt: Any
    if dialect == "sqlite":
        stmt = sqlite.insert(table).values(**values).on_conflict_do_nothing(index_elements=["list_id", "status_index"])
        return session.execute(stmt.returning(table.c.status_index)).first() is not None
    if dialect == "postgresql":
        stmt = postgresql.insert(table).values(**values).on_conflict_do_nothing(
            index_elements=["list_id", "status_index"]
        )
    else:  # pragma: no cover - other databases: a plain insert, the unique key decides
        stmt = insert(table).values(**values)
    try:
        with session.begin_nested():
            return session.execute(stmt.returning(table.c.status_index)).first() is not None
    except DBAPIError as exc:
        sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
        if isinstance(exc, IntegrityError) or sqlstate in _PG_BUSY:
            return False
        raise


def _find_gap(session: Session, lst: StatusList, start: int) -> int | None:
    """The first free index at or after `start` (wrapping round), or None if the list is full
    as far as this transaction can see."""
    column = col(StatusAllocation.status_index)
    for lo, hi in ((start, lst.size), (0, start)):
        expected = lo
        rows = session.exec(
            select(StatusAllocation.status_index)
            .where(StatusAllocation.list_id == lst.id, column >= lo, column < hi)
            .order_by(column)
        )
        for taken in rows:
            if taken > expected:
                return expected
            expected = taken + 1
        if expected < hi:
            return expected
    return None


def _allocate_one(
    session: Session,
    institution: str,
    purpose: str,
    list_size: int,
    credential_id: str | None,
    now: datetime,
    issuer: str | None = None,
) -> tuple[StatusList, int]:
    full: set[str] = set()
    for _ in range(_MAX_LISTS_PER_ALLOCATION):
        lst = _open_list(session, institution, purpose, list_size, now, full, issuer)
        for _ in range(_RANDOM_TRIES):
            index = secrets.randbelow(lst.size)
            if _try_insert(session, lst.id, index, credential_id, now):
                return lst, index
        for _ in range(_GAP_TRIES):
            gap = _find_gap(session, lst, secrets.randbelow(lst.size))
            if gap is None:
                break
            index = gap
            if _try_insert(session, lst.id, index, credential_id, now):
                return lst, index
        # full (or as good as): close it; the next round opens a new list
        full.add(lst.id)
        close = update(StatusList).where(col(StatusList.id) == lst.id).values(closed=True, updated_at=now)
        if session.get_bind().dialect.name == "sqlite":
            session.execute(close)
            continue
        try:
            with session.begin_nested():
                session.execute(close)
        except DBAPIError:  # another transaction holds the row (PostgreSQL): it stays skipped here
            pass
    raise Problem(503, "status-list-unavailable", "no free status list index")


def allocate_status_entries(
    session: Session,
    institution_slug: str,
    public_url: str,
    *,
    list_size: int = LIST_SIZE,
    credential_id: str | None = None,
    purposes: tuple[str, ...] = PURPOSES,
    issuer: str | None = None,
) -> list[dict[str, Any]]:
    """Two ``BitstringStatusListEntry`` dicts (revocation, suspension) at fresh random indexes
    of the institution's lists, inside the caller's transaction (the caller commits; a rollback
    frees the indexes). `list_size` applies to lists this call has to open.

    `issuer`: the DID that will sign the credential when it is not the institution's did:web —
    a ``did:key`` of one of the institution's keys (VC-API issuance under did:key). Its lists
    are kept apart and signed under that did:key, because a verifier requires the list's issuer
    to be the credential's issuer."""
    now = utcnow()
    entries = []
    previous_timeout = None
    if session.get_bind().dialect.name == "postgresql":
        previous_timeout = session.execute(text("SELECT current_setting('lock_timeout')")).scalar_one()
        session.execute(text("SELECT set_config('lock_timeout', :v, true)"), {"v": _PG_ALLOCATION_LOCK_TIMEOUT})
    try:
        for purpose in purposes:
            if purpose not in PURPOSES:
                raise ValueError(f"unsupported status purpose {purpose!r}")
            lst, index = _allocate_one(session, institution_slug, purpose, list_size, credential_id, now, issuer)
            entries.append(status_entry(public_url, lst.id, index, purpose))
    finally:
        if previous_timeout is not None and session.is_active:
            session.execute(text("SELECT set_config('lock_timeout', :v, true)"), {"v": previous_timeout})
    return entries


def with_status_entries(
    session: Session,
    credential: dict[str, Any],
    institution_slug: str,
    public_url: str,
    *,
    issuer: str | None = None,
) -> dict[str, Any]:
    """For the VC-API issuer: a copy of a VC 2.0 `credential` with revocation and suspension
    entries appended to the ``credentialStatus`` it already has (a VC 1.1 credential is returned
    unchanged: its context does not define the terms). `issuer`: the signing DID when it is not
    the institution's did:web (see :func:`allocate_status_entries`). The caller commits."""
    contexts = credential.get("@context")
    contexts = [contexts] if isinstance(contexts, str) else contexts if isinstance(contexts, list) else []
    if not contexts or contexts[0] != CONTEXT_V2:
        return credential
    credential_id = credential.get("id") if isinstance(credential.get("id"), str) else None
    entries = allocate_status_entries(session, institution_slug, public_url, credential_id=credential_id, issuer=issuer)
    existing = credential.get("credentialStatus")
    existing = [] if existing is None else [existing] if isinstance(existing, dict) else list(existing)
    return {**credential, "credentialStatus": existing + entries}
