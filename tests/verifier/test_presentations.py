"""Presentations of issued Dalel credentials, end to end: the wallet's presentation.json (the
diploma and its supplement) verifies through POST /presentations/verify and in Python, each
credential as its own document; a tampered credential fails; a VC 1.1 presentation cannot carry
VC 2.0 credentials; DCC's verifier-core agrees. Tests may use the issuer and the wallet; the
verifier package never imports them."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest
from sqlmodel import Session

from tests.support import issuer as issuer_helpers
from tests.support.verifier import Key

HARNESS = Path(__file__).resolve().parents[1] / "interop" / "conftest.py"
V1 = "https://www.w3.org/2018/credentials/v1"


@pytest.fixture
def issued(app, client, settings, engine):
    from common.fetch import Fetcher
    from issuer.service import issue_diploma
    from issuer.setup import ensure_ministry_key
    from keys.keystore import Keystore
    from verifier.context import VerificationContext

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as session:
        seed = issuer_helpers.seed_institution(session, keystore, settings)
        ensure_ministry_key(session, keystore)
        data = {**issuer_helpers.row(), "courses": [
            {"course_code": "CS101", "course_title_en": "Programming", "credits": "5", "grade": "A"},
        ]}
        item = issue_diploma(session, keystore, settings, institution=seed.slug, data=data, actor=seed.actor)
    fetcher = Fetcher.from_settings(settings, transport=client._transport)
    ctx = app.state.ctx
    ctx.fetcher = fetcher
    ctx.extras["verification_context"] = VerificationContext.from_settings(settings, fetcher)
    item.seed = seed
    item.keystore = keystore
    item.vctx = ctx.extras["verification_context"]
    return item


def _download(client, issued) -> dict:
    r = client.get(f"/api/v1/diplomas/{issued.series}/{issued.number}/presentation.json",
                   headers={"Authorization": f"Bearer {issued.seed.token}"})
    assert r.status_code == 200, r.text
    return r.json()


def test_the_wallet_presentation_verifies(client, issued):
    from verifier import verify_credential, verify_presentation

    vp = _download(client, issued)
    assert [c["id"] for c in vp["verifiableCredential"]] == [issued.credential_id, issued.supplement_id]
    r = client.post("/presentations/verify", json={"verifiablePresentation": vp})
    body = r.json()
    assert r.status_code == 200, json.dumps(body, indent=1)
    assert body["verified"] is True and body["errors"] == []
    assert {"format", "credentials", "related_resources"} <= set(body["checks"])
    results = body["credentialResults"]
    assert [(c["id"], c["verified"], c["verdict"]) for c in results] == [
        (issued.credential_id, True, "valid"), (issued.supplement_id, True, "valid")]
    assert "proof" in results[0]["checks"] and "status_revocation" in results[1]["checks"]
    # the same in Python, and each embedded credential on its own
    status, python_body = verify_presentation(vp, context=issued.vctx)
    assert status == 200 and python_body["verified"] is True
    for credential in vp["verifiableCredential"]:
        report = verify_credential(credential, context=issued.vctx)
        assert report.verdict == "valid", report.to_dict()


def test_a_tampered_credential_in_the_presentation_fails(client, issued):
    vp = _download(client, issued)
    vp["verifiableCredential"][0]["credentialSubject"]["name"] = "Someone Else"
    r = client.post("/presentations/verify", json={"verifiablePresentation": vp})
    body = r.json()
    assert r.status_code == 400 and body["verified"] is False
    codes = {(e["id"], e["code"]) for e in body["errors"]}
    assert ("credential[0].proof", "invalid_signature") in codes
    # the supplement is still the issuer's, but it no longer names this (altered) diploma
    assert ("credential[1].related_resource", "related_resource_mismatch") in codes
    assert [c["verified"] for c in body["credentialResults"]] == [False, True]
    assert "credentials" not in body["checks"]


def test_a_supplement_of_another_diploma_is_caught(client, issued, engine, settings):
    from issuer.service import issue_diploma

    with Session(engine) as session:
        other = issue_diploma(session, issued.keystore, settings, institution=issued.seed.slug,
                              data=issuer_helpers.row(2, name_latin="Aigerim Sarsenbayeva"), actor=issued.seed.actor)
    vp = _download(client, issued)
    # another graduate's supplement: it names its own diploma, absent here, so nothing binds it
    # to this one; with both diplomas present it must match its own and not the other
    vp["verifiableCredential"] = [vp["verifiableCredential"][0], other.diploma, other.supplement]
    body = client.post("/presentations/verify", json={"verifiablePresentation": vp}).json()
    assert body["verified"] is True and "related_resources" in body["checks"]
    forged = copy.deepcopy(other.supplement)
    forged["relatedResource"]["id"] = issued.credential_id  # breaks its signature, and its digest is wrong
    vp["verifiableCredential"] = [vp["verifiableCredential"][0], forged]
    body = client.post("/presentations/verify", json={"verifiablePresentation": vp}).json()
    codes = {(e["id"], e["code"]) for e in body["errors"]}
    assert ("credential[1].related_resource", "related_resource_mismatch") in codes
    assert ("credential[1].proof", "invalid_signature") in codes


def test_a_holder_signed_presentation(client, issued):
    from keys.dataintegrity import add_proof

    holder = Key.generate()
    vp = _download(client, issued)
    vp["holder"] = holder.did
    signed = add_proof(vp, holder, cryptosuite="eddsa-rdfc-2022", proof_purpose="authentication",
                       challenge="c-123", domain="hr.example")
    ok = client.post("/presentations/verify", json={"verifiablePresentation": signed,
                                                     "options": {"challenge": "c-123", "domain": "hr.example"}})
    assert ok.status_code == 200, ok.json()
    assert {"proof", "credentials"} <= set(ok.json()["checks"])
    wrong = client.post("/presentations/verify", json={"verifiablePresentation": signed,
                                                        "options": {"challenge": "other", "domain": "hr.example"}})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["id"] == "proof"
    # the holder's proof covers the embedded credentials too
    tampered = copy.deepcopy(signed)
    tampered["verifiableCredential"][1]["name"] = "Altered"
    assert client.post("/presentations/verify", json={"verifiablePresentation": tampered,
                                                       "options": {"challenge": "c-123", "domain": "hr.example"}}
                       ).status_code == 400


def test_a_vc11_presentation_cannot_carry_vc20_credentials(client, issued):
    """The credentials/v1 context keeps its protected terms active inside embedded credentials
    (no ``@context: null`` on verifiableCredential), so the VC 2.0 diploma redefines them."""
    from keys import jsonld

    vp = _download(client, issued)
    jsonld.expand(vp)  # a VC 2.0 presentation is valid JSON-LD with its credentials in it
    old = dict(vp, **{"@context": [V1]})
    with pytest.raises(jsonld.JsonLdError) as caught:
        jsonld.expand(old)
    assert caught.value.code == "protected_term_redefinition"
    # unsigned, it is only a container: the credentials still verify one by one
    body = client.post("/presentations/verify", json={"verifiablePresentation": old}).json()
    assert body["verified"] is True
    assert [w["code"] for w in body["warnings"] if w["id"] == "format"] == ["presentation_context_conflict"]
    # signed, its proof would cover a document that is not valid JSON-LD
    signed = dict(old, proof={"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
                              "proofPurpose": "authentication", "verificationMethod": "did:key:z6Mk#z6Mk",
                              "proofValue": "z1111"})
    r = client.post("/presentations/verify", json={"verifiablePresentation": signed})
    assert r.status_code == 400
    assert ("format", "presentation_context_conflict") in {(e["id"], e["code"]) for e in r.json()["errors"]}


@pytest.mark.interop
def test_verifier_core_agrees_on_the_wallet_presentation(client, issued, engine, settings):
    if not HARNESS.is_file():
        pytest.skip("the interop harness (tests/interop) is not merged")
    spec = importlib.util.spec_from_file_location("dalel_interop_harness", HARNESS)
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    harness.ensure_node_harness()
    from keys.jsonld import CONTEXTS_DIR
    from keys.service import institution_did_document

    with Session(engine) as session:
        did_doc = institution_did_document(session, issued.seed.slug, settings.public_url)
    resources = {f"https://testserver/institutions/{issued.seed.slug}/did.json": did_doc}
    contexts = {"https://dalel.kz/ns/credentials/v1": json.loads(
        (CONTEXTS_DIR / "dalel-credentials-v1.jsonld").read_text("utf-8"))}
    vp = _download(client, issued)
    tampered = copy.deepcopy(vp)
    tampered["verifiableCredential"][0]["credentialSubject"]["name"] = "Someone Else"
    for presentation, expected in ((vp, ["valid", "valid"]), (tampered, ["invalid", "valid"])):
        out = harness.js_verify(presentation, resources=resources, contexts=contexts, presentation=True,
                                unsigned_presentation=True)
        assert out["summary"]["signature"] == "unsigned"
        js = [c["signature"] for c in out["summary"]["credentials"]]
        body = client.post("/presentations/verify", json={"verifiablePresentation": presentation}).json()
        dalel = ["valid" if "proof" in c["checks"] else "invalid" for c in body["credentialResults"]]
        assert js == dalel == expected
