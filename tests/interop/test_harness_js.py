"""The harness itself, JS to JS: the Digital Bazaar libraries sign, DCC's verifier-core and
the Digital Bazaar verifier check. These establish what the second implementation says about
each kind of input, so the Dalel tests next to this file can compare against it."""

from __future__ import annotations

import base64
import copy
import gzip
import http.server
import json
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.interop

UNSIGNED_V2 = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:5a0b6c1e-9f0f-4a43-8d2e-6c1b8f7e0a11",
    "type": ["VerifiableCredential"],
    "issuer": "did:example:replaced-by-signer",
    "validFrom": "2025-06-30T00:00:00Z",
    "credentialSubject": {"id": "did:example:graduate", "name": "Aigerim Test"},
}

UNSIGNED_V1 = {
    "@context": ["https://www.w3.org/2018/credentials/v1"],
    "id": "urn:uuid:0d3c2f51-8e22-4b19-93f1-1c4f3c2b7d90",
    "type": ["VerifiableCredential"],
    "issuer": "did:example:replaced-by-signer",
    "issuanceDate": "2025-06-30T00:00:00Z",
    "credentialSubject": {"id": "did:example:graduate"},
}

SEED = bytes(range(32))


def status_list_encoded(revoked: tuple[int, ...] = ()) -> str:
    """Bitstring Status List encodedList: 131,072 bits, index 0 the left-most bit, GZIP,
    multibase base64url without padding."""
    bits = bytearray(131072 // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022", "Ed25519Signature2020"])
def test_js_signed_credential_verifies_with_digital_bazaar(interop, suite):
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), suite)
    assert signed["issuer"].startswith("did:key:z6Mk")
    assert signed["proof"]["verificationMethod"].startswith(signed["issuer"] + "#")
    out = interop.verify(signed, engine="digitalbazaar")
    assert out["summary"]["signature"] == "valid", out["summary"]
    assert out["network"] == []


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "Ed25519Signature2020"])
def test_verifier_core_reports_valid_signature_offline(interop, suite):
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), suite)
    out = interop.verify(signed)
    assert out["engine"] == "verifier-core"
    assert out["summary"]["signature"] == "valid", out["summary"]
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert steps["valid_signature"]["valid"] is True
    assert steps["expiration"]["valid"] is True
    # no registries configured: the issuer is not "registered"
    assert steps["registered_issuer"]["valid"] is False
    assert out["result"]["credential"] == signed
    # did:key resolves without the network and every context is bundled
    assert out["network"] == []


def test_verifier_core_does_not_know_eddsa_jcs_2022(interop):
    """verifier-core 1.0.0-beta.11 registers only eddsa-rdfc-2022 and Ed25519Signature2020: a
    valid eddsa-jcs-2022 proof comes back as invalid_signature. Interop for JCS therefore
    goes through engine="digitalbazaar"."""
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-jcs-2022")
    assert interop.verify(signed, engine="digitalbazaar")["summary"]["signature"] == "valid"
    out = interop.verify(signed)
    assert out["summary"]["signature"] == "invalid"
    assert [e["name"] for e in out["summary"]["errors"]] == ["invalid_signature"]


def _tampered(signed: dict, how: str) -> dict:
    doc = copy.deepcopy(signed)
    if how == "subject_character":
        doc["credentialSubject"]["name"] = doc["credentialSubject"]["name"].replace("A", "B", 1)
    elif how == "created":
        doc["proof"]["created"] = "2020-01-01T00:00:00Z"
    elif how == "proof_value_character":
        value = doc["proof"]["proofValue"]
        doc["proof"]["proofValue"] = value[:10] + ("2" if value[10] != "2" else "3") + value[11:]
    elif how == "valid_from":
        doc["validFrom"] = "2025-06-30T00:00:01Z"
    elif how == "added_term":
        doc["credentialSubject"]["gpa"] = "4.0"
    elif how == "wrong_cryptosuite":
        doc["proof"]["cryptosuite"] = "eddsa-2022"
    else:  # pragma: no cover - test bug
        raise AssertionError(how)
    return doc


