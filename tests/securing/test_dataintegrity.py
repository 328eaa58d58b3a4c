"""Data Integrity proofs: spec vectors, round trips, proof sets, tampering, key state."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from keys import dataintegrity as di
from keys import jsonld
from keys.dataintegrity import SigningError, add_proof, verify_proofs
from keys.signer import KeyResolutionError
from tests.support.securing import (
    Resolver,
    ed25519_signer,
    ed25519_signer_from_multibase,
    p256_signer,
    vector,
)

VECTOR_ISSUER = "https://vc.example/issuers/5678"
ISSUER = "did:web:university.example"
CREATED = "2024-07-01T10:00:00Z"


def spec_resolver() -> Resolver:
    # the spec vectors name an https issuer and did:key methods: treat the key as the issuer's
    return Resolver(did_key=True, controller=VECTOR_ISSUER)


def codes(results):
    return [r.code for r in results]


def diploma(**extra):
    doc = {
        "@context": [jsonld.CREDENTIALS_V2, jsonld.OPEN_BADGES_V3],
        "id": "urn:uuid:6c2c8d1e-5f3a-4b8e-9d0a-2f4b6c8d0e1f",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Әл-Фараби атындағы ҚазҰУ"},
        "validFrom": "2024-06-30T00:00:00Z",
        "name": "Бакалавр дипломы",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:0d4f0a56-64e1-4b8b-a0b5-1d2e3f4a5b6c",
                "type": ["Achievement"],
                "achievementType": "BachelorDegree",
                "name": "Bachelor of Science in Computer Science",
                "description": "6B06102 Computer Science",
                "criteria": {"narrative": "240 ECTS credits"},
            },
        },
    }
    doc.update(extra)
    return doc


def signed_by(cryptosuite, signer=None, doc=None, **kwargs):
    signer = signer or (p256_signer(ISSUER) if cryptosuite.startswith("ecdsa") else ed25519_signer(ISSUER))
    return signer, add_proof(doc or diploma(), signer, cryptosuite=cryptosuite, created=CREATED, **kwargs)


ALL_SUITES = list(di.SUPPORTED_CRYPTOSUITES)


# ------------------------------------------------------------------ spec test vectors


@pytest.mark.parametrize(
    ("cryptosuite", "expected_file"),
    [("eddsa-rdfc-2022", "eddsa-rdfc-2022-signed.json"), ("eddsa-jcs-2022", "eddsa-jcs-2022-signed.json")],
)
def test_spec_vector_proof_is_byte_exact(cryptosuite, expected_file):
    keypair = vector("eddsa-keypair.json")
    signer = ed25519_signer_from_multibase(keypair["privateKeyMultibase"])
    assert signer.public_key_multibase == keypair["publicKeyMultibase"]
    signed = add_proof(
        vector("unsigned.json"), signer, cryptosuite=cryptosuite, created="2023-02-24T23:36:38Z"
    )
    expected = vector(expected_file)
    assert signed["proof"]["proofValue"] == expected["proof"]["proofValue"]
    assert signed == expected


def test_spec_vector_rdfc_hash_input_is_the_canonical_proof_and_document():
    import hashlib

    keypair = vector("eddsa-keypair.json")
    signer = ed25519_signer_from_multibase(keypair["privateKeyMultibase"])
    add_proof(vector("unsigned.json"), signer, created="2023-02-24T23:36:38Z")
    expected = (
        hashlib.sha256(vector("eddsa-rdfc-2022-canonical-proof.nq").encode()).digest()
        + hashlib.sha256(vector("eddsa-rdfc-2022-canonical-document.nq").encode()).digest()
    )
    assert signer.calls == [expected]


@pytest.mark.parametrize(
    "name",
    [
        "eddsa-rdfc-2022-signed.json",
        "eddsa-jcs-2022-signed.json",
        "ed25519signature2020-signed.json",
        "eddsa-proof-set-signed.json",
        "ecdsa-rdfc-2019-p256-signed.json",
        "ecdsa-jcs-2019-p256-signed.json",
    ],
)
def test_spec_vectors_verify(name):
    results = verify_proofs(vector(name), spec_resolver())
    assert results and all(r.ok for r in results), results
    assert len(results) == (2 if "proof-set" in name else 1)


def test_ed25519signature2020_vector_tampered_fails():
    doc = vector("ed25519signature2020-signed.json")
    doc["credentialSubject"]["alumniOf"] = "The School of Forgeries"
    assert codes(verify_proofs(doc, spec_resolver())) == [di.INVALID_SIGNATURE]


def test_ed25519signature2020_needs_its_context():
    doc = vector("ed25519signature2020-signed.json")
    doc["@context"] = doc["@context"][:2]
    assert codes(verify_proofs(doc, spec_resolver())) == [di.CONTEXT_ERROR]


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("cryptosuite", ALL_SUITES)
def test_round_trip(cryptosuite):
    signer, signed = signed_by(cryptosuite)
    proof = signed["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == cryptosuite
    assert proof["verificationMethod"] == signer.verification_method
    assert proof["proofValue"].startswith("z") and proof["created"] == CREATED
    [result] = verify_proofs(signed, Resolver([signer.public_key()]))
    assert result.ok and result.code == "ok"
    assert (result.cryptosuite, result.verification_method, result.created) == (
        cryptosuite,
        signer.verification_method,
        CREATED,
    )
    assert result.controller == ISSUER


def test_add_proof_returns_a_new_document():
    doc = diploma()
    before = copy.deepcopy(doc)
    _, signed = signed_by("eddsa-rdfc-2022", doc=doc)
    assert doc == before and "proof" in signed


def test_created_defaults_to_now():
    signer = ed25519_signer(ISSUER)
    signed = add_proof(diploma(), signer)
    created = di.parse_datetime(signed["proof"]["created"])
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=5)


@pytest.mark.parametrize(
    ("cryptosuite", "signer_factory"),
    [("ecdsa-rdfc-2019", ed25519_signer), ("eddsa-rdfc-2022", p256_signer), ("eddsa-jcs-2022", p256_signer)],
)
def test_cryptosuite_must_fit_the_key(cryptosuite, signer_factory):
    with pytest.raises(SigningError) as info:
        add_proof(diploma(), signer_factory(ISSUER), cryptosuite=cryptosuite)
    assert info.value.code == di.KEY_TYPE_MISMATCH


def test_unknown_cryptosuite_cannot_sign():
    with pytest.raises(SigningError) as info:
        add_proof(diploma(), ed25519_signer(ISSUER), cryptosuite="eddsa-2022")
    assert info.value.code == di.UNKNOWN_CRYPTOSUITE


@pytest.mark.parametrize("cryptosuite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_undefined_term_cannot_be_signed(cryptosuite):
    doc = diploma()
    doc["credentialSubject"]["gpa"] = "4.0"
    with pytest.raises(SigningError) as info:
        add_proof(doc, ed25519_signer(ISSUER), cryptosuite=cryptosuite)
    assert info.value.code == jsonld.UNDEFINED_TERM


def test_vc11_credential_gets_the_data_integrity_context():
    doc = {
        "@context": [jsonld.CREDENTIALS_V1],
        "id": "urn:uuid:0b7f4c5e-8f6a-4e1b-9c2d-3e4f5a6b7c8d",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "issuanceDate": "2024-06-30T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder"},
    }
    signer = ed25519_signer(ISSUER)
    signed = add_proof(doc, signer)
    assert signed["@context"] == [jsonld.CREDENTIALS_V1, jsonld.DATA_INTEGRITY_V2]
    assert [r.ok for r in verify_proofs(signed, Resolver([signer.public_key()]))] == [True]


# ------------------------------------------------------------------ proof sets and chains


def test_proof_set_joint_degree():
    first, second = ed25519_signer(ISSUER), ed25519_signer(ISSUER)
    doc = add_proof(diploma(), first, created=CREATED)
    doc = add_proof(doc, second, cryptosuite="eddsa-jcs-2022", created=CREATED)
    assert isinstance(doc["proof"], list) and len(doc["proof"]) == 2
    resolver = Resolver([first.public_key(), second.public_key()])
    assert codes(verify_proofs(doc, resolver)) == ["ok", "ok"]
    third = add_proof(doc, p256_signer(ISSUER), cryptosuite="ecdsa-rdfc-2019")
    assert len(third["proof"]) == 3


def test_proof_set_with_one_bad_proof_reports_each():
    first, second = ed25519_signer(ISSUER), ed25519_signer(ISSUER)
    doc = add_proof(add_proof(diploma(), first), second)
    doc["proof"][1]["proofValue"] = doc["proof"][0]["proofValue"]
    resolver = Resolver([first.public_key(), second.public_key()])
    assert codes(verify_proofs(doc, resolver)) == ["ok", di.INVALID_SIGNATURE]


def test_proof_chain_binds_the_previous_proof():
    first, second = ed25519_signer(ISSUER), ed25519_signer(ISSUER)
    doc = add_proof(diploma(), first, proof_id="urn:uuid:11111111-1111-4111-8111-111111111111")
    doc = add_proof(doc, second, previous_proof="urn:uuid:11111111-1111-4111-8111-111111111111")
    resolver = Resolver([first.public_key(), second.public_key()])
    assert codes(verify_proofs(doc, resolver)) == ["ok", "ok"]
    doc["proof"][0]["created"] = "2020-01-01T00:00:00Z"  # breaks the first and, through the chain, the second
    assert codes(verify_proofs(doc, resolver)) == [di.INVALID_SIGNATURE, di.INVALID_SIGNATURE]
    with pytest.raises(SigningError):
        add_proof(doc, second, previous_proof="urn:uuid:missing")


# ------------------------------------------------------------------ tampering


def _string_paths(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _string_paths(item, (*path, i))
    elif isinstance(value, str):
        yield path


def _set(doc, path, new):
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new


def _get(doc, path):
    for part in path:
        doc = doc[part]
    return doc


@pytest.mark.parametrize("cryptosuite", ALL_SUITES)
def test_one_changed_character_anywhere_fails(cryptosuite):
    signer, signed = signed_by(cryptosuite)
    resolver = Resolver([signer.public_key()])
    assert verify_proofs(signed, resolver)[0].ok
    paths = list(_string_paths(signed))
    assert len(paths) > 15
    for path in paths:
        tampered = copy.deepcopy(signed)
        original = _get(tampered, path)
        pos = len(original) // 2
        swap = "X" if original[pos : pos + 1] != "X" else "Y"
        _set(tampered, path, original[:pos] + swap + original[pos + 1 :])
        results = verify_proofs(tampered, resolver)
        assert not results[0].ok, f"{cryptosuite}: change at {path} still verifies"


@pytest.mark.parametrize("cryptosuite", ALL_SUITES)
def test_swapped_key_fails(cryptosuite):
    signer, signed = signed_by(cryptosuite)
    other = p256_signer(ISSUER) if cryptosuite.startswith("ecdsa") else ed25519_signer(ISSUER)
    swapped = other.public_key()
    swapped = type(swapped)(**{**swapped.__dict__, "id": signer.verification_method})
    assert codes(verify_proofs(signed, Resolver([swapped]))) == [di.INVALID_SIGNATURE]


@pytest.mark.parametrize("cryptosuite", ALL_SUITES)
def test_changed_created_fails(cryptosuite):
    signer, signed = signed_by(cryptosuite)
    signed["proof"]["created"] = "2024-07-01T10:00:01Z"
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [di.INVALID_SIGNATURE]


@pytest.mark.parametrize("cryptosuite", ALL_SUITES)
def test_removed_context_fails(cryptosuite):
    signer, signed = signed_by(cryptosuite)
    resolver = Resolver([signer.public_key()])
    fewer = copy.deepcopy(signed)
    fewer["@context"] = [jsonld.CREDENTIALS_V2]
    assert not verify_proofs(fewer, resolver)[0].ok
    none = copy.deepcopy(signed)
    del none["@context"]
    assert not verify_proofs(none, resolver)[0].ok


@pytest.mark.parametrize(
    ("cryptosuite", "renamed", "code"),
    [
        ("eddsa-rdfc-2022", "eddsa-rdfc-2023", di.UNKNOWN_CRYPTOSUITE),
        ("eddsa-rdfc-2022", "eddsa-jcs-2022", di.INVALID_SIGNATURE),
        ("eddsa-jcs-2022", "eddsa-rdfc-2022", di.INVALID_SIGNATURE),
        ("eddsa-rdfc-2022", "ecdsa-rdfc-2019", di.KEY_TYPE_MISMATCH),
        ("ecdsa-jcs-2019", "ecdsa-rdfc-2019", di.INVALID_SIGNATURE),
    ],
)
def test_wrong_cryptosuite_name_fails(cryptosuite, renamed, code):
    signer, signed = signed_by(cryptosuite)
    signed["proof"]["cryptosuite"] = renamed
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [code]


def test_wrong_proof_type_fails():
    signer, signed = signed_by("eddsa-rdfc-2022")
    signed["proof"]["type"] = "Ed25519Signature2018"
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [di.UNKNOWN_CRYPTOSUITE]


def test_added_undefined_term_in_vc11_fails():
    doc = {
        "@context": [jsonld.CREDENTIALS_V1, jsonld.DATA_INTEGRITY_V2],
        "id": "urn:uuid:0b7f4c5e-8f6a-4e1b-9c2d-3e4f5a6b7c8d",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "issuanceDate": "2024-06-30T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder"},
    }
    signer = ed25519_signer(ISSUER)
    signed = add_proof(doc, signer)
    signed["credentialSubject"]["gpa"] = "4.0"
    [result] = verify_proofs(signed, Resolver([signer.public_key()]))
    assert result.code == di.CONTEXT_ERROR and "undefined_term" in result.message


@pytest.mark.parametrize("cryptosuite", ["eddsa-rdfc-2022", "ecdsa-rdfc-2019"])
def test_added_undefined_term_where_no_vocab_applies_fails(cryptosuite):
    signer, signed = signed_by(cryptosuite)
    signed["credentialSubject"]["achievement"]["gpa"] = "4.0"  # v2 + OB 3.0: no @vocab anywhere
    [result] = verify_proofs(signed, Resolver([signer.public_key()]))
    assert result.code == di.CONTEXT_ERROR


@pytest.mark.parametrize("cryptosuite", ["eddsa-jcs-2022", "ecdsa-jcs-2019"])
def test_added_member_breaks_a_jcs_signature(cryptosuite):
    signer, signed = signed_by(cryptosuite)
    signed["credentialSubject"]["achievement"]["gpa"] = "4.0"
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [di.INVALID_SIGNATURE]


def test_added_term_under_undefined_terms_context_breaks_signature():
    doc = diploma()
    doc["@context"] = [*doc["@context"], jsonld.UNDEFINED_TERMS_V2]
    signer, signed = signed_by("eddsa-rdfc-2022", doc=doc)
    signed["credentialSubject"]["gpa"] = "4.0"
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [di.INVALID_SIGNATURE]


def test_unknown_context_added_fails():
    signer, signed = signed_by("eddsa-rdfc-2022")
    signed["@context"].append("https://contexts.example/v1")
    [result] = verify_proofs(signed, Resolver([signer.public_key()]))
    assert result.code == di.CONTEXT_ERROR and "unknown_context" in result.message


def test_proof_context_must_match_document_context():
    signer, signed = signed_by("eddsa-rdfc-2022")
    signed["proof"]["@context"] = [jsonld.CREDENTIALS_V1]
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [di.CONTEXT_ERROR]
    signer, signed = signed_by("eddsa-jcs-2022")
    signed["@context"] = [jsonld.CREDENTIALS_V2]
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [di.CONTEXT_ERROR]


# ------------------------------------------------------------------ key state, controller, purpose


def test_key_revoked_before_created_fails_after_is_fine():
    signer, signed = signed_by("eddsa-rdfc-2022")
    created = di.parse_datetime(CREATED)
    revoked_before = Resolver([signer.public_key(revoked=created - timedelta(days=1))])
    assert codes(verify_proofs(signed, revoked_before)) == [di.KEY_REVOKED]
    revoked_at = Resolver([signer.public_key(revoked=created)])
    assert codes(verify_proofs(signed, revoked_at)) == [di.KEY_REVOKED]
    revoked_later = Resolver([signer.public_key(revoked=created + timedelta(days=1))])
    assert codes(verify_proofs(signed, revoked_later)) == ["ok"]


def test_key_retired_before_created_fails():
    signer, signed = signed_by("eddsa-jcs-2022")
    created = di.parse_datetime(CREATED)
    assert codes(
        verify_proofs(signed, Resolver([signer.public_key(expires=created - timedelta(seconds=1))]))
    ) == [di.KEY_EXPIRED]
    assert codes(
        verify_proofs(signed, Resolver([signer.public_key(expires=created + timedelta(days=365))]))
    ) == ["ok"]


def test_key_of_another_controller_fails():
    signer = ed25519_signer("did:web:other.example")
    signed = add_proof(diploma(), signer)
    [result] = verify_proofs(signed, Resolver([signer.public_key()]))
    assert result.code == di.CONTROLLER_MISMATCH and result.controller == "did:web:other.example"


def test_issuer_as_string_is_accepted():
    signer, signed = signed_by("eddsa-rdfc-2022", doc=diploma(issuer=ISSUER))
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == ["ok"]


def test_purpose_challenge_and_domain():
    signer = ed25519_signer(ISSUER)
    signed = add_proof(
        diploma(), signer, proof_purpose="authentication", challenge="c-123", domain="verifier.example"
    )
    resolver = Resolver([signer.public_key()])
    assert codes(verify_proofs(signed, resolver)) == [di.PURPOSE_MISMATCH]
    ok = verify_proofs(
        signed, resolver, expected_purpose="authentication", challenge="c-123", domain="verifier.example"
    )
    assert codes(ok) == ["ok"]
    bad = verify_proofs(signed, resolver, expected_purpose="authentication", challenge="c-999")
    assert codes(bad) == [di.CHALLENGE_MISMATCH]
    bad = verify_proofs(signed, resolver, expected_purpose="authentication", domain="evil.example")
    assert codes(bad) == [di.DOMAIN_MISMATCH]


def test_expired_proof_fails():
    signer = ed25519_signer(ISSUER)
    signed = add_proof(diploma(), signer, expires="2024-01-01T00:00:00Z")
    assert codes(verify_proofs(signed, Resolver([signer.public_key()]))) == [di.PROOF_EXPIRED]


def test_key_resolution_failures():
    signer, signed = signed_by("eddsa-rdfc-2022")
    assert codes(verify_proofs(signed, Resolver())) == [di.KEY_NOT_FOUND]

    def unreachable(vm):
        raise KeyResolutionError("did:web host down", unreachable=True)

    assert codes(verify_proofs(signed, unreachable)) == [di.KEY_UNREACHABLE]

    def broken(vm):
        raise RuntimeError("bug")

    assert codes(verify_proofs(signed, broken)) == [di.KEY_UNREACHABLE]

    def revoked_code(vm):
        raise KeyResolutionError("deactivated", code=di.KEY_REVOKED)

    assert codes(verify_proofs(signed, revoked_code)) == [di.KEY_REVOKED]


def test_no_proof():
    assert codes(verify_proofs(diploma(), Resolver())) == [di.NO_PROOF]


@pytest.mark.parametrize(
    "junk",
    [
        None,
        [],
        "text",
        42,
        {"proof": 5},
        {"proof": []},
        {"proof": {"type": 5}},
        {"proof": [None, "x"]},
        {"@context": 7, "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}},
        {
            "@context": [jsonld.CREDENTIALS_V2],
            "proof": {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-rdfc-2022",
                "verificationMethod": "did:key:z6Mk#z6Mk",
                "proofPurpose": "assertionMethod",
                "proofValue": "not-multibase",
            },
        },
        {
            "@context": [jsonld.CREDENTIALS_V2],
            "proof": {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-jcs-2022",
                "created": "yesterday",
                "verificationMethod": "did:key:z6Mk#z6Mk",
                "proofPurpose": "assertionMethod",
                "proofValue": "z111",
            },
        },
        {
            "@context": [jsonld.CREDENTIALS_V2],
            "credentialSubject": {"n": float("nan"), "big": 10**400},
            "proof": {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-jcs-2022",
                "verificationMethod": "did:key:z6Mk#z6Mk",
                "proofPurpose": "assertionMethod",
                "proofValue": "z3a",
                "previousProof": 7,
            },
        },
    ],
)
def test_malformed_input_never_raises(junk):
    results = verify_proofs(junk, Resolver(did_key=True))
    assert results and not any(r.ok for r in results)


def test_deeply_nested_document_does_not_raise():
    signer, signed = signed_by("eddsa-rdfc-2022")
    deep: dict = {}
    cursor = deep
    for _ in range(5000):
        cursor["x"] = {}
        cursor = cursor["x"]
    signed["credentialSubject"]["deep"] = deep
    for suite in ("eddsa-rdfc-2022", "eddsa-jcs-2022"):
        signed["proof"]["cryptosuite"] = suite
        results = verify_proofs(signed, Resolver([signer.public_key()]))
        assert not results[0].ok


def test_jcs_matches_rfc8785_on_awkward_values():
    import rfc8785

    values = [
        {"b": 1, "a": [True, None, "é"], "€": "\u2028", "\U0001f600": "😀", "\ue000": 1},
        {"n": 1.5, "m": -0.0, "e": 1e21, "s": '\u0007"\\/'},
        {"k": 2**53 - 1},
        ["ascii", {"z": {"y": {"x": 1}}}],
    ]
    for value in values:
        assert di.jcs(value) == rfc8785.dumps(value)
    with pytest.raises(ValueError):  # outside the I-JSON integer range: not canonicalisable
        di.jcs({"k": 2**60})


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-07-01T10:00:00Z", True),
        ("2024-07-01T10:00:00.123456789+05:00", True),
        ("2024-07-01T10:00:00", True),
        ("2024-07-01", False),
        ("2024-13-01T10:00:00Z", False),
        ("yesterday", False),
        (1719828000, False),
    ],
)
def test_parse_datetime(value, ok):
    assert (di.parse_datetime(value) is not None) == ok


def test_proof_value_decoder_agrees_with_base58():
    import os

    from keys.multikey import MultikeyError, base58btc_decode, base58btc_encode

    for data in [b"\0", b"\0\0\x01", os.urandom(64), b"\0" + os.urandom(63), os.urandom(33)]:
        encoded = base58btc_encode(data)
        assert di.decode_proof_value(encoded) == base58btc_decode(encoded) == data
    for bad in ["", "z", "u123", "z0OIl", "zabc!"]:
        with pytest.raises(MultikeyError):
            di.decode_proof_value(bad)


def test_controller_check_can_be_left_to_the_caller():
    endorser = ed25519_signer("did:web:endorser.example")
    signer = ed25519_signer(ISSUER)
    doc = add_proof(
        add_proof(diploma(), signer, proof_id="urn:uuid:1"), endorser, previous_proof="urn:uuid:1"
    )
    resolver = Resolver([signer.public_key(), endorser.public_key()])
    assert codes(verify_proofs(doc, resolver)) == ["ok", di.CONTROLLER_MISMATCH]
    results = verify_proofs(doc, resolver, check_controller=False)
    assert codes(results) == ["ok", "ok"]
    assert [r.controller for r in results] == [ISSUER, "did:web:endorser.example"]


def test_presentation_with_an_embedded_credential():
    issuer = ed25519_signer(ISSUER)
    holder = ed25519_signer()  # did:key holder
    vc = add_proof(diploma(), issuer)
    vp = {
        "@context": [jsonld.CREDENTIALS_V2],
        "type": ["VerifiablePresentation"],
        "holder": holder.controller,
        "verifiableCredential": [vc],
    }
    signed = add_proof(vp, holder, proof_purpose="authentication", challenge="c-1", domain="verifier.example")
    resolver = Resolver([issuer.public_key(), holder.public_key()])
    results = verify_proofs(
        signed, resolver, expected_purpose="authentication", challenge="c-1", domain="verifier.example"
    )
    assert codes(results) == ["ok"]
    assert codes(verify_proofs(signed["verifiableCredential"][0], resolver)) == ["ok"]
    tampered = copy.deepcopy(signed)
    tampered["verifiableCredential"][0]["name"] = "Магистр дипломы"
    assert codes(verify_proofs(tampered, resolver, expected_purpose="authentication", challenge="c-1")) == [
        di.INVALID_SIGNATURE
    ]
    other_holder = {**signed, "holder": "did:web:someone.example"}
    assert codes(verify_proofs(other_holder, resolver, expected_purpose="authentication")) != ["ok"]
