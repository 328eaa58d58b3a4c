"""VC-JOSE-COSE: a VC 2.0 credential secured as a compact JWS (``application/vc+jwt``).

The JWS payload is the credential itself; the protected header is
``{"alg": "EdDSA"|"ES256", "typ": "vc+jwt", "cty": "vc", "kid": <DID URL of the key>}``.
``iat`` (seconds) is added by default so that a verifier can tell a signature made before a
key's retirement from one made after it.

Verification (PyJWT's EdDSA and ES256 algorithm implementations; segments are parsed here,
strictly, once) accepts only EdDSA with an Ed25519 key and ES256 with a P-256 key:
never ``none``, HMAC or any other algorithm; ``kid`` must be a DID URL that resolves to a key
controlled by the credential's issuer; ``iss``, if present, must equal the issuer.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import UTC, datetime
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from keys import jsonld
from keys.dataintegrity import (
    CONTROLLER_MISMATCH,
    INVALID_SIGNATURE,
    KEY_EXPIRED,
    KEY_NOT_FOUND,
    KEY_REVOKED,
    KEY_TYPE_MISMATCH,
    KEY_UNREACHABLE,
    MALFORMED_PROOF,
    OK,
    PROOF_EXPIRED,
    ProofResult,
    SigningError,
    format_datetime,
    issuer_id,
)
from keys.signer import KeyResolutionError, KeyResolver, PublicKey, Signer

VC_JWT = "vc+jwt"
MEDIA_TYPE = "application/vc+jwt"
UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
ISS_MISMATCH = "iss_mismatch"
NOT_YET_VALID = "not_yet_valid"

_ALG_FOR_KEY = {"Ed25519": "EdDSA", "P-256": "ES256"}
_KEY_FOR_ALG = {"EdDSA": "Ed25519", "ES256": "P-256"}
_ALGORITHMS = {name: jwt.get_algorithm_by_name(name) for name in _KEY_FOR_ALG}
_MAX_TOKEN = 1024 * 1024
_COMPACT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")


def _b64url_decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_vc_jwt(
    credential: dict[str, Any], signer: Signer, *, iat: datetime | bool = True, iss: bool = False
) -> str:
    """The compact JWS of `credential` signed by `signer` (EdDSA for Ed25519, ES256 for
    P-256). `iat`: True for now, a datetime, or False for none; `iss=True` adds the issuer."""
    if not isinstance(credential, dict):
        raise SigningError("invalid_document", "the credential must be a JSON object")
    try:
        jsonld.check_structure(credential)
    except jsonld.JsonLdError as exc:
        raise SigningError(exc.code, str(exc), detail=exc.detail) from None
    alg = _ALG_FOR_KEY.get(signer.algorithm)
    if alg is None:
        raise SigningError(KEY_TYPE_MISMATCH, f"no JOSE algorithm for a {signer.algorithm} key")
    header = {"alg": alg, "typ": VC_JWT, "cty": "vc", "kid": signer.verification_method}
    payload = dict(credential)
    if iat:
        moment = iat if isinstance(iat, datetime) else datetime.now(UTC)
        payload["iat"] = int(moment.timestamp())
    if iss:
        issuer = issuer_id(credential)
        if issuer is None:
            raise SigningError("invalid_document", "the credential has no issuer")
        payload["iss"] = issuer
    signing_input = (
        _b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    )
    signature = signer.sign(signing_input.encode("ascii"))
    return signing_input + "." + _b64url(signature)


def _crypto_key(key: PublicKey) -> Any:
    if key.algorithm == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(key.raw)
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), key.raw)


def _strip_claims(payload: dict[str, Any]) -> dict[str, Any]:
    """The credential: the payload without the JWT claims Dalel adds (iat, iss)."""
    return {k: v for k, v in payload.items() if k not in ("iat", "iss", "exp", "nbf")}


def verify_vc_jwt(
    token: Any, resolve_key: KeyResolver, *, now: datetime | None = None
) -> tuple[dict[str, Any] | None, ProofResult]:
    """(credential, result): the credential (payload without JWT claims) when the JWS is
    valid, else None; never raises on malformed input."""
    info: dict[str, Any] = {"cryptosuite": None, "verification_method": None, "created": None}
    try:
        return _verify(token, resolve_key, now or datetime.now(UTC), info)
    except Exception as exc:  # a verifier never raises
        return None, ProofResult(
            False, MALFORMED_PROOF, message=f"unverifiable token: {type(exc).__name__}", **info
        )


def _fail(code: str, message: str, info: dict[str, Any], **extra: Any) -> tuple[None, ProofResult]:
    return None, ProofResult(False, code, message=message, **info, **extra)


def _verify(token: Any, resolve_key: KeyResolver, now: datetime, info: dict[str, Any]):
    if not isinstance(token, str) or len(token) > _MAX_TOKEN or not _COMPACT.match(token):
        return _fail(MALFORMED_PROOF, "not a compact JWS", info)
    header_segment, payload_segment, signature_segment = token.split(".")
    try:
        header = json.loads(_b64url_decode(header_segment))
        signature = _b64url_decode(signature_segment)
    except (ValueError, binascii.Error, RecursionError):
        return _fail(MALFORMED_PROOF, "the JWS header cannot be decoded", info)
    if not isinstance(header, dict):
        return _fail(MALFORMED_PROOF, "the JWS header is not a JSON object", info)
    alg = header.get("alg")
    info["cryptosuite"] = f"jose-{alg}" if isinstance(alg, str) else None
    if alg not in _KEY_FOR_ALG:
        return _fail(
            UNSUPPORTED_ALGORITHM, f"JWS algorithm {alg!r} is not accepted (EdDSA or ES256 only)", info
        )
    typ = header.get("typ")
    if typ is not None and typ not in (VC_JWT, MEDIA_TYPE):
        return _fail(MALFORMED_PROOF, f"typ {typ!r} is not vc+jwt", info)
    if "crit" in header or header.get("b64") is False:
        return _fail(MALFORMED_PROOF, "critical or unencoded-payload JWS headers are not supported", info)
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid.startswith("did:") or "#" not in kid:
        return _fail(MALFORMED_PROOF, "kid must be the DID URL of the signing key", info)
    info["verification_method"] = kid

    try:
        key = resolve_key(kid)
    except KeyResolutionError as exc:
        code = KEY_UNREACHABLE if exc.unreachable else (exc.code or KEY_NOT_FOUND)
        return _fail(code, str(exc) or "the key could not be resolved", info)
    except Exception as exc:
        return _fail(KEY_UNREACHABLE, f"key resolution failed: {type(exc).__name__}", info)
    if not isinstance(key, PublicKey) or key.id != kid:
        return _fail(KEY_NOT_FOUND, "kid did not resolve to that verification method", info)
    if _KEY_FOR_ALG[alg] != key.algorithm:
        return _fail(KEY_TYPE_MISMATCH, f"alg {alg} does not fit a {key.algorithm} key", info)

    # the signature check is PyJWT's algorithm implementation (ES256: raw r||s as in RFC 7518)
    algorithm = _ALGORITHMS[alg]
    signing_input = f"{header_segment}.{payload_segment}".encode("ascii")
    if not algorithm.verify(signing_input, algorithm.prepare_key(_crypto_key(key)), signature):
        return _fail(INVALID_SIGNATURE, "the JWS signature is invalid", info)
    try:
        payload = json.loads(_b64url_decode(payload_segment))
    except (ValueError, binascii.Error, RecursionError):
        return _fail(MALFORMED_PROOF, "the JWS payload is not JSON", info)
    if not isinstance(payload, dict):
        return _fail(MALFORMED_PROOF, "the JWS payload is not a credential object", info)

    created = None
    iat = payload.get("iat")
    if iat is not None:
        if isinstance(iat, bool) or not isinstance(iat, int | float):
            return _fail(MALFORMED_PROOF, "iat is not a number", info)
        created = datetime.fromtimestamp(iat, UTC)
        info["created"] = format_datetime(created)
    for claim in ("exp", "nbf"):
        value = payload.get(claim)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            return _fail(MALFORMED_PROOF, f"{claim} is not a number", info)
    if isinstance(payload.get("exp"), int | float) and payload["exp"] < now.timestamp():
        return _fail(PROOF_EXPIRED, "the token has expired", info)
    if isinstance(payload.get("nbf"), int | float) and payload["nbf"] > now.timestamp():
        return _fail(NOT_YET_VALID, "the token is not valid yet", info)

    issuer = issuer_id(payload)
    if "iss" in payload and payload["iss"] != issuer:
        return _fail(ISS_MISMATCH, "iss does not equal the credential's issuer", info)
    if issuer is None or key.controller != issuer:
        return _fail(
            CONTROLLER_MISMATCH,
            "the signing key is not controlled by the issuer",
            info,
            controller=key.controller,
        )
    if key.revoked is not None and (created is None or created >= key.revoked):
        return _fail(KEY_REVOKED, "the key was revoked (compromised) when the token was signed", info)
    if key.expires is not None and (created is None or created > key.expires):
        return _fail(KEY_EXPIRED, "the key was retired before the token was signed", info)
    return _strip_claims(payload), ProofResult(
        True, OK, message="the signature is valid", controller=key.controller, **info
    )
