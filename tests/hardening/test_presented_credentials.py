"""Hostile presented credentials: verification never raises and does bounded work; signing
refuses them with a SigningError; safe-mode JSON-LD with a JsonLdError, never another
exception (a RecursionError, UnicodeEncodeError, OverflowError... was a 500 upstream)."""

from __future__ import annotations

import copy
import json

import pytest

from keys import jsonld, proofs
from keys.dataintegrity import MAX_PROOFS, SigningError, add_proof, verify_proofs
from keys.jose import sign_vc_jwt
from keys.jsonld import JsonLdError
from tests.support.securing import Resolver, ed25519_signer

ISSUER = "did:web:university.example"
V2 = jsonld.CREDENTIALS_V2


def credential(**subject) -> dict:
    return {
        "@context": [V2],
        "id": "urn:uuid:6c2c8d1e-5f3a-4b8e-9d0a-2f4b6c8d0e1f",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "validFrom": "2024-06-30T00:00:00Z",
        "credentialSubject": {"id": "did:example:graduate", **subject},
    }


def nested(depth: int, leaf=None, key: str = "name"):
    value = leaf if leaf is not None else "x"
    for _ in range(depth):
        value = {key: value}
    return value


@pytest.fixture(scope="module")
def signer():
    return ed25519_signer(ISSUER)


@pytest.fixture(scope="module")
def signed(signer):
    return add_proof(credential(name="Nurlan"), signer, created="2024-07-01T10:00:00Z")


def resolver(signer) -> Resolver:
    return Resolver([signer.public_key()])


def hostile_documents() -> list[tuple[str, object]]:
    deep_list: list = []
    cursor = deep_list
    for _ in range(3000):
        cursor.append([])
        cursor = cursor[0]
    context_bomb: dict = {}
    ctx = context_bomb
    for _ in range(200):  # property-scoped contexts inside property-scoped contexts
        ctx["name"] = {"@id": "https://example.org/name", "@context": {}}
        ctx = ctx["name"]["@context"]
    return [
        ("deeply nested object", credential(name=nested(5000))),
        ("deeply nested array", credential(name=deep_list)),
        ("huge array", credential(name=[f"x{i}" for i in range(25_000)])),
        ("fan-out of one property", credential(name=[f"x{i}" for i in range(5_000)])),
        ("fan-out through a repeated node id",
         {**credential(), "credentialSubject": [{"id": "did:example:g", "name": [f"{j}-{i}" for i in range(400)]}
                                                for j in range(10)]}),
        ("many small fan-outs", {**credential(), "credentialSubject": [
            {"id": f"did:example:g{j}", "name": [f"{j}-{i}" for i in range(900)]} for j in range(8)]}),
        ("repeated contexts", {**credential(), "@context": [V2] * 5000}),
        ("many inline contexts", {**credential(), "@context": [V2] + [{f"t{i}": f"https://ex.org/{i}"} for i in range(300)]}),
        ("scoped context bomb", {**credential(), "@context": [V2, context_bomb]}),
        ("remote context", {**credential(), "@context": [V2, "https://evil.example/context.jsonld"]}),
        ("remote import", {**credential(), "@context": [V2, {"@import": "https://evil.example/c"}]}),
        ("nested @graph", {**credential(), "@graph": [{"@graph": [{"@graph": [{"id": "did:x"}]}]}]}),
        ("@included", {**credential(), "@included": [{"id": "did:x", "name": "y"}]}),
        ("graph container", {**credential(name={"name": {"id": "did:x"}}),
                             "@context": [V2, {"@version": 1.1, "knows": {"@id": "https://ex.org/k", "@container": "@graph"}}]}),
        ("unpaired surrogate value", credential(name="\ud800")),
        ("unpaired surrogate key", {**credential(), "credentialSubject": {"id": "did:example:g", "\udfff": "x"}}),
        ("NaN", credential(name=float("nan"))),
        ("Infinity", credential(name=float("inf"))),
        ("huge integer", credential(name=10**5000)),
        ("right-to-left override and zero-width", credential(name="\u202egnp.exe\u200b", id="did:\u202eexample")),
        ("NUL", credential(name="a\x00b")),
        ("keyword look-alike", credential(**{"＠type": "x"})),
        ("not JSON: a set", credential(name={1, 2})),
        ("not JSON: bytes", credential(name=b"x")),
        ("@context is a number", {**credential(), "@context": 7}),
        ("@context is null", {**credential(), "@context": None}),
    ]


