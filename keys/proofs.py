"""The safe surface for securing credentials: what the issuer, the verifier and wallet
export call. Byte-level details stay in :mod:`keys.dataintegrity`, :mod:`keys.jose` and
:mod:`keys.jsonld`.

    signed = sign(credential, signer)                     # eddsa-rdfc-2022 by default
    results = verify(signed, resolve_key)                 # list[ProofResult], one per proof
    ok = all_valid(results)

    token = sign(credential, signer, cryptosuite="vc+jwt")  # VC-JOSE (compact JWS)
    results = verify(token, resolve_key)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from keys.dataintegrity import (
    SUPPORTED_CRYPTOSUITES as DATA_INTEGRITY_CRYPTOSUITES,
)
from keys.dataintegrity import (
    VERIFY_ONLY_SUITES,
    ProofResult,
    SigningError,
    add_proof,
    verify_proofs,
)
from keys.jose import VC_JWT, sign_vc_jwt, verify_vc_jwt
from keys.jsonld import JsonLdError, canonize, expand
from keys.signer import KeyResolver, Signer

DEFAULT_CRYPTOSUITE = "eddsa-rdfc-2022"
SUPPORTED_CRYPTOSUITES: tuple[str, ...] = DATA_INTEGRITY_CRYPTOSUITES
"""Data Integrity cryptosuites Dalel signs with (``vc+jwt`` selects VC-JOSE instead)."""
SUPPORTED_FORMATS: tuple[str, ...] = (*DATA_INTEGRITY_CRYPTOSUITES, VC_JWT)

__all__ = [
    "DEFAULT_CRYPTOSUITE",
    "SUPPORTED_CRYPTOSUITES",
    "SUPPORTED_FORMATS",
    "VERIFY_ONLY_SUITES",
    "JsonLdError",
    "ProofResult",
    "SigningError",
    "all_valid",
    "canonize",
    "expand",
    "sign",
    "verify",
    "verify_jwt",
]


def sign(
    document: dict[str, Any],
    signer: Signer,
    cryptosuite: str = DEFAULT_CRYPTOSUITE,
    *,
    created: datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
    challenge: str | None = None,
    domain: str | list[str] | None = None,
) -> Any:
    """A signed copy of `document` (a dict with a proof added), or for ``cryptosuite="vc+jwt"``
    a compact JWS string. Raises SigningError (``.code``) for what cannot be signed."""
    if cryptosuite == VC_JWT:
        return sign_vc_jwt(document, signer, iat=created if isinstance(created, datetime) else True)
    return add_proof(
        document,
        signer,
        cryptosuite=cryptosuite,
        created=created,
        proof_purpose=proof_purpose,
        challenge=challenge,
        domain=domain,
    )


def verify(
    document: Any,
    resolve_key: KeyResolver,
    *,
    expected_purpose: str | None = "assertionMethod",
    challenge: str | None = None,
    domain: str | list[str] | None = None,
    now: datetime | None = None,
    strict_contexts: bool = False,
) -> list[ProofResult]:
    """One ProofResult per proof of a JSON credential or presentation, or one for a VC-JWT
    string. Never raises; an empty proof gives a single failed ``no_proof`` result."""
    if isinstance(document, str):
        _credential, result = verify_vc_jwt(document.strip(), resolve_key, now=now)
        return [result]
    return verify_proofs(
        document,
        resolve_key,
        expected_purpose=expected_purpose,
        challenge=challenge,
        domain=domain,
        now=now,
        strict_contexts=strict_contexts,
    )


def verify_jwt(token: str, resolve_key: KeyResolver, *, now: datetime | None = None):
    """(credential or None, ProofResult) for a VC-JWT."""
    return verify_vc_jwt(token, resolve_key, now=now)


def all_valid(results: list[ProofResult]) -> bool:
    """True when there is at least one result and every one is ok."""
    return bool(results) and all(r.ok for r in results)
