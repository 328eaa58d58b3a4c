"""Throwaway signers and did:key-style resolvers for the securing tests (no keystore)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from keys.multikey import base58btc_decode, decode_multikey, encode_multikey
from keys.signer import KeyResolutionError, PublicKey

VECTORS = Path(__file__).resolve().parent.parent / "securing" / "vectors"


def vector(name: str):
    text = (VECTORS / name).read_text("utf-8")
    return json.loads(text) if name.endswith(".json") else text


@dataclass
class TestSigner:
    """A Signer over an in-memory private key; `controller` is the DID the key belongs to."""

    __test__ = False
    private_key: object
    algorithm: str
    controller: str
    fragment: str | None = None
    calls: list[bytes] = field(default_factory=list)

    @property
    def public_raw(self) -> bytes:
        pub = self.private_key.public_key()
        if self.algorithm == "Ed25519":
            return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return pub.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)

    @property
    def public_key_multibase(self) -> str:
        return encode_multikey(self.algorithm, self.public_raw)

    @property
    def verification_method(self) -> str:
        return f"{self.controller}#{self.fragment or self.public_key_multibase}"

    def sign(self, data: bytes) -> bytes:
        self.calls.append(data)
        if self.algorithm == "Ed25519":
            return self.private_key.sign(data)
        der = self.private_key.sign(data, ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def public_key(self, *, revoked: datetime | None = None, expires: datetime | None = None) -> PublicKey:
        return PublicKey(
            id=self.verification_method,
            controller=self.controller,
            algorithm=self.algorithm,  # type: ignore[arg-type]
            raw=self.public_raw,
            public_key_multibase=self.public_key_multibase,
            revoked=revoked,
            expires=expires,
        )


def ed25519_signer(controller: str | None = None, *, seed: bytes | None = None, fragment: str | None = None):
    key = ed25519.Ed25519PrivateKey.from_private_bytes(seed) if seed else ed25519.Ed25519PrivateKey.generate()
    signer = TestSigner(key, "Ed25519", controller or "")
    if controller is None:  # did:key
        signer.controller = "did:key:" + signer.public_key_multibase
    return signer


def p256_signer(controller: str | None = None, *, fragment: str | None = None):
    signer = TestSigner(ec.generate_private_key(ec.SECP256R1()), "P-256", controller or "", fragment)
    if controller is None:
        signer.controller = "did:key:" + signer.public_key_multibase
    return signer


def ed25519_signer_from_multibase(private_key_multibase: str, controller: str | None = None):
    data = base58btc_decode(private_key_multibase)
    assert data[:2] == b"\x80\x26", "not an ed25519-priv multikey"
    return ed25519_signer(controller, seed=data[2:])


def did_key_public_key(vm: str, *, controller: str | None = None) -> PublicKey:
    """A did:key verification method resolved without a DID document."""
    did, _, fragment = vm.partition("#")
    if not did.startswith("did:key:z") or fragment != did[len("did:key:") :]:
        raise KeyResolutionError(f"not a did:key verification method: {vm}")
    algorithm, raw = decode_multikey(fragment)
    return PublicKey(vm, controller or did, algorithm, raw, fragment)


class Resolver:
    """Maps verification methods to keys; counts calls; optional did:key fallback."""

    def __init__(
        self, keys: Iterable[PublicKey] = (), *, did_key: bool = False, controller: str | None = None
    ):
        self.keys = {k.id: k for k in keys}
        self.did_key = did_key
        self.controller = controller
        self.calls = 0

    def __call__(self, vm: str) -> PublicKey:
        self.calls += 1
        if vm in self.keys:
            return self.keys[vm]
        if self.did_key:
            return did_key_public_key(vm, controller=self.controller)
        raise KeyResolutionError(f"unknown verification method {vm}")