@pytest.mark.parametrize(
    "how",
    [
        "subject_character",
        "created",
        "proof_value_character",
        "valid_from",
        "added_term",
        "wrong_cryptosuite",
    ],
)
def test_tampered_rdfc_credential_is_rejected_by_both_engines(interop, how):
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022")
    tampered = _tampered(signed, how)
    for engine in ("verifier-core", "digitalbazaar"):
        out = interop.verify(tampered, engine=engine)
        assert out["summary"]["signature"] != "valid", (engine, out["summary"])


def test_swapped_key_is_rejected(interop):
    """The proof names another did:key (issuer changed with it): the signature no longer
    matches the key."""
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022")
    other = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022", seed=SEED)
    swapped = copy.deepcopy(signed)
    swapped["issuer"] = other["issuer"]
    swapped["proof"]["verificationMethod"] = other["proof"]["verificationMethod"]
    for engine in ("verifier-core", "digitalbazaar"):
        out = interop.verify(swapped, engine=engine)
        assert out["summary"]["signature"] == "invalid", (engine, out["summary"])


def test_issuer_not_controller_of_key_is_rejected(interop):
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022")
    signed["issuer"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    out = interop.verify(signed)
    assert out["summary"]["signature"] != "valid", out["summary"]


def test_removed_context_is_rejected(interop):
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022")
    del signed["@context"]
    out = interop.verify(signed)
    assert [e["name"] for e in out["summary"]["errors"]] == ["invalid_jsonld"]
    assert out["summary"]["signature"] == "error"


def test_undefined_term_in_v1_credential_is_not_valid(interop):
    """VC 1.1 has no @vocab: a term no context defines would be dropped by JSON-LD. The
    Digital Bazaar libraries refuse to sign it (safe mode), so sign the clean credential and
    add the term afterwards: verifier-core must not call that valid."""
    signed = interop.sign(copy.deepcopy(UNSIGNED_V1), "eddsa-rdfc-2022")
    assert interop.verify(signed)["summary"]["signature"] == "valid"
    signed["credentialSubject"]["gpa"] = "4.0"
    out = interop.verify(signed)
    assert out["summary"]["signature"] == "error", out["summary"]
    assert [e["name"] for e in out["summary"]["errors"]] == ["jsonld.ValidationError"]
    with pytest.raises(interop.HarnessError):
        unsigned = copy.deepcopy(UNSIGNED_V1)
        unsigned["credentialSubject"]["gpa"] = "4.0"
        interop.sign(unsigned, "eddsa-rdfc-2022")


def test_credential_without_url_id_is_rejected_by_verifier_core(interop):
    """verifier-core requires `id` to parse as a URL (invalid_credential_id otherwise): Dalel
    credentials must carry one (urn:uuid: is fine)."""
    unsigned = copy.deepcopy(UNSIGNED_V2)
    del unsigned["id"]
    signed = interop.sign(unsigned, "eddsa-rdfc-2022")
    assert interop.verify(signed, engine="digitalbazaar")["summary"]["signature"] == "valid"
    out = interop.verify(signed)
    assert [e["name"] for e in out["summary"]["errors"]] == ["invalid_credential_id"]


def test_unsigned_credential_is_reported_unsigned(interop):
    unsigned = copy.deepcopy(UNSIGNED_V2)
    unsigned["issuer"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    out = interop.verify(unsigned)
    assert out["summary"]["signature"] == "unsigned"
    assert [e["name"] for e in out["summary"]["errors"]] == ["no_proof"]


def test_expired_credential_has_expiration_false(interop):
    unsigned = copy.deepcopy(UNSIGNED_V2)
    unsigned["validUntil"] = "2025-12-31T00:00:00Z"
    unsigned["validFrom"] = "2025-01-01T00:00:00Z"
    signed = interop.sign(unsigned, "eddsa-rdfc-2022")
    out = interop.verify(signed)
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert out["summary"]["signature"] == "valid"
    assert steps["expiration"]["valid"] is False


DID_WEB = "did:web:university.example.kz"


def test_did_web_resolved_from_resources(interop):
    unsigned = copy.deepcopy(UNSIGNED_V2)
    signed, did_document = interop.sign_did_web(unsigned, "eddsa-rdfc-2022", DID_WEB, seed=SEED)
    assert signed["issuer"] == DID_WEB
    assert signed["proof"]["verificationMethod"] == DID_WEB + "#key-1"
    url = interop.did_web_document_url(DID_WEB)
    assert url == "https://university.example.kz/.well-known/did.json"
    for engine in ("verifier-core", "digitalbazaar"):
        out = interop.verify(signed, engine=engine, resources={url: did_document})
        assert out["summary"]["signature"] == "valid", (engine, out["summary"])
        assert {entry["via"] for entry in out["network"]} == {"resource"}


def test_did_web_unreachable_is_not_a_bad_signature(interop):
    signed, _ = interop.sign_did_web(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022", DID_WEB)
    out = interop.verify(signed)
    assert out["summary"]["signature"] == "error"
    assert [e["name"] for e in out["summary"]["errors"]] == ["did_web_unresolved"]
    assert out["network"][0] == {
        "url": "https://university.example.kz/.well-known/did.json",
        "method": "GET",
        "via": "blocked",
    }


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture
def file_server(tmp_path):
    """A static HTTP server on 127.0.0.1 serving tmp_path; yields (root, base URL)."""

    def handler(*args, **kwargs):
        return _Files(*args, directory=str(tmp_path), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_did_web_and_status_list_through_rewrite_to_local_server(interop, file_server):
    root, base = file_server
    did = "did:web:university.example.kz:institutions:demo"
    status_url = "https://university.example.kz/status/1"
    unsigned = copy.deepcopy(UNSIGNED_V2)
    unsigned["issuer"] = did
    unsigned["credentialStatus"] = {
        "id": status_url + "#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": status_url,
    }
    signed, did_document = interop.sign_did_web(unsigned, "eddsa-rdfc-2022", did, seed=SEED, keep_issuer=True)
    status_list = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": status_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": status_url + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status_list_encoded(revoked=(7,)),
        },
    }
    signed_list, _ = interop.sign_did_web(status_list, "eddsa-rdfc-2022", did, seed=SEED, keep_issuer=True)
    (root / "institutions" / "demo").mkdir(parents=True)
    (root / "institutions" / "demo" / "did.json").write_text(json.dumps(did_document))
    (root / "status").mkdir()
    # SimpleHTTPRequestHandler guesses the type from the name: serve the list as .json
    (root / "status" / "1.json").write_text(json.dumps(signed_list))
    out = interop.verify(
        signed,
        rewrite={
            "https://university.example.kz/status/1": base + "status/1.json",
            "https://university.example.kz/": base,
        },
    )
    assert out["summary"]["signature"] == "valid", out["summary"]
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert steps["revocation_status"]["valid"] is False  # bit 7 is set: revoked
    targets = {entry.get("target") for entry in out["network"]}
    assert base + "institutions/demo/did.json" in targets
    assert base + "status/1.json" in targets
    assert all(entry["via"] == "rewrite" for entry in out["network"])


def _status_fixture(interop, *, revoked: tuple[int, ...], purpose: str = "revocation"):
    status_url = "https://university.example.kz/status/2"
    unsigned = copy.deepcopy(UNSIGNED_V2)
    unsigned["issuer"] = DID_WEB
    unsigned["credentialStatus"] = {
        "id": status_url + "#42",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "42",
        "statusListCredential": status_url,
    }
    signed, did_document = interop.sign_did_web(
        unsigned, "eddsa-rdfc-2022", DID_WEB, seed=SEED, keep_issuer=True
    )
    status_list = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": status_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": DID_WEB,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": status_url + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_list_encoded(revoked),
        },
    }
    signed_list, _ = interop.sign_did_web(
        status_list, "eddsa-rdfc-2022", DID_WEB, seed=SEED, keep_issuer=True
    )
    resources = {interop.did_web_document_url(DID_WEB): did_document, status_url: signed_list}
    return signed, resources, status_url


