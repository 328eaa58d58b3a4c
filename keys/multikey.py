"""Multibase / multicodec encodings of public keys (W3C Controlled Identifiers, Multikey).

``publicKeyMultibase`` = ``z`` + base58btc(multicodec varint prefix + raw key):
``0xed01`` Ed25519 (32 bytes, ``z6Mk…``), ``0x1200`` P-256 compressed (33 bytes, ``zDn…``).
"""

from __future__ import annotations

from typing import Literal

import base58

Algorithm = Literal["Ed25519", "P-256"]

ED25519_PREFIX = b"\xed\x01"
P256_PREFIX = b"\x80\x24"  # varint of 0x1200
_PREFIXES: dict[str, bytes] = {"Ed25519": ED25519_PREFIX, "P-256": P256_PREFIX}
_LENGTHS: dict[str, int] = {"Ed25519": 32, "P-256": 33}


class MultikeyError(ValueError):
    """A multibase or multikey value that cannot be decoded."""


def base58btc_encode(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def base58btc_decode(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2:
        raise MultikeyError("not a multibase base58btc value (must start with 'z')")
    try:
        return base58.b58decode(value[1:])
    except ValueError as exc:
        raise MultikeyError(f"invalid base58btc: {exc}") from None


def encode_multikey(algorithm: Algorithm, raw_public_key: bytes) -> str:
    """``publicKeyMultibase`` for a raw public key (P-256 must be SEC1 compressed)."""
    if algorithm not in _PREFIXES:
        raise MultikeyError(f"unsupported algorithm {algorithm!r}")
    if len(raw_public_key) != _LENGTHS[algorithm]:
        raise MultikeyError(f"{algorithm} public key must be {_LENGTHS[algorithm]} bytes")
    return base58btc_encode(_PREFIXES[algorithm] + raw_public_key)


def decode_multikey(public_key_multibase: str) -> tuple[Algorithm, bytes]:
    """(algorithm, raw public key) from a ``publicKeyMultibase`` value."""
    data = base58btc_decode(public_key_multibase)
    for algorithm, prefix in _PREFIXES.items():
        if data.startswith(prefix):
            raw = data[len(prefix) :]
            if len(raw) != _LENGTHS[algorithm]:
                raise MultikeyError(f"{algorithm} key has {len(raw)} bytes, expected {_LENGTHS[algorithm]}")
            return algorithm, raw  # type: ignore[return-value]
    raise MultikeyError("unsupported multicodec key type")
