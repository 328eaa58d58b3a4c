"""Checks read what was signed: a JSON-LD respelling that leaves the signed graph unchanged
cannot change a verdict, through any entry point (issue 12). Reproduced on the demo: BD
00000002 revoked, its `credentialStatus` moved to the absolute IRI of the term."""

from __future__ import annotations

import json

import pytest

from keys.dataintegrity import verify_proofs

STATUS_IRI = "https://www.w3.org/2018/credentials#credentialStatus"
V2 = "https://www.w3.org/ns/credentials/v2"


def respell_status(credential: dict) -> dict:
    out = {k: v for k, v in credential.items() if k != "credentialStatus"}
    out[STATUS_IRI] = credential["credentialStatus"]
    return out


@pytest.fixture(scope="module")
def revoked_respelled(demo):
    credential = respell_status(demo.diploma("BD-00000002"))
    results = verify_proofs(credential, demo.context().resolver)
    assert results and all(r.ok for r in results), "the respelling keeps the signature valid"
    return credential


def test_post_api_v1_verify(demo, revoked_respelled):
    body = demo.client.post("/api/v1/verify", json={"credential": revoked_respelled}).json()
    assert body["verdict"] == "invalid", body
    assert {c["id"]: c["code"] for c in body["checks"]}["status_revocation"] == "revoked"


def test_vcapi_credentials_verify(demo, revoked_respelled):
    r = demo.client.post("/credentials/verify", json={"verifiableCredential": revoked_respelled})
    assert r.json()["verified"] is False, r.text


def test_vcapi_presentations_verify(demo, revoked_respelled):
    vp = {"@context": [V2], "type": ["VerifiablePresentation"], "verifiableCredential": [revoked_respelled]}
    r = demo.client.post("/presentations/verify", json={"verifiablePresentation": vp})
    assert r.json()["verified"] is False, r.text


def test_in_process(demo, revoked_respelled):
    from verifier import verify_credential

    report = verify_credential(revoked_respelled, context=demo.context())
    assert report.verdict == "invalid"
    assert report.revoked


def test_cli(demo, revoked_respelled, cli, tmp_path):
    bundle = demo.bundle(tmp_path / "bundle", [demo.diploma("BD-00000002")])
    path = tmp_path / "respelled.json"
    path.write_text(json.dumps(revoked_respelled), "utf-8")
    code, out, err = cli("verify", str(path), "--bundle", str(tmp_path / "bundle"), "--format", "json",
                         env={"DALEL_ROLE": "verifier", "DALEL_TRUST_LISTS": json.dumps(bundle["trust_lists"]),
                              "DALEL_TRUST_ANCHORS": json.dumps(bundle["trust_anchors"])})
    assert code == 1, out + err
    assert json.loads(out)["verdict"] == "invalid"


def test_the_unchanged_revoked_diploma_is_revoked(demo):
    from verifier import verify_credential

    assert verify_credential(demo.diploma("BD-00000002"), context=demo.context()).revoked
    assert verify_credential(demo.diploma("BD-00000001"), context=demo.context()).verdict == "valid"
