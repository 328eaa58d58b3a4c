"""The national trust list (ministry role): a signed ``DalelTrustListCredential`` of this
deployment's institutions with their accreditation periods (CONTRACTS.md "Trust list")."""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime, timedelta
from typing import Any

import rfc8785
from sqlmodel import Session, col, select

from common.timestamps import format_datetime, utcnow
from issuer.credentials import CREDENTIALS_V2, DALEL_V1, language_values, schema_url
from issuer.models import Accreditation, Institution
from issuer.setup import MINISTRY_SLUG
from keys.dataintegrity import add_proof
from keys.did import institution_did
from keys.service import active_signer

VALIDITY = timedelta(days=30)
_cache: dict[str, tuple[str, datetime, dict[str, Any]]] = {}
_lock = threading.Lock()


def _accreditation(a: Accreditation) -> dict[str, Any]:
    """One accreditation. A null member (no programme, open-ended) is omitted, not null:
    Dalel's safe-mode JSON-LD refuses to sign nulls; readers treat absent as null."""
    item: dict[str, Any] = {"agency": a.agency, "scope": a.scope}
    if a.programme_code:
        item["programme"] = a.programme_code
    item["validFrom"] = a.valid_from.isoformat()
    if a.valid_until:
        item["validUntil"] = a.valid_until.isoformat()
    return item


def trust_list_entries(session: Session) -> list[dict[str, Any]]:
    entries = []
    for inst in session.exec(select(Institution).order_by(Institution.slug)):
        accreditations = session.exec(
            select(Accreditation).where(Accreditation.institution_id == inst.id).order_by(col(Accreditation.id))
        )
        entries.append(
            {
                "id": inst.did,
                "name": language_values(inst.names()),
                "country": inst.country,
                "accreditations": [_accreditation(a) for a in accreditations],
            }
        )
    return entries


def build_trust_list(session: Session, public_url: str, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    base = public_url.rstrip("/")
    return {
        "@context": [CREDENTIALS_V2, DALEL_V1],
        "id": f"{base}/trust-list",
        "type": ["VerifiableCredential", "DalelTrustListCredential"],
        "issuer": institution_did(public_url, MINISTRY_SLUG),
        "validFrom": format_datetime(now),
        "validUntil": format_datetime(now + VALIDITY),
        "credentialSubject": {
            "id": f"{base}/trust-list",
            "type": "DalelTrustList",
            "jurisdiction": "KZ",
            "entries": trust_list_entries(session),
        },
        "credentialSchema": [{"id": schema_url(public_url, "trust-list"), "type": "JsonSchema"}],
    }


def signed_trust_list(session: Session, keystore: Any, public_url: str) -> dict[str, Any]:
    """The signed trust list; re-signed when its entries change or a day before it expires."""
    entries = trust_list_entries(session)
    signer = active_signer(session, keystore, MINISTRY_SLUG, public_url)
    fingerprint = hashlib.sha256(rfc8785.dumps([signer.verification_method, entries])).hexdigest()
    now = utcnow()
    with _lock:
        cached = _cache.get(public_url)
        if cached and cached[0] == fingerprint and cached[1] - now > timedelta(days=1):
            return cached[2]
    document = build_trust_list(session, public_url, now)
    signed = add_proof(document, signer, cryptosuite="eddsa-rdfc-2022")
    with _lock:
        _cache[public_url] = (fingerprint, now + VALIDITY, signed)
    return signed
