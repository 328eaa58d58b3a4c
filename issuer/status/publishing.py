"""Publishing a status list: the ``BitstringStatusListCredential`` built from the current bits,
signed by the institution's active key (``eddsa-rdfc-2022``; ``ecdsa-rdfc-2019`` for a P-256
key), stored as exact JSON text with its ETag and a :class:`StatusListVersion` snapshot, and
served as of now or as of an earlier instant. A list is re-signed when a bit changed or its
validity nears its end, never per request."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from common.errors import DalelError
from common.problems import NotFound, Problem
from common.timestamps import as_utc, format_datetime, utcnow
from issuer.status.allocation import CONTEXT_V2
from issuer.status.bitstring import bits_from_indexes, encode_bitstring
from issuer.status.entries import list_url
from issuer.status.models import StatusAllocation, StatusChange, StatusList, StatusListVersion
from keys.did import did_key_from_multibase, did_key_verification_method, institution_did
from keys.service import active_signer, list_keys

TTL_SECONDS = 60  # credentialSubject.ttl (ms in the document) and Cache-Control max-age
VALIDITY = timedelta(days=7)  # validUntil = validFrom + VALIDITY
REFRESH_AFTER = timedelta(days=1)  # an unchanged list is re-signed once it is this old


def _dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _etag(text: str) -> str:
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + '"'


def _cryptosuite_for(signer: Any) -> str:
    return "ecdsa-rdfc-2019" if getattr(signer, "algorithm", "Ed25519") == "P-256" else "eddsa-rdfc-2022"


def build_list_credential(
    lst: StatusList, bits: bytes, public_url: str, *, valid_from: datetime, valid_until: datetime
) -> dict[str, Any]:
    """The unsigned ``BitstringStatusListCredential`` of `lst` with `bits`."""

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
    from keys.dataintegrity import add_proof  # deferred: heavy (pyld, the JSON-LD processor)

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

    if not lst.issuer:
        return active_signer(session, keystore, lst.institution, public_url)
    for key in list_keys(session, lst.institution):
        if key.status == "active" and did_key_from_multibase(key.public_key_multibase) == lst.issuer:
            return keystore.load_signer(
                key.id,
                did_key_verification_method(key.public_key_multibase),
                public_key_multibase=key.public_key_multibase,
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
