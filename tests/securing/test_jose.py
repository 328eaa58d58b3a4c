"""VC-JOSE: compact JWS credentials, and the attacks a JWT verifier must refuse."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from keys import dataintegrity as di
from keys import jose, proofs
from tests.securing.test_dataintegrity import ISSUER, diploma
from tests.support.securing import Resolver, ed25519_signer, p256_signer


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def parts(token):
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


def forge(header: dict, payload: dict, signature: bytes = b"") -> str:
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(payload).encode())
    return head + "." + b64(signature)


@pytest.mark.parametrize(("factory", "alg"), [(ed25519_signer, "EdDSA"), (p256_signer, "ES256")])
def test_round_trip(factory, alg):
    signer = factory(ISSUER)
    credential = diploma()
    token = jose.sign_vc_jwt(credential, signer)
    header, payload, _ = parts(token)
    assert header == {"alg": alg, "typ": "vc+jwt", "cty": "vc", "kid": signer.verification_method}
    assert {k: v for k, v in payload.items() if k != "iat"} == credential
    verified, result = jose.verify_vc_jwt(token, Resolver([signer.public_key()]))
    assert result.ok and result.code == "ok" and result.verification_method == signer.verification_method
    assert verified == credential
    assert result.created is not None


def test_pyjwt_agrees_with_the_token():
    signer = ed25519_signer(ISSUER)
    token = jose.sign_vc_jwt(diploma(), signer, iss=True)
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PublicKey.from_public_bytes(signer.public_raw)
    claims = jwt.decode(token, key, algorithms=["EdDSA"])
    assert claims["iss"] == ISSUER and claims["issuer"]["id"] == ISSUER


def test_alg_none_is_refused():
    signer = ed25519_signer(ISSUER)
    token = forge({"alg": "none", "typ": "vc+jwt", "kid": signer.verification_method}, diploma())
    credential, result = jose.verify_vc_jwt(token, Resolver([signer.public_key()]))
    assert credential is None and result.code == jose.UNSUPPORTED_ALGORITHM


def test_hmac_with_the_public_key_as_secret_is_refused():
    signer = ed25519_signer(ISSUER)
    header = {"alg": "HS256", "typ": "vc+jwt", "kid": signer.verification_method}
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(diploma()).encode())
    mac = hmac.new(signer.public_key_multibase.encode(), head.encode(), hashlib.sha256).digest()
    credential, result = jose.verify_vc_jwt(head + "." + b64(mac), Resolver([signer.public_key()]))
    assert credential is None and result.code == jose.UNSUPPORTED_ALGORITHM


@pytest.mark.parametrize("alg", ["RS256", "ES384", "PS256", "HS512", "EdDSA ", ""])
def test_other_algorithms_are_refused(alg):
    signer = ed25519_signer(ISSUER)
    token = forge({"alg": alg, "kid": signer.verification_method}, diploma(), b"x" * 64)
    assert jose.verify_vc_jwt(token, Resolver([signer.public_key()]))[1].code == jose.UNSUPPORTED_ALGORITHM


def test_alg_that_does_not_fit_the_key_is_refused():
    ed = ed25519_signer(ISSUER)
    token = jose.sign_vc_jwt(diploma(), ed)
    header, payload, signature = token.split(".")
    es_header = b64(json.dumps({"alg": "ES256", "typ": "vc+jwt", "kid": ed.verification_method}).encode())
    _, result = jose.verify_vc_jwt(f"{es_header}.{payload}.{signature}", Resolver([ed.public_key()]))
    assert result.code == di.KEY_TYPE_MISMATCH


def test_iss_must_equal_issuer():
    signer = ed25519_signer(ISSUER)
    credential = diploma()
    token = jose.sign_vc_jwt({**credential, "iss": "did:web:evil.example"}, signer)
    _, result = jose.verify_vc_jwt(token, Resolver([signer.public_key()]))
    assert result.code == jose.ISS_MISMATCH
    token = jose.sign_vc_jwt(credential, signer, iss=True)
    assert jose.verify_vc_jwt(token, Resolver([signer.public_key()]))[1].ok


def test_key_must_belong_to_the_issuer():
    signer = ed25519_signer("did:web:other.example")
    token = jose.sign_vc_jwt(diploma(), signer)
    assert jose.verify_vc_jwt(token, Resolver([signer.public_key()]))[1].code == di.CONTROLLER_MISMATCH


def test_tampered_payload_fails():
    signer = p256_signer(ISSUER)
    token = jose.sign_vc_jwt(diploma(), signer)
    header, payload, signature = token.split(".")
    doc = parts(token)[1]
    doc["name"] = "Магистр дипломы"
    forged = f"{header}.{b64(json.dumps(doc).encode())}.{signature}"
    assert jose.verify_vc_jwt(forged, Resolver([signer.public_key()]))[1].code == di.INVALID_SIGNATURE


def test_kid_must_be_a_did_url():
    signer = ed25519_signer(ISSUER)
    for kid in (None, "key-1", "https://university.example/keys/1", "did:web:university.example"):
        header = {"alg": "EdDSA", "typ": "vc+jwt"} | ({"kid": kid} if kid else {})
        head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(diploma()).encode())
        token = head + "." + b64(signer.sign(head.encode()))
        assert jose.verify_vc_jwt(token, Resolver([signer.public_key()]))[1].code == di.MALFORMED_PROOF


def test_revoked_key_and_iat():
    signer = ed25519_signer(ISSUER)
    signed_at = datetime(2024, 7, 1, tzinfo=UTC)
    token = jose.sign_vc_jwt(diploma(), signer, iat=signed_at)
    later = Resolver([signer.public_key(revoked=signed_at + timedelta(days=1))])
    assert jose.verify_vc_jwt(token, later)[1].ok
    earlier = Resolver([signer.public_key(revoked=signed_at - timedelta(days=1))])
    assert jose.verify_vc_jwt(token, earlier)[1].code == di.KEY_REVOKED
    no_iat = jose.sign_vc_jwt(diploma(), signer, iat=False)
    assert jose.verify_vc_jwt(no_iat, later)[1].code == di.KEY_REVOKED  # cannot tell when it was signed


def test_expired_token_fails():
    signer = ed25519_signer(ISSUER)
    token = jose.sign_vc_jwt({**diploma(), "exp": 1_000_000_000}, signer)
    assert jose.verify_vc_jwt(token, Resolver([signer.public_key()]))[1].code == di.PROOF_EXPIRED


@pytest.mark.parametrize(
    "junk",
    [
        None,
        5,
        "",
        "a.b",
        "a.b.c",
        "....",
        "e30.e30.",
        "eyJhbGciOiJFZERTQSJ9.!!!.???",
        "x" * 100,
        {"token": 1},
    ],
)
def test_garbage_never_raises(junk):
    credential, result = jose.verify_vc_jwt(junk, Resolver(did_key=True))
    assert credential is None and not result.ok


def test_facade_signs_and_verifies_both_forms():
    signer = ed25519_signer(ISSUER)
    resolver = Resolver([signer.public_key()])
    token = proofs.sign(diploma(), signer, "vc+jwt")
    assert isinstance(token, str) and proofs.all_valid(proofs.verify(token, resolver))
    signed = proofs.sign(diploma(), signer)
    assert signed["proof"]["cryptosuite"] == proofs.DEFAULT_CRYPTOSUITE
    assert proofs.all_valid(proofs.verify(signed, resolver))
    assert not proofs.all_valid([])
    assert set(proofs.SUPPORTED_CRYPTOSUITES) == {
        "eddsa-rdfc-2022",
        "eddsa-jcs-2022",
        "ecdsa-rdfc-2019",
        "ecdsa-jcs-2019",
    }
