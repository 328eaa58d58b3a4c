"""Known-answer vectors from the did:key, Controlled Identifiers (Multikey), Data Integrity
EdDSA/ECDSA and RFC 8037 texts, and did:web identifier rules."""

from __future__ import annotations

import base64

import base58
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from keys.did import (
    DidError,
    did_key,
    did_key_document,
    did_key_from_multibase,
    did_web,
    did_web_url,
    institution_did,
)
from keys.jwk import JwkError, jwk_to_multikey, jwk_to_public_key, multikey_to_jwk, public_key_to_jwk
from keys.keystore import _KeystoreSigner
from keys.multikey import decode_multikey, encode_multikey
from keys.signer import verify_with_multikey

# did:key spec, "Create" example (Ed25519)
SPEC_DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
SPEC_VM = SPEC_DID + "#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
# did:key spec test vectors and the CID "Multikey Examples"
ED25519_VECTOR = "z6Mkf5rGMoatrSj1f4CyvuHBeXJELe9RPdzo2PKGNCKVtZxP"
P256_VECTOR = "zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv"
CID_ED25519_EXAMPLE = "z6MkmM42vxfqZQsv4ehtTjFFxQ4sQKS2w6WR7emozFAn5cxu"
# vc-di-eddsa TestVectors/keyPair.json and eddsa-rdfc-2022 combinedHash/sigHex
EDDSA_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
EDDSA_SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
EDDSA_COMBINED_HASH = (
    "bea7b7acfbad0126b135104024a5f1733e705108f42d59668b05c0c50004c6b0"
    "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"
)
EDDSA_SIGNATURE = (
    "4d8e53c2d5b3f2a7891753eb16ca993325bdb0d3cfc5be1093d0a18426f5ef85"
    "78cadc0fd4b5f4dd0d1ce0aefd15ab120b7a894d0eb094ffda4e6553cd1ed50d"
)
# vc-di-ecdsa TestVectors/p256KeyPair.json
ECDSA_PUBLIC = "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP"
ECDSA_SECRET = "z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN"


