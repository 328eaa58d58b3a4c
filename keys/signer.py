"""The signing surface callers hold, and raw signature verification.

A :class:`Signer` signs bytes with one private key that stays inside ``keys/``. Signatures
are raw: Ed25519 64 bytes; P-256 64 bytes ``r || s`` (IEEE P1363), the form Data Integrity
ECDSA suites and JWS ES256 use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from keys.multikey import Algorithm, decode_multikey


@runtime_checkable
class Signer(Protocol):
    @property
    def algorithm(self) -> Algorithm: ...

    @property
    def verification_method(self) -> str:
        """The DID URL of the key, e.g. ``did:web:host:institutions:demo#key-1``."""
        ...

    @property
    def public_key_multibase(self) -> str: ...

    def sign(self, data: bytes) -> bytes: ...


def verify_signature(algorithm: Algorithm, raw_public_key: bytes, data: bytes, signature: bytes) -> bool:
    """True iff `signature` over `data` is valid for the raw public key. Never raises on bad input."""
    try:
        if algorithm == "Ed25519":
            if len(signature) != 64:
                return False
            ed25519.Ed25519PublicKey.from_public_bytes(raw_public_key).verify(signature, data)
            return True
        if algorithm == "P-256":
            if len(signature) != 64:
                return False
            r = int.from_bytes(signature[:32], "big")
            s = int.from_bytes(signature[32:], "big")
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw_public_key)
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
            return True
    except (InvalidSignature, ValueError, TypeError):
        return False
    return False


def verify_with_multikey(public_key_multibase: str, data: bytes, signature: bytes) -> bool:
    algorithm, raw = decode_multikey(public_key_multibase)
    return verify_signature(algorithm, raw, data, signature)


class KeyResolutionError(Exception):
    """A verification method could not be resolved. `unreachable` is True when the resource
    could not be obtained (network, missing from the offline bundle): the verdict is then
    indeterminate, not invalid."""

    def __init__(self, message: str, *, unreachable: bool = False, code: str = "key_not_found") -> None:
        super().__init__(message)
        self.unreachable = unreachable
        self.code = code


@dataclass(frozen=True)
class PublicKey:
    """A resolved verification method: what a verifier holds instead of a private key."""

    id: str  # the verification method's DID URL
    controller: str  # the DID that controls it (must equal the credential's issuer)
    algorithm: Algorithm
    raw: bytes
    public_key_multibase: str
    revoked: datetime | None = None  # compromise time: proofs created at or after it fail
    expires: datetime | None = None  # ``expires`` of the method: proofs created at or after it fail

    def verify(self, data: bytes, signature: bytes) -> bool:
        return verify_signature(self.algorithm, self.raw, data, signature)

    def usable_at(self, created: datetime) -> str | None:
        """None if a proof whose ``created`` is `created` may be verified with this key, else
        the reason code: ``key_revoked`` (created at or after ``revoked``, the compromise time)
        or ``key_expired`` (created at or after ``expires``). A naive `created` is UTC."""
        created = created if created.tzinfo is not None else created.replace(tzinfo=UTC)
        if self.revoked is not None and created >= _aware(self.revoked):
            return "key_revoked"
        if self.expires is not None and created >= _aware(self.expires):
            return "key_expired"
        return None


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


KeyResolver = Callable[[str], PublicKey]
"""Maps a verification method DID URL to its :class:`PublicKey`; raises KeyResolutionError."""