def test_status_list_not_revoked(interop):
    signed, resources, _ = _status_fixture(interop, revoked=(41, 43))
    out = interop.verify(signed, resources=resources)
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert out["summary"]["signature"] == "valid"
    assert steps["revocation_status"]["valid"] is True


def test_status_list_revoked(interop):
    signed, resources, _ = _status_fixture(interop, revoked=(42,))
    out = interop.verify(signed, resources=resources)
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert steps["revocation_status"]["valid"] is False


def test_status_list_missing_is_an_error_step(interop):
    signed, resources, status_url = _status_fixture(interop, revoked=())
    del resources[status_url]
    out = interop.verify(signed, resources=resources)
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert out["summary"]["signature"] == "valid"
    assert steps["revocation_status"]["error"]["name"] == "status_list_not_found"


def test_status_list_tampered_is_a_signature_error_step(interop):
    signed, resources, status_url = _status_fixture(interop, revoked=())
    resources[status_url]["credentialSubject"]["encodedList"] = status_list_encoded((42,))
    out = interop.verify(signed, resources=resources)
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert "valid" not in steps["revocation_status"]
    assert steps["revocation_status"]["error"]["name"] == "status_list_signature_error"


def test_status_purpose_mismatch_is_an_error_step(interop):
    signed, resources, _ = _status_fixture(interop, revoked=(), purpose="suspension")
    out = interop.verify(signed, resources=resources)
    steps = {step["id"]: step for step in out["summary"]["log"]}
    assert steps["revocation_status"]["error"]["name"] == "status_list_error", steps


