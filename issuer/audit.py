"""The append-only, hash-chained audit log of issuance, revocation, suspension and correction.

Each row carries ``seq`` (1, 2, 3 … without gaps), ``prev_hash`` (the previous row's hash,
64 zeros for the first) and ``hash`` = SHA-256 over ``prev_hash`` and the RFC 8785 JSON of
the row's fields. :func:`verify_chain` recomputes every hash, so an edited row (its own hash
no longer matches), a deleted row (a gap in ``seq`` and a broken link) and reordered rows
(broken links) are all detected. Removing rows from the *end* leaves a valid shorter chain:
compare :func:`head` with a value kept elsewhere (e.g. a manifest or a published digest).

Appends are serialised: PostgreSQL takes a transaction-scoped advisory lock; SQLite's write
transaction serialises writers. ``details`` must never hold personal data (IIN, birth date).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import rfc8785
from sqlalchemy import text
from sqlmodel import Session, col, select

from common.timestamps import format_datetime, utcnow
from issuer.models import AuditEntry

GENESIS = "0" * 64
_ADVISORY_LOCK = 0x0DA1E1A0D17  # any constant shared by every Dalel process

# keys that must never appear in details (defence in depth)
_FORBIDDEN_KEYS = {"iin", "date_of_birth", "birth_date", "dob"}


def _row_hash(prev_hash: str, entry: AuditEntry) -> str:
    body: dict[str, Any] = {
        "seq": int(entry.seq),
        "at": format_datetime(entry.at),
        "actor_person_id": entry.actor_person_id,
        "order_number": entry.order_number,
        "action": entry.action,
        "subject": entry.subject,
        "details": entry.details or {},
        "request_id": entry.request_id,
    }
    return hashlib.sha256(prev_hash.encode("ascii") + rfc8785.dumps(body)).hexdigest()


def lock(session: Session) -> None:
    """Serialise writers of the log (PostgreSQL: a transaction-scoped advisory lock). Issuance
    takes it first, before any counter or status-list row, so that concurrent transactions
    always acquire locks in the same order and never deadlock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK})


def append(
    session: Session,
    *,
    action: str,
    subject: str,
    actor_person_id: int | None = None,
    order_number: str | None = None,
    details: dict[str, Any] | None = None,
    request_id: str | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one row inside the caller's transaction (the caller commits)."""
    details = dict(details or {})
    bad = _FORBIDDEN_KEYS.intersection(k.lower() for k in details)
    if bad:
        raise ValueError(f"audit details must not carry personal data: {sorted(bad)}")
    lock(session)
    session.flush()
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        at=at or utcnow(),
        actor_person_id=actor_person_id,
        order_number=order_number,
        action=action,
        subject=subject,
        details=details,
        request_id=request_id,
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    entry.hash = _row_hash(entry.prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass
class ChainReport:
    ok: bool
    rows: int
    head: str
    problems: list[dict[str, Any]] = field(default_factory=list)


def verify_chain(session: Session) -> ChainReport:
    """Walk the log in ``seq`` order; report every row whose hash, link or position is wrong."""
    problems: list[dict[str, Any]] = []
    prev_hash = GENESIS
    expected_seq = 1
    count = 0
    for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))):
        count += 1
        if entry.seq != expected_seq:
            problems.append({"seq": entry.seq, "problem": "gap", "expected_seq": expected_seq})
        if entry.prev_hash != prev_hash:
            problems.append({"seq": entry.seq, "problem": "broken_link"})
        if _row_hash(entry.prev_hash, entry) != entry.hash:
            problems.append({"seq": entry.seq, "problem": "hash_mismatch"})
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
    return ChainReport(ok=not problems, rows=count, head=prev_hash, problems=problems)


def head(session: Session) -> str:
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()
    return last.hash if last else GENESIS
