"""Dalel against a second implementation, both directions (securing issue, item 7):
credentials Dalel signs must verify in DCC's verifier-core (eddsa-rdfc-2022, as VerifierPlus
configures it: its bundled contexts only) and the Digital Bazaar libraries (eddsa-jcs-2022), credentials the Digital Bazaar libraries sign must verify
in Dalel, and both must reject the same tampered inputs.

These sign a hand-made diploma with a test key; what Dalel itself issues is verified end to end
in test_demo_interop.py."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

pytestmark = pytest.mark.interop

dataintegrity = pytest.importorskip("keys.dataintegrity", reason="keys.dataintegrity not merged yet")

from keys.multikey import decode_multikey, encode_multikey  # noqa: E402
from keys.signer import KeyResolutionError, PublicKey  # noqa: E402

OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def diploma() -> dict:
    """A realistic bachelor's diploma (VC 2.0 + Open Badges 3.0), without personal data."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2", OB_CONTEXT],
        "id": "urn:uuid:7d1c6a2e-3b4f-4f0e-9c1a-2b8e5d6f7a90",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Bachelor of Engineering and Technology",
        "issuer": {
            "id": "did:example:replaced",
            "type": ["Profile"],
            "name": "Demo Technical University",
        },
        "validFrom": "2025-06-30T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "identifier",
                    "hashed": True,
                    "identityHash": "sha256$0f2d5c8e4b7a9f1e3d6c2b8a7e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e",
                    "salt": "d4c1",
                }
            ],
            "achievement": {
                "id": "urn:uuid:1e0b9c7d-2f3a-4b5c-8d9e-0a1b2c3d4e5f",
                "type": ["Achievement"],
                "achievementType": "BachelorDegree",
                "name": "6B06101 Information Systems",
                "description": "Bachelor's programme, 240 ECTS credits.",
                "criteria": {"narrative": "Completed all requirements of the programme."},
                "creditsAvailable": 240,
                "fieldOfStudy": "Information and communication technologies",
            },
            "creditsEarned": 240,
        },
    }


class Ed25519TestSigner:
    """A did:key Ed25519 signer for tests (the keystore's signer is not needed here)."""

    algorithm = "Ed25519"

    def __init__(self) -> None:
        self._key = ed25519.Ed25519PrivateKey.generate()
        raw = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.public_key_multibase = encode_multikey("Ed25519", raw)
        self.did = f"did:key:{self.public_key_multibase}"
        self.verification_method = f"{self.did}#{self.public_key_multibase}"

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)


def resolve_did_key(verification_method: str) -> PublicKey:
    did, _, fragment = verification_method.partition("#")
    if not did.startswith("did:key:z") or fragment != did.removeprefix("did:key:"):
        raise KeyResolutionError(f"not a did:key verification method: {verification_method}")
    algorithm, raw = decode_multikey(fragment)
    return PublicKey(
        id=verification_method,
        controller=did,
        algorithm=algorithm,
        raw=raw,
        public_key_multibase=fragment,
    )


def dalel_sign(document: dict, cryptosuite: str) -> tuple[dict, Ed25519TestSigner]:
    signer = Ed25519TestSigner()
    doc = copy.deepcopy(document)
    doc["issuer"]["id"] = signer.did
    result = dataintegrity.add_proof(doc, signer, cryptosuite=cryptosuite)
    return (result if result is not None else doc), signer


def dalel_ok(document: dict) -> bool:
    results = dataintegrity.verify_proofs(document, resolve_did_key)
    return bool(results) and all(r.ok for r in results)


def test_dalel_rdfc_diploma_is_valid_in_verifier_core(interop):
    signed, _ = dalel_sign(diploma(), "eddsa-rdfc-2022")
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    out = interop.verify(signed, engine="verifier-plus")  # its bundled contexts only
    assert out["summary"]["signature"] == "valid", out["summary"]
    steps = {s["id"]: s for s in out["summary"]["log"]}
    assert steps["expiration"]["valid"] is True
    # the only fetch attempted is the Open Badges JSON Schema (verifier-core's schema_check,
    # informational); it is answered 404 offline
    assert [e["url"] for e in out["network"]] == [
        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
    ]