def test_registry_from_resources(interop):
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022")
    registry_url = "https://registry.example/registry.json"
    out = interop.verify(
        signed,
        resources={
            registry_url: {
                "registry": {
                    signed["issuer"]: {
                        "name": "Demo University",
                        "url": "https://u.example",
                        "location": "Astana",
                    }
                }
            }
        },
        known_did_registries=[
            {"type": "dcc-legacy", "name": "Test registry", "url": registry_url},
            {"type": "dcc-legacy", "name": "Unreachable", "url": "https://registry.example/missing.json"},
        ],
    )
    step = next(s for s in out["result"]["log"] if s["id"] == "registered_issuer")
    assert step["valid"] is True
    assert step["matchingIssuers"][0]["issuer"]["federation_entity"]["organization_name"] == "Demo University"
    assert [r["name"] for r in step["uncheckedRegistries"]] == ["Unreachable"]


def test_unsigned_presentation_of_js_signed_credential(interop):
    signed = interop.sign(copy.deepcopy(UNSIGNED_V2), "eddsa-rdfc-2022")
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [signed],
    }
    out = interop.verify(presentation, presentation=True, unsigned_presentation=True)
    assert out["summary"]["signature"] == "unsigned"
    assert [c["signature"] for c in out["summary"]["credentials"]] == ["valid"]


def test_harness_error_on_bad_input(interop, tmp_path):
    with pytest.raises(interop.HarnessError):
        interop.verify([1, 2, 3])  # not a JSON object
    with pytest.raises(ValueError):
        interop.sign(copy.deepcopy(UNSIGNED_V2), "no-such-suite")


def test_no_node_modules_or_generated_fixture_is_committed():
    """node_modules stays out of git (the harness installs it with `npm ci`)."""
    root = Path(__file__).resolve().parents[2]
    ignore = (root / ".gitignore").read_text()
    assert "node_modules/" in ignore.splitlines()
    lock = json.loads((Path(__file__).parent / "package-lock.json").read_text())
    deps = json.loads((Path(__file__).parent / "package.json").read_text())["dependencies"]
    assert all(not v.startswith(("^", "~")) for v in deps.values()), deps
    assert lock["packages"][""]["dependencies"] == deps