HOSTILE = hostile_documents()
PROOFS = [
    None, "proof", 7, [], [None], ["x", 1, None, [], {}] * 50, {"type": None}, {"type": ["DataIntegrityProof"]},
    {"type": "DataIntegrityProof", "cryptosuite": {"a": 1}, "proofValue": ["z"]},
    {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "verificationMethod": nested(3000),
     "proofPurpose": "assertionMethod", "proofValue": "z" + "1" * 100_000},
    {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": "9999999-01-01T00:00:00Z",
     "verificationMethod": ISSUER + "#key-1", "proofPurpose": "assertionMethod", "proofValue": "z3a",
     "previousProof": [nested(10)]},
]


@pytest.mark.parametrize(("name", "document"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_hostile_documents_never_verify_and_never_raise(signer, signed, name, document):
    for proof in (signed["proof"], [signed["proof"]] * 3):
        presented = {**document, "proof": copy.deepcopy(proof)}
        results = proofs.verify(presented, resolver(signer))
        assert results and not any(r.ok for r in results), name
        assert all(isinstance(r.message, str) for r in results)


@pytest.mark.parametrize(("name", "document"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_hostile_documents_are_refused_by_json_ld_and_signing(signer, name, document):
    for step in (jsonld.expand, jsonld.canonize):
        try:
            step(document)
        except JsonLdError as exc:
            assert exc.code
    for suite in ("eddsa-rdfc-2022", "eddsa-jcs-2022"):
        try:
            add_proof(document, signer, cryptosuite=suite)
        except SigningError as exc:
            assert exc.code
        else:  # only odd-but-valid Unicode text and JSON-LD may be signed
            assert name in SIGNABLE, name


SIGNABLE = {"graph container", "right-to-left override and zero-width", "NUL"}


@pytest.mark.parametrize("proof", PROOFS, ids=range(len(PROOFS)))
def test_junk_proofs_never_raise(signer, signed, proof):
    results = verify_proofs({**signed, "proof": proof}, resolver(signer))
    assert results and not any(r.ok for r in results)


def test_bounded_proof_set(signer, signed):
    """Each proof costs a canonicalisation and a key lookup: a proof set is bounded."""
    counting = resolver(signer)
    results = verify_proofs({**signed, "proof": [signed["proof"]] * (MAX_PROOFS + 1)}, counting)
    assert [r.code for r in results] == [jsonld.TOO_COMPLEX] and counting.calls == 0
    assert all(r.ok for r in verify_proofs({**signed, "proof": [signed["proof"]] * 2}, resolver(signer)))


def test_fan_out_is_refused_before_canonicalisation():
    with pytest.raises(JsonLdError) as info:
        jsonld.canonize(credential(name=[f"x{i}" for i in range(jsonld.MAX_FANOUT + 1)]))
    assert info.value.code == jsonld.TOO_COMPLEX


def test_verify_of_a_jwt_with_junk_never_raises(signer):
    token = sign_vc_jwt(credential(name="x"), signer)
    head, payload, sig = token.split(".")
    import base64

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    for junk in (token + "." + token, "a.b.c", ".".join([b64(b"[" * 5000), payload, sig]),
                 ".".join([head, b64(b"[" * 5000 + b"]" * 5000), sig]), "\ud800.x.y", "x" * 10**6, 7, None):
        results = proofs.verify(junk, resolver(signer)) if isinstance(junk, str) else proofs.verify(junk, resolver(signer))
        assert results and not any(r.ok for r in results)


@pytest.mark.parametrize("document", [credential(name=nested(200)), credential(name=float("nan")),
                                      credential(name="\ud800")])
def test_vc_jwt_signing_refuses_what_json_cannot_carry(signer, document):
    with pytest.raises(SigningError):
        sign_vc_jwt(document, signer)


def test_a_large_legitimate_credential_still_signs_and_verifies(signer):
    """A supplement-sized credential (200 courses) is well inside the bounds."""
    courses = [{"id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}", "name": f"Course {i}",
                "description": f"Курс {i}", "identifier": f"CS{i}"} for i in range(200)]
    document = credential(name="Nurlan", description="Diploma supplement")
    document["@context"] = [V2, jsonld.UNDEFINED_TERMS_V2]
    document["credentialSubject"]["courses"] = courses
    signed = add_proof(document, signer, created="2024-07-01T10:00:00Z")
    assert proofs.all_valid(verify_proofs(signed, resolver(signer)))
    json.dumps(signed)
