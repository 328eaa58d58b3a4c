"""Public keys as JSON Web Keys (RFC 7517) for JOSE: ``OKP``/``Ed25519`` (RFC 8037) and
``EC``/``P-256`` (RFC 7518 §6.2). Only public keys: a JWK carrying ``d`` is refused."""

from __future__ import annotations

import base64
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from keys.multikey import Algorithm, decode_multikey, encode_multikey

__all__ = [
    "JwkError",
    "public_key_to_jwk",
    "jwk_to_public_key",
    "multikey_to_jwk",
    "jwk_to_multikey",
]


class JwkError(ValueError):
    """A JWK that is not a supported public key."""


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(value: object, name: str) -> bytes:
    if not isinstance(value, str) or not value or "=" in value:
        raise JwkError(f"JWK member {name!r} must be base64url without padding")
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except ValueError:
        raise JwkError(f"JWK member {name!r} is not base64url") from None


def public_key_to_jwk(algorithm: Algorithm, raw_public_key: bytes) -> dict[str, str]:
    """The public JWK of a raw public key (P-256 raw = SEC1 compressed, 33 bytes)."""
    if algorithm == "Ed25519":
        if len(raw_public_key) != 32:
            raise JwkError("Ed25519 public key must be 32 bytes")
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw_public_key)}
    if algorithm == "P-256":
        try:
            point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw_public_key)
        except ValueError:
            raise JwkError("not a valid P-256 public key") from None
        numbers = point.public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": _b64url(numbers.x.to_bytes(32, "big")),
            "y": _b64url(numbers.y.to_bytes(32, "big")),
        }
    raise JwkError(f"unsupported algorithm {algorithm!r}")


def jwk_to_public_key(jwk: Any) -> tuple[Algorithm, bytes]:
    """(algorithm, raw public key) from a public JWK; raises :class:`JwkError`."""
    if not isinstance(jwk, dict):
        raise JwkError("JWK must be a JSON object")
    if "d" in jwk:
        raise JwkError("JWK contains private key material ('d')")
    kty, crv = jwk.get("kty"), jwk.get("crv")
    if kty == "OKP" and crv == "Ed25519":
        raw = _b64url_decode(jwk.get("x"), "x")
        if len(raw) != 32:
            raise JwkError("Ed25519 'x' must be 32 bytes")
        return "Ed25519", raw
    if kty == "EC" and crv == "P-256":
        x = _b64url_decode(jwk.get("x"), "x")
        y = _b64url_decode(jwk.get("y"), "y")
        if len(x) != 32 or len(y) != 32:
            raise JwkError("P-256 'x' and 'y' must be 32 bytes each")
        try:
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b"\x04" + x + y)
        except ValueError:
            raise JwkError("P-256 point is not on the curve") from None
        return "P-256", key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    raise JwkError(f"unsupported JWK key type kty={kty!r} crv={crv!r}")


def multikey_to_jwk(public_key_multibase: str) -> dict[str, str]:
    return public_key_to_jwk(*decode_multikey(public_key_multibase))


def jwk_to_multikey(jwk: Any) -> str:
    return encode_multikey(*jwk_to_public_key(jwk))
