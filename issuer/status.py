"""Bitstring Status List v1.0 for the issuer: allocating entries, publishing signed lists,
revoking, suspending and reinstating diplomas, and answering "what was the status on date D".

Allocation (:func:`allocate_status_entries`) runs inside the issuing transaction. For each
purpose (``revocation``, ``suspension``) it takes the institution's open list and draws an index
uniformly at random; the row ``(list_id, status_index)`` is the primary key of
``status_allocation`` and is inserted with ``INSERT … ON CONFLICT DO NOTHING``: when a concurrent
batch (PostgreSQL) or an earlier row already holds the index, nothing is inserted, the
transaction stays usable (no aborted transaction, no SAVEPOINT needed) and another index is
drawn. When random draws keep colliding the list is nearly full: a gap is searched from a random
start; when there is none the list is closed and a new list opens.

Publishing (:func:`publish_list`) builds the ``BitstringStatusListCredential`` from the current
bits, signs it with the institution's active key (``eddsa-rdfc-2022``; ``ecdsa-rdfc-2019`` for a
P-256 key) and stores the exact JSON text, its ETag and a :class:`StatusListVersion` snapshot.
A list is regenerated when a bit changed (``version`` > ``published_version``) or when its
validity nears its end, never per request (:func:`ensure_published`, used by
``GET /status/{id}``).

Operations (:func:`set_status`): revocation is final; suspension is lifted only by
``reinstate``; each change applies to the diploma and its supplement, is written to the
status history and to the issuer's hash-chained audit log (reason code, never personal data),
and the affected lists are republished at once when a keystore is given.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import secrets
from base64 import urlsafe_b64encode
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import insert, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from common import i18n
from common.errors import DalelError
from common.problems import BadInput, NotFound, Problem
from issuer.status_models import StatusAllocation, StatusChange, StatusList, StatusListVersion
from keys._time import as_utc, format_datetime, parse_datetime, utcnow

LIST_SIZE = 131_072  # entries per list: the herd-privacy minimum of the specification
PURPOSES: tuple[str, ...] = ("revocation", "suspension")
ACTIONS: tuple[str, ...] = ("revoke", "suspend", "reinstate")
REASON_CODES: tuple[str, ...] = (
    "issued_in_error",
    "fraud",
    "superseded_by_correction",
    "court_decision",
    "graduate_request",
    "other",
)
TTL_SECONDS = 60  # credentialSubject.ttl (ms in the document) and Cache-Control max-age
VALIDITY = timedelta(days=7)  # validUntil = validFrom + VALIDITY
REFRESH_AFTER = timedelta(days=1)  # an unchanged list is re-signed once it is this old
CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2"

_RANDOM_TRIES = 12
_GAP_TRIES = 4
_MAX_LISTS_PER_ALLOCATION = 4
_MAX_NOTE = 2000
_PG_BUSY = {"55P03", "40P01", "40001"}  # lock_not_available, deadlock_detected, serialization_failure
_PG_ALLOCATION_LOCK_TIMEOUT = "200ms"

i18n.register(
    {
        "problem.status-list-not-found": {
            "kk": "Күй тізімі табылмады",
            "ru": "Список статусов не найден",
            "en": "Status list not found",
        },
        "problem.status-list-unavailable": {
            "kk": "Күй тізімін қазір жариялау мүмкін емес",
            "ru": "Список статусов сейчас невозможно опубликовать",
            "en": "The status list cannot be published right now",
        },
        "problem.invalid-status-action": {
            "kk": "Әрекет белгісіз (revoke, suspend, reinstate)",
            "ru": "Неизвестное действие (revoke, suspend, reinstate)",
            "en": "Unknown action (revoke, suspend, reinstate)",
        },
        "problem.invalid-reason-code": {
            "kk": "Себеп коды белгісіз (issued_in_error, fraud, superseded_by_correction, court_decision, "
            "graduate_request, other)",
            "ru": "Неизвестный код причины (issued_in_error, fraud, superseded_by_correction, court_decision, "
            "graduate_request, other)",
            "en": "Unknown reason code (issued_in_error, fraud, superseded_by_correction, court_decision, "
            "graduate_request, other)",
        },
        "problem.note-too-long": {
            "kk": "Ескертпе тым ұзын (2000 таңбаға дейін)",
            "ru": "Примечание слишком длинное (до 2000 символов)",
            "en": "The note is too long (up to 2000 characters)",
        },
        "problem.diploma-not-found": {
            "kk": "Бұл сериясы мен нөмірі бар диплом табылмады",
            "ru": "Диплом с такой серией и номером не найден",
            "en": "No diploma with this series and number",
        },
        "problem.no-status-entry": {
            "kk": "Дипломда осы тізімдегі күй жазбасы жоқ",
            "ru": "У диплома нет записи статуса в списках этого издателя",
            "en": "The diploma has no status entry in this issuer's lists",
        },
        "problem.already-revoked": {
            "kk": "Диплом бұрыннан кері қайтарылған; кері қайтару түпкілікті",
            "ru": "Диплом уже отозван; отзыв окончателен",
            "en": "The diploma is already revoked; revocation is final",
        },
        "problem.already-suspended": {
            "kk": "Дипломның әрекеті бұрыннан тоқтатылған",
            "ru": "Действие диплома уже приостановлено",
            "en": "The diploma is already suspended",
        },
        "problem.not-suspended": {
            "kk": "Диплом тоқтатылмаған: қалпына келтіретін ештеңе жоқ",
            "ru": "Диплом не приостановлен: восстанавливать нечего",
            "en": "The diploma is not suspended: nothing to reinstate",
        },
        "problem.invalid-date": {
            "kk": "Күнді ЖЖЖЖ-АА-КК немесе ISO 8601 пішімінде беріңіз",
            "ru": "Укажите дату в формате ГГГГ-ММ-ДД или ISO 8601",
            "en": "Give the date as YYYY-MM-DD or ISO 8601",
        },
        "status.state.active": {"kk": "Жарамды", "ru": "Действителен", "en": "Active"},
        "status.state.suspended": {
            "kk": "Әрекеті тоқтатылған",
            "ru": "Действие приостановлено",
            "en": "Suspended",
        },
        "status.state.revoked": {"kk": "Кері қайтарылған", "ru": "Отозван", "en": "Revoked"},
        "status.reason.issued_in_error": {
            "kk": "Қате берілген",
            "ru": "Выдан по ошибке",
            "en": "Issued in error",
        },
        "status.reason.fraud": {"kk": "Алаяқтық", "ru": "Мошенничество", "en": "Fraud"},
        "status.reason.superseded_by_correction": {
            "kk": "Түзетілген құжатпен ауыстырылды",
            "ru": "Заменён исправленным документом",
            "en": "Superseded by a corrected document",
        },
        "status.reason.court_decision": {
            "kk": "Сот шешімі",
            "ru": "Решение суда",
            "en": "Court decision",
        },
        "status.reason.graduate_request": {
            "kk": "Түлектің өтініші",
            "ru": "Заявление выпускника",
            "en": "At the graduate's request",
        },
        "status.reason.other": {"kk": "Басқа себеп", "ru": "Иная причина", "en": "Other reason"},
    }
)


# --------------------------------------------------------------------------- encoding


def list_url(public_url: str, list_id: str) -> str:
    return f"{public_url.rstrip('/')}/status/{list_id}"


def list_id_from_url(url: str) -> str | None:
    """The list id of a ``…/status/<id>`` URL (None for anything else)."""
    if not isinstance(url, str):
        return None
    path = urlsplit(url).path
    head, _, tail = path.rpartition("/")
    if not head.endswith("/status") or not tail:
        return None
    return tail


def new_list_id() -> str:
    """128 random bits, base64url: the list's URL reveals neither order nor institution size."""
    return secrets.token_urlsafe(16)