def b64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_did_key_document_matches_the_spec_example():
    doc = did_key_document(SPEC_DID)
    assert doc["id"] == SPEC_DID
    assert doc["verificationMethod"] == [
        {
            "id": SPEC_VM,
            "type": "Multikey",
            "controller": SPEC_DID,
            "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        }
    ]
    for relationship in ("authentication", "assertionMethod", "capabilityDelegation", "capabilityInvocation"):
        assert doc[relationship] == [SPEC_VM]
    assert doc["@context"][0] == "https://www.w3.org/ns/did/v1"


@pytest.mark.parametrize(
    ("multibase", "algorithm", "length"),
    [(ED25519_VECTOR, "Ed25519", 32), (CID_ED25519_EXAMPLE, "Ed25519", 32), (P256_VECTOR, "P-256", 33)],
)
def test_spec_multikeys_decode_and_reencode(multibase, algorithm, length):
    alg, raw = decode_multikey(multibase)
    assert (alg, len(raw)) == (algorithm, length)
    assert encode_multikey(alg, raw) == multibase
    assert did_key(alg, raw) == "did:key:" + multibase
    assert did_key_from_multibase(multibase) == "did:key:" + multibase
    # the P-256 vector is a point on the curve: it survives a JWK round trip (decompression)
    assert jwk_to_multikey(multikey_to_jwk(multibase)) == multibase


def test_p256_did_key_vector_document():
    doc = did_key_document("did:key:" + P256_VECTOR)
    assert doc["verificationMethod"][0]["id"] == f"did:key:{P256_VECTOR}#{P256_VECTOR}"
    assert doc["verificationMethod"][0]["publicKeyMultibase"] == P256_VECTOR


def test_eddsa_spec_key_pair_and_signature_through_our_signer():
    secret = base58.b58decode(EDDSA_SECRET[1:])
    assert secret[:2] == b"\x80\x26"  # multicodec ed25519-priv
    private = ed25519.Ed25519PrivateKey.from_private_bytes(secret[2:])
    signer = _KeystoreSigner(private, "did:example:issuer#key-1")
    assert signer.algorithm == "Ed25519"
    assert signer.public_key_multibase == EDDSA_PUBLIC
    data = bytes.fromhex(EDDSA_COMBINED_HASH)
    assert signer.sign(data).hex() == EDDSA_SIGNATURE
    assert verify_with_multikey(EDDSA_PUBLIC, data, bytes.fromhex(EDDSA_SIGNATURE))
    assert not verify_with_multikey(EDDSA_PUBLIC, data[:-1] + b"\x00", bytes.fromhex(EDDSA_SIGNATURE))


def test_ecdsa_spec_key_pair_through_our_signer():
    secret = base58.b58decode(ECDSA_SECRET[1:])
    assert secret[:2] == b"\x86\x26"  # multicodec p256-priv
    private = ec.derive_private_key(int.from_bytes(secret[2:], "big"), ec.SECP256R1())
    signer = _KeystoreSigner(private, "did:example:issuer#key-2")
    assert signer.algorithm == "P-256"
    assert signer.public_key_multibase == ECDSA_PUBLIC
    signature = signer.sign(b"diploma")
    assert len(signature) == 64  # raw r || s
    assert verify_with_multikey(ECDSA_PUBLIC, b"diploma", signature)
    assert not verify_with_multikey(ECDSA_PUBLIC, b"diplomA", signature)


def test_rfc8037_ed25519_jwk_and_signature():
    # RFC 8037 Appendix A.1-A.4
    x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    private = ed25519.Ed25519PrivateKey.from_private_bytes(b64u("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"))
    signer = _KeystoreSigner(private, "did:example:issuer#key-1")
    assert multikey_to_jwk(signer.public_key_multibase) == {"kty": "OKP", "crv": "Ed25519", "x": x}
    signature = signer.sign(b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc")
    assert signature == b64u("hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")


def test_p256_jwk_round_trip_rfc7517_example():
    jwk = {
        "kty": "EC",
        "crv": "P-256",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    }
    algorithm, raw = jwk_to_public_key(jwk)
    assert algorithm == "P-256" and len(raw) == 33 and raw[0] in (2, 3)
    assert public_key_to_jwk(algorithm, raw) == jwk
    assert jwk_to_multikey(jwk).startswith("zDn")


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "d": "secret"},
        {"kty": "OKP", "crv": "X25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
        {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"},
        {"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "A" * 43},
        {"kty": "RSA", "n": "x", "e": "AQAB"},
        "not a jwk",
    ],
)
def test_bad_jwks_are_refused(jwk):
    with pytest.raises(JwkError):
        jwk_to_public_key(jwk)


@pytest.mark.parametrize(
    ("public_url", "segments", "did"),
    [
        ("https://w3c-ccg.github.io", [], "did:web:w3c-ccg.github.io"),
        ("https://w3c-ccg.github.io", ["user", "alice"], "did:web:w3c-ccg.github.io:user:alice"),
        ("https://example.com:3000", [], "did:web:example.com%3A3000"),
        ("https://Uni.Example.KZ:443/", ["institutions", "demo"], "did:web:uni.example.kz:institutions:demo"),
        ("https://uni.kz/dalel/", ["institutions", "demo"], "did:web:uni.kz:dalel:institutions:demo"),
        ("http://localhost:8000", ["institutions", "demo"], "did:web:localhost%3A8000:institutions:demo"),
    ],
)
def test_did_web_from_public_url(public_url, segments, did):
    assert did_web(public_url, segments) == did


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"),
        ("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
        ("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"),
        ("did:web:uni.kz%3a8443:institutions:demo", "https://uni.kz:8443/institutions/demo/did.json"),
    ],
)
def test_did_web_resolution_urls(did, url):
    assert did_web_url(did) == url


def test_institution_did_and_localhost_http_only_when_allowed():
    did = institution_did("http://localhost:8000", "demo")
    assert did == "did:web:localhost%3A8000:institutions:demo"
    assert did_web_url(did) == "https://localhost:8000/institutions/demo/did.json"
    assert did_web_url(did, allow_http_localhost=True) == "http://localhost:8000/institutions/demo/did.json"
    assert did_web_url("did:web:uni.kz", allow_http_localhost=True) == "https://uni.kz/.well-known/did.json"
    local_ip = "did:web:127.0.0.1%3A8000:institutions:demo"
    assert did_web_url(local_ip, allow_http_localhost=True) == "http://127.0.0.1:8000/institutions/demo/did.json"
    with pytest.raises(DidError):
        did_web_url(local_ip)


@pytest.mark.parametrize(
    "did",
    [
        "did:web:",
        "did:web:10.0.0.1",
        "did:web:uni.kz:..:admin",
        "did:web:uni.kz:a%2Fb",
        "did:web:user@uni.kz",
        "did:web:uni.kz#key-1",
        "did:web:uni_kz",
        "did:web:uni.kz%3A99999",
        "did:key:z6Mk",
        "https://uni.kz",
    ],
)
def test_malformed_did_web_is_refused(did):
    with pytest.raises(DidError):
        did_web_url(did)


@pytest.mark.parametrize("did", ["did:key:", "did:key:abc", "did:key:z6MkBAD", "did:key:2:" + ED25519_VECTOR])
def test_malformed_did_key_is_refused(did):
    with pytest.raises(DidError):
        did_key_document(did)