@pytest.mark.parametrize("cryptosuite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_dalel_signed_diploma_is_valid_in_digital_bazaar(interop, cryptosuite):
    signed, _ = dalel_sign(diploma(), cryptosuite)
    out = interop.verify(signed, engine="digitalbazaar")
    assert out["summary"]["signature"] == "valid", out["summary"]


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022", "Ed25519Signature2020"])
def test_js_signed_diploma_verifies_in_dalel(interop, suite):
    signed = interop.sign(diploma(), suite)
    assert signed["issuer"]["id"].startswith("did:key:")
    assert dalel_ok(signed)


def test_dalel_proof_set_agrees_with_digital_bazaar(interop):
    """A proof set (joint degree): the issuer's proof and a second institution's proof. Both
    signatures are good; the second key is not controlled by `issuer`, which both Dalel
    (controller_mismatch) and the Digital Bazaar library (issuance purpose) report."""
    signed, _ = dalel_sign(diploma(), "eddsa-rdfc-2022")
    both = dataintegrity.add_proof(signed, Ed25519TestSigner(), cryptosuite="eddsa-rdfc-2022")
    assert isinstance(both["proof"], list) and len(both["proof"]) == 2
    codes = [r.code for r in dataintegrity.verify_proofs(both, resolve_did_key)]
    assert codes == ["ok", "controller_mismatch"]
    out = interop.verify(both, engine="digitalbazaar")
    proof_results = [r for r in out["result"]["results"] if r.get("proof")]
    assert [r["verified"] for r in proof_results] == [True, False]
    assert "issuer must match the verification method controller" in str(proof_results[1]["error"])
    # with the second proof alone (the issuer's proof removed) both say the same
    second_only = copy.deepcopy(both)
    second_only["proof"] = both["proof"][1]
    assert [r.code for r in dataintegrity.verify_proofs(second_only, resolve_did_key)] == [
        "controller_mismatch"
    ]
    assert interop.verify(second_only, engine="digitalbazaar")["summary"]["signature"] != "valid"


def _tamper(signed: dict, how: str) -> dict:
    doc = copy.deepcopy(signed)
    if how == "one_character":
        doc["credentialSubject"]["achievement"]["name"] = doc["credentialSubject"]["achievement"][
            "name"
        ].replace("6B06101", "6B06102")
    elif how == "created":
        doc["proof"]["created"] = datetime(2020, 1, 1, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif how == "swapped_key":
        other = Ed25519TestSigner()
        doc["issuer"]["id"] = other.did
        doc["proof"]["verificationMethod"] = other.verification_method
    elif how == "removed_context":
        doc["@context"] = [c for c in doc["@context"] if c != OB_CONTEXT]
    elif how == "wrong_cryptosuite":
        doc["proof"]["cryptosuite"] = "eddsa-2022"
    elif how == "added_term":
        doc["credentialSubject"]["gpa"] = "4.0"
    else:  # pragma: no cover
        raise AssertionError(how)
    return doc


TAMPERINGS = ["one_character", "created", "swapped_key", "removed_context", "wrong_cryptosuite", "added_term"]


@pytest.mark.parametrize("how", TAMPERINGS)
def test_tampered_dalel_diploma_rejected_by_dalel_and_verifier_core(interop, how):
    signed, _ = dalel_sign(diploma(), "eddsa-rdfc-2022")
    tampered = _tamper(signed, how)
    assert not dalel_ok(tampered)
    out = interop.verify(tampered, engine="verifier-plus")
    assert out["summary"]["signature"] != "valid", out["summary"]


@pytest.mark.parametrize("how", TAMPERINGS)
def test_tampered_js_diploma_rejected_by_dalel(interop, how):
    signed = interop.sign(diploma(), "eddsa-rdfc-2022")
    assert dalel_ok(signed)
    assert not dalel_ok(_tamper(signed, how))


@pytest.mark.parametrize("how", ["one_character", "created", "swapped_key", "added_term"])
def test_tampered_jcs_diploma_rejected_by_both(interop, how):
    signed, _ = dalel_sign(diploma(), "eddsa-jcs-2022")
    tampered = _tamper(signed, how)
    assert not dalel_ok(tampered)
    assert interop.verify(tampered, engine="digitalbazaar")["summary"]["signature"] != "valid"