def bits_from_indexes(size: int, indexes: Iterable[int]) -> bytes:
    """A bitstring of `size` bits (a multiple of 8) with `indexes` set; index 0 is the
    left-most (most significant) bit of the first byte."""
    bits = bytearray(size // 8)
    for i in indexes:
        bits[i >> 3] |= 0x80 >> (i & 7)
    return bytes(bits)


def encode_bitstring(bits: bytes) -> str:
    """``encodedList``: multibase base64url without padding (``u…``) of the GZIP bytes."""
    compressed = gzip.compress(bits, compresslevel=6, mtime=0)  # 9 costs 25x the time for 15% less
    return "u" + urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def _dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _etag(text: str) -> str:
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + '"'


# --------------------------------------------------------------------------- allocation


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
    table = StatusAllocation.__table__
    dialect = session.get_bind().dialect.name
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
            index = _find_gap(session, lst, secrets.randbelow(lst.size))
            if index is None:
                break
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


def status_entry(public_url: str, list_id: str, index: int, purpose: str) -> dict[str, Any]:
    url = list_url(public_url, list_id)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


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


def bind_credential(session: Session, entries: Iterable[dict[str, Any]], credential_id: str) -> None:
    """Record which credential holds the allocated entries (when the id was not known yet)."""
    for list_id, index, _purpose in _entry_keys(entries):
        session.execute(
            update(StatusAllocation)
            .where(col(StatusAllocation.list_id) == list_id, col(StatusAllocation.status_index) == index)
            .values(credential_id=credential_id)
        )


# --------------------------------------------------------------------------- publishing


def _cryptosuite_for(signer: Any) -> str:
    return "ecdsa-rdfc-2019" if getattr(signer, "algorithm", "Ed25519") == "P-256" else "eddsa-rdfc-2022"


def build_list_credential(
    lst: StatusList, bits: bytes, public_url: str, *, valid_from: datetime, valid_until: datetime
) -> dict[str, Any]:
    """The unsigned ``BitstringStatusListCredential`` of `lst` with `bits`."""
    from keys.did import institution_did

    url = list_url(public_url, lst.id)
    return {
        "@context": [CONTEXT_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": lst.issuer or institution_did(public_url, lst.institution),
        "validFrom": format_datetime(valid_from),
        "validUntil": format_datetime(valid_until),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": lst.purpose,
            "encodedList": encode_bitstring(bits),
            "ttl": TTL_SECONDS * 1000,
        },
    }


def current_bits(session: Session, lst: StatusList) -> bytes:
    indexes = session.exec(
        select(StatusAllocation.status_index).where(StatusAllocation.list_id == lst.id, StatusAllocation.value != 0)
    ).all()
    return bits_from_indexes(lst.size, indexes)


def needs_publish(lst: StatusList, now: datetime | None = None) -> bool:
    now = now or utcnow()
    if lst.credential is None or lst.published_at is None or lst.valid_until is None:
        return True
    if lst.published_version < lst.version:
        return True
    return as_utc(lst.published_at) + REFRESH_AFTER <= now or as_utc(lst.valid_until) <= now


def _locked_list(session: Session, list_id: str) -> StatusList | None:
    query = select(StatusList).where(StatusList.id == list_id).with_for_update()
    return session.exec(query.execution_options(populate_existing=True)).first()


def publish_list(
    session: Session,
    keystore: Any,
    list_id: str,
    public_url: str,
    *,
    now: datetime | None = None,
    if_needed: bool = False,
) -> StatusList:
    """Sign and store the current version of the list (and a snapshot); commits. With
    `if_needed`, does nothing when another process published it meanwhile."""
    from keys.dataintegrity import add_proof

    lst = _locked_list(session, list_id)
    if lst is None:
        raise NotFound(list_id, code="status-list-not-found")
    now = now or utcnow()
    if if_needed and not needs_publish(lst, now):
        session.commit()
        return lst
    version = lst.version
    bits = current_bits(session, lst)
    signer = _list_signer(session, keystore, lst, public_url)
    # validFrom: since when this state holds (the last change, or the list's creation), so that
    # the version also answers "as of" questions about the time before it was signed
    last_change = session.exec(
        select(StatusChange.at).where(StatusChange.list_id == lst.id).order_by(col(StatusChange.at).desc()).limit(1)
    ).first()
    valid_from = min(as_utc(last_change) if last_change is not None else as_utc(lst.created_at), now)
    valid_from = valid_from.replace(microsecond=0)  # as written in the document (whole seconds)
    valid_until = now + VALIDITY
    unsigned = build_list_credential(lst, bits, public_url, valid_from=valid_from, valid_until=valid_until)
    signed = add_proof(unsigned, signer, cryptosuite=_cryptosuite_for(signer), created=now)
    text = _dumps(signed)
    etag = _etag(text)
    lst.bits = bits
    lst.credential = text
    lst.etag = etag
    lst.published_version = version
    lst.published_at = now
    lst.valid_until = valid_until
    lst.updated_at = now
    session.add(lst)
    session.add(
        StatusListVersion(
            list_id=lst.id, version=version, published_at=now, valid_from=valid_from, valid_until=valid_until,
            etag=etag, credential=text,
        )
    )
    session.commit()
    session.refresh(lst)
    return lst


def _list_signer(session: Session, keystore: Any, lst: StatusList, public_url: str) -> Any:
    """The institution's active key; for a did:key list, that very key (under its did:key)."""
    from keys.did import did_key_from_multibase, did_key_verification_method
    from keys.service import active_signer, list_keys

    if not lst.issuer:
        return active_signer(session, keystore, lst.institution, public_url)
    for key in list_keys(session, lst.institution):
        if key.status == "active" and did_key_from_multibase(key.public_key_multibase) == lst.issuer:
            return keystore.load_signer(
                key.id, did_key_verification_method(key.public_key_multibase), public_key_multibase=key.public_key_multibase
            )
    raise Problem(409, "no-active-key", lst.issuer)


@dataclass(frozen=True)
class PublishedList:
    """What ``GET /status/{id}`` serves."""

    text: str
    etag: str
    published_at: datetime
    valid_until: datetime


def _servable(lst: StatusList | None, now: datetime) -> bool:
    return (
        lst is not None
        and lst.credential is not None
        and lst.published_version >= lst.version
        and lst.valid_until is not None
        and as_utc(lst.valid_until) > now
    )


def ensure_published(
    session: Session, keystore: Any | Callable[[], Any], list_id: str, public_url: str
) -> PublishedList:
    """The current signed list, regenerated first if a bit changed since it was signed or its
    validity nears its end. `keystore` may be a callable that opens it (only when needed).
    Without a usable key, a still valid, current version is served; otherwise 503."""
    lst = session.get(StatusList, list_id) if isinstance(list_id, str) and len(list_id) <= 32 else None
    if lst is None:
        raise NotFound(None, code="status-list-not-found")
    if needs_publish(lst):
        try:
            ks = keystore() if callable(keystore) and not hasattr(keystore, "load_signer") else keystore
            lst = publish_list(session, ks, list_id, public_url, if_needed=True)
        except (Problem, DalelError):
            session.rollback()
            lst = session.get(StatusList, list_id)
            if not _servable(lst, utcnow()):
                raise Problem(503, "status-list-unavailable", list_id) from None
    assert lst is not None and lst.credential is not None and lst.etag is not None
    assert lst.published_at is not None and lst.valid_until is not None
    return PublishedList(lst.credential, lst.etag, as_utc(lst.published_at), as_utc(lst.valid_until))


def published_as_of(session: Session, list_id: str, at: datetime) -> PublishedList:
    """The version of the list that was current at `at` (the ``timestamp`` query parameter of
    the specification): the last one signed by then, else the first one if its state already
    held at `at` (its validFrom); NotFound when the list cannot tell."""
    row = session.exec(
        select(StatusListVersion)
        .where(StatusListVersion.list_id == list_id, col(StatusListVersion.published_at) <= at)
        .order_by(col(StatusListVersion.published_at).desc(), col(StatusListVersion.version).desc())
        .limit(1)
    ).first()
    if row is None:
        first = session.exec(
            select(StatusListVersion)
            .where(StatusListVersion.list_id == list_id)
            .order_by(col(StatusListVersion.published_at), col(StatusListVersion.version))
            .limit(1)
        ).first()
        if first is not None and as_utc(first.valid_from) <= at:
            row = first
    if row is None:
        raise NotFound(None, code="status-list-not-found")
    return PublishedList(row.credential, row.etag, as_utc(row.published_at), as_utc(row.valid_until))


def publish_pending(session: Session, keystore: Any, public_url: str, institution: str | None = None) -> int:
    """Publish every list of `institution` (or all) that needs it; returns how many."""
    query = select(StatusList.id, StatusList.version, StatusList.published_version)
    if institution is not None:
        query = query.where(StatusList.institution == institution)
    count = 0
    for list_id, _version, _published in session.exec(query).all():
        lst = session.get(StatusList, list_id)
        if lst is not None and needs_publish(lst):
            publish_list(session, keystore, list_id, public_url)
            count += 1
    return count


# --------------------------------------------------------------------------- status of entries


def _entry_keys(entries: Iterable[Any]) -> list[tuple[str, int, str]]:
    keys = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            continue
        list_id = list_id_from_url(entry.get("statusListCredential", ""))
        raw_index = entry.get("statusListIndex")
        purpose = entry.get("statusPurpose")
        if list_id is None or not isinstance(raw_index, str) or not raw_index.isdigit() or purpose not in PURPOSES:
            continue
        keys.append((list_id, int(raw_index), purpose))
    return keys


def malformed_status_entries(document: Any, *, _path: str = "$", _depth: int = 0) -> list[str]:
    """Where `document` holds an object typed ``BitstringStatusListEntry`` that breaks a MUST of
    the specification (anywhere, not only under ``credentialStatus``): a list of
    "path: problem" strings, empty when all are well formed. An issuer refuses to sign such a
    credential (the specification's MALFORMED_VALUE_ERROR)."""
    problems: list[str] = []
    if _depth > 32:
        return problems
    if isinstance(document, list):
        for i, item in enumerate(document):
            problems += malformed_status_entries(item, _path=f"{_path}[{i}]", _depth=_depth + 1)
        return problems
    if not isinstance(document, dict):
        return problems
    types = document.get("type")
    types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    if "BitstringStatusListEntry" in types:
        index = document.get("statusListIndex")
        if not isinstance(index, str) or not index.isdigit() or str(int(index)) != index:
            problems.append(f"{_path}.statusListIndex: a base-10 integer string")
        if not isinstance(document.get("statusPurpose"), str) or not document.get("statusPurpose"):
            problems.append(f"{_path}.statusPurpose: a string")
        url = document.get("statusListCredential")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            problems.append(f"{_path}.statusListCredential: a URL")
        if "id" in document and (not isinstance(document["id"], str) or document["id"] == url):
            problems.append(f"{_path}.id: a URL other than statusListCredential")
        size = document.get("statusSize", 1)
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            problems.append(f"{_path}.statusSize: an integer greater than zero")
        elif "statusMessage" in document or size > 1:
            messages = document.get("statusMessage")
            if not isinstance(messages, list) or len(messages) != 2**size or not all(
                isinstance(m, dict) and isinstance(m.get("status"), str) and isinstance(m.get("message"), str)
                for m in messages
            ):
                problems.append(f"{_path}.statusMessage: {2**size} objects with status and message")
    for key, value in document.items():
        if isinstance(value, dict | list):
            problems += malformed_status_entries(value, _path=f"{_path}.{key}", _depth=_depth + 1)
    return problems


def credential_entries(credential: dict[str, Any]) -> list[dict[str, Any]]:
    status = credential.get("credentialStatus") if isinstance(credential, dict) else None
    if isinstance(status, dict):
        return [status]
    return [s for s in status if isinstance(s, dict)] if isinstance(status, list) else []


def _allocations(
    session: Session, keys: list[tuple[str, int, str]], *, lock: bool = False
) -> list[tuple[StatusAllocation, str]]:
    """The allocation rows of `keys` whose list has the entry's purpose. With `lock`, the rows
    are locked (PostgreSQL ``FOR UPDATE``, in a fixed order) so that two concurrent changes of
    the same diploma are applied one after the other, each seeing the other's result."""
    found = []
    for list_id, index, purpose in sorted(keys):
        if lock:
            query = select(StatusAllocation).where(
                StatusAllocation.list_id == list_id, StatusAllocation.status_index == index
            )
            row = session.exec(query.with_for_update().execution_options(populate_existing=True)).first()
        else:
            row = session.get(StatusAllocation, (list_id, index))
        lst = session.get(StatusList, list_id)
        if row is not None and lst is not None and lst.purpose == purpose:
            found.append((row, purpose))
    return found


def entries_state(session: Session, entries: Iterable[dict[str, Any]]) -> dict[str, bool]:
    """Current ``{"revoked": bool, "suspended": bool}`` of a credential's entries."""
    state = {"revoked": False, "suspended": False}
    for row, purpose in _allocations(session, _entry_keys(entries)):
        if row.value:
            state["revoked" if purpose == "revocation" else "suspended"] = True
    return state


def state_name(state: dict[str, bool]) -> str:
    return "revoked" if state.get("revoked") else "suspended" if state.get("suspended") else "active"


# --------------------------------------------------------------------------- operations


def check_reason(reason: str) -> str:
    if not isinstance(reason, str) or reason.strip().lower() not in REASON_CODES:
        raise BadInput("invalid-reason-code", repr(reason))
    return reason.strip().lower()


def check_action(action: str) -> str:
    if not isinstance(action, str) or action.strip().lower() not in ACTIONS:
        raise BadInput("invalid-status-action", repr(action))
    return action.strip().lower()


@dataclass
class StatusResult:
    """What :func:`set_status` did."""

    series: str
    number: str
    action: str
    state: str  # active | suspended | revoked, after the change
    reason: str
    at: datetime
    credential_ids: list[str]
    lists: list[str]  # list ids whose bit changed

    def to_dict(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "number": self.number,
            "action": self.action,
            "status": self.state,
            "reason": self.reason,
            "at": format_datetime(self.at),
            "credentials": self.credential_ids,
        }


def _change(
    session: Session,
    allocations: list[tuple[StatusAllocation, str]],
    value: int,
    *,
    action: str,
    reason: str,
    note: str | None,
    actor_person_id: int | None,
    request_id: str | None,
    credential_of: dict[tuple[str, int], str] | None,
    now: datetime,
) -> list[str]:
    changed_lists: list[str] = []
    for row, purpose in sorted(allocations, key=lambda a: (a[0].list_id, a[0].status_index)):
        # bump the list's version first: on PostgreSQL this row lock orders concurrent changes
        session.execute(
            update(StatusList)
            .where(col(StatusList.id) == row.list_id)
            .values(version=StatusList.version + 1, updated_at=now)
        )
        lst_version = session.exec(select(StatusList.version).where(StatusList.id == row.list_id)).one()
        row.value = value
        session.add(row)
        session.add(
            StatusChange(
                list_id=row.list_id,
                status_index=row.status_index,
                purpose=purpose,
                value=value,
                action=action,
                at=now,
                reason=reason,
                note=note,
                actor_person_id=actor_person_id,
                request_id=request_id,
                credential_id=(credential_of or {}).get((row.list_id, row.status_index)) or row.credential_id,
                list_version=lst_version,
            )
        )
        changed_lists.append(row.list_id)
    session.flush()
    return changed_lists


def change_entries(
    session: Session,
    entries: Iterable[dict[str, Any]],
    purpose: str,
    value: int,
    *,
    reason: str = "other",
    note: str | None = None,
    actor_person_id: int | None = None,
    request_id: str | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Set the bit of the given entries of `purpose` to `value` (0 or 1) in the caller's
    transaction (no rules, no audit: :func:`set_status` applies those to diplomas; this serves
    e.g. the VC-API status endpoint). Returns the ids of the lists changed (to republish)."""
    if purpose not in PURPOSES or value not in (0, 1):
        raise ValueError("purpose revocation|suspension, value 0|1")
    action = "revoke" if purpose == "revocation" else "suspend" if value else "reinstate"
    allocations = [(row, p) for row, p in _allocations(session, _entry_keys(entries)) if p == purpose]
    if not allocations:
        raise Problem(409, "no-status-entry")
    return _change(
        session, allocations, value, action=action, reason=check_reason(reason), note=note,
        actor_person_id=actor_person_id, request_id=request_id, credential_of=None, now=now or utcnow(),
    )


def find_diploma(session: Session, series: str, number: str, *, number_width: int = 8, lang: str | None = None) -> Any:
    """The diploma `series` `number` (normalised as the issuer does: Latin only, the number
    padded to `number_width`); Problem 400 for a mistyped value, 404 if none."""
    from issuer.models import Diploma
    from issuer.numbering import InputError, normalise_number, normalise_series

    try:
        series_n = normalise_series(series)
        number_n = normalise_number(number, number_width)
    except InputError as exc:
        raise BadInput("invalid-number", exc.message(lang)) from None
    diploma = session.exec(select(Diploma).where(Diploma.series == series_n, Diploma.number == number_n)).first()
    if diploma is None:
        raise NotFound(f"{series_n} {number_n}", code="diploma-not-found")
    return diploma


def diploma_credentials(session: Session, diploma: Any) -> list[dict[str, Any]]:
    from issuer.models import Supplement

    credentials = [diploma.credential]
    supplement = session.exec(select(Supplement).where(Supplement.diploma_id == diploma.id)).first()
    if supplement is not None:
        credentials.append(supplement.credential)
    return credentials


def set_status(
    session: Session,
    series: str,
    number: str,
    action: str,
    reason: str,
    note: str | None = None,
    actor: Any = None,
    *,
    keystore: Any = None,
    public_url: str | None = None,
    request_id: str | None = None,
    institution_slug: str | None = None,
    number_width: int = 8,
    now: datetime | None = None,
) -> StatusResult:
    """Revoke, suspend or reinstate the diploma `series` `number` and its supplement.

    `actor` is an ``issuer.auth.Actor`` (or a person id): recorded in the history and the audit
    log. When `institution_slug` is given the diploma must belong to it (a person acts only for
    their own institution). Commits; then republishes the changed lists when `keystore` and
    `public_url` are given (otherwise ``GET /status/{id}`` regenerates them on next request)."""
    from issuer import audit
    from issuer.models import Institution

    action = check_action(action)
    reason = check_reason(reason)
    if note is not None:
        note = note.strip() or None
        if note is not None and len(note) > _MAX_NOTE:
            raise BadInput("note-too-long")
    diploma = find_diploma(session, series, number, number_width=number_width)
    institution = session.get(Institution, diploma.institution_id)
    if institution_slug is not None and (institution is None or institution.slug != institution_slug):
        # as if it did not exist: another institution's numbers are not probed through this
        raise NotFound(f"{diploma.series} {diploma.number}", code="diploma-not-found")
    credentials = diploma_credentials(session, diploma)
    keys: list[tuple[str, int, str]] = []
    credential_of: dict[tuple[str, int], str] = {}
    for credential in credentials:
        for key in _entry_keys(credential_entries(credential)):
            keys.append(key)
            credential_of[(key[0], key[1])] = str(credential.get("id", ""))
    if keys and session.get_bind().dialect.name == "sqlite":
        # SQLite: take the database's write lock before reading the state (no row locks there)
        session.execute(
            update(StatusList)
            .where(col(StatusList.id).in_({k[0] for k in keys}))
            .values(updated_at=StatusList.updated_at)
        )
    allocations = _allocations(session, keys, lock=True)
    if not any(p == "revocation" for _, p in allocations) or not any(p == "suspension" for _, p in allocations):
        raise Problem(409, "no-status-entry", f"{diploma.series} {diploma.number}")
    state = {"revoked": False, "suspended": False}
    for row, purpose in allocations:
        if row.value and purpose == "revocation":
            state["revoked"] = True
        if row.value and purpose == "suspension":
            state["suspended"] = True
    label = f"{diploma.series} {diploma.number}"
    if state["revoked"]:
        raise Problem(409, "already-revoked", label)
    if action == "suspend" and state["suspended"]:
        raise Problem(409, "already-suspended", label)
    if action == "reinstate" and not state["suspended"]:
        raise Problem(409, "not-suspended", label)
    purpose, value = {"revoke": ("revocation", 1), "suspend": ("suspension", 1), "reinstate": ("suspension", 0)}[
        action
    ]
    person_id = actor if isinstance(actor, int) else getattr(actor, "person_id", None)
    order_number = getattr(actor, "order_number", None)
    now = now or utcnow()
    changed_lists = _change(
        session, [(row, p) for row, p in allocations if p == purpose], value, action=action, reason=reason,
        note=note, actor_person_id=person_id, request_id=request_id, credential_of=credential_of, now=now,
    )
    credential_ids = [str(c.get("id", "")) for c in credentials]
    audit.append(
        session,
        action=f"status.{action}",
        subject=label,
        actor_person_id=person_id,
        order_number=order_number,
        details={"reason": reason, "credentials": credential_ids, "has_note": note is not None},
        request_id=request_id,
        at=now,
    )
    session.commit()
    if action == "revoke":
        state["revoked"] = True
    else:
        state["suspended"] = value == 1
    if keystore is not None and public_url:
        for list_id in dict.fromkeys(changed_lists):
            publish_list(session, keystore, list_id, public_url)
    return StatusResult(
        diploma.series, diploma.number, action, state_name(state), reason, now, credential_ids, changed_lists
    )


# --------------------------------------------------------------------------- history


def parse_as_of(value: str | date | datetime | None) -> datetime | None:
    """`value` as an instant: a date means the end of that day (UTC); a date-time needs a zone."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(23, 59, 59), tzinfo=UTC)
    text = str(value).strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(23, 59, 59), tzinfo=UTC)
        return parse_datetime(text)
    except ValueError:
        raise BadInput("invalid-date", repr(value)) from None


def status_history(
    session: Session,
    series: str,
    number: str,
    at: str | date | datetime | None = None,
    *,
    include_notes: bool = True,
    number_width: int = 8,
) -> dict[str, Any]:
    """The diploma's status as of `at` (default now) and every change up to then:
    ``{"series", "number", "at", "status", "revoked", "suspended", "changes": [...]}``. Changes
    carry reason codes and times; notes and actor ids only when `include_notes`."""
    instant = parse_as_of(at)
    diploma = find_diploma(session, series, number, number_width=number_width)
    keys = []
    for credential in diploma_credentials(session, diploma):
        keys.extend((k[0], k[1]) for k in _entry_keys(credential_entries(credential)))
    changes: list[StatusChange] = []
    for list_id, index in keys:
        query = select(StatusChange).where(StatusChange.list_id == list_id, StatusChange.status_index == index)
        if instant is not None:
            query = query.where(col(StatusChange.at) <= instant)
        changes.extend(session.exec(query).all())
    changes.sort(key=lambda c: (as_utc(c.at), c.id or 0))
    # one row per operation: the diploma and its supplement change together
    seen: set[tuple[str, str, int, str | None]] = set()
    state = {"revoked": False, "suspended": False}
    items = []
    for change in changes:
        if change.purpose == "revocation" and change.value:
            state["revoked"] = True
        elif change.purpose == "suspension":
            state["suspended"] = bool(change.value)
        marker = (format_datetime(change.at), change.action, change.value, change.request_id)
        if marker in seen:
            continue
        seen.add(marker)
        item: dict[str, Any] = {
            "at": format_datetime(change.at),
            "action": change.action,
            "reason": change.reason,
        }
        if include_notes:
            item["note"] = change.note
            item["actor_person_id"] = change.actor_person_id
            item["request_id"] = change.request_id
        items.append(item)
    return {
        "series": diploma.series,
        "number": diploma.number,
        "at": format_datetime(instant) if instant is not None else format_datetime(utcnow()),
        "status": state_name(state),
        "revoked": state["revoked"],
        "suspended": state["suspended"],
        "changes": items,
    }
