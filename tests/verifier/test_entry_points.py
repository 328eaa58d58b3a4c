"""One dispatcher for every input (issue 12.2), presentations bound to their holder (12.5),
honest headlines (11.7), a link of another deployment (11.9) and the typed OpenAPI of the
verifier's routes (11.5)."""

from __future__ import annotations

import copy
import json

import pytest

from keys.dataintegrity import add_proof
from tests.support.verifier import Key, diploma, sign

V2 = "https://www.w3.org/ns/credentials/v2"


def _subject_credential(issuer: Key, subject: str) -> dict:
    return sign({"@context": [V2], "id": "urn:uuid:7d6b1c1e-5a38-4b8f-9a3e-3f1b2c4d5e6f", "type": ["VerifiableCredential"],
                 "issuer": issuer.did, "validFrom": "2024-01-01T00:00:00Z",
                 "credentialSubject": {"id": subject, "name": "Aigerim"}}, issuer, cryptosuite="eddsa-rdfc-2022")


def _vp(holder: Key, credentials: list, *, challenge="c-1", domain="verifier.example") -> dict:
    vp = {"@context": [V2], "type": ["VerifiablePresentation"], "holder": holder.did, "verifiableCredential": credentials}
    return add_proof(vp, holder, cryptosuite="eddsa-rdfc-2022", proof_purpose="authentication",
                     challenge=challenge, domain=domain)


def test_holder_binding(make_ctx, uni):
    from verifier.presentation import verify_presentation

    holder, stranger = Key.generate(), Key.generate()
    ctx = make_ctx()
    options = {"challenge": "c-1", "domain": "verifier.example", "holderBinding": True}
    status, body = verify_presentation(_vp(holder, [_subject_credential(uni, holder.did)]), options, ctx)
    assert body["verified"] is True, body
    assert "holder_binding" in body["credentialResults"][0]["checks"]
    # someone else's credential, presented by a holder who is not its subject
    status, body = verify_presentation(_vp(holder, [_subject_credential(uni, stranger.did)]), options, ctx)
    assert body["verified"] is False
    assert ("credential[0].holder_binding", "holder_not_subject") in {(e["id"], e["code"]) for e in body["errors"]}
    # the wrong challenge
    status, body = verify_presentation(_vp(holder, [_subject_credential(uni, holder.did)], challenge="old"), options, ctx)
    assert body["verified"] is False and any(e["id"] == "proof" for e in body["errors"])
    # holder binding asked of an unsigned presentation
    unsigned = {"@context": [V2], "type": ["VerifiablePresentation"],
                "verifiableCredential": [_subject_credential(uni, holder.did)]}
    status, body = verify_presentation(unsigned, {"holderBinding": True}, ctx)
    assert body["verified"] is False and ("proof", "proof_required") in {(e["id"], e["code"]) for e in body["errors"]}


def test_post_api_v1_verify_takes_a_presentation(client, app, make_ctx, uni):
    """Today's routes answered a presentation with a failed format check; the dispatcher verifies it."""
    app.state.ctx.extras["verification_context"] = make_ctx()
    vp = {"@context": [V2], "type": ["VerifiablePresentation"], "verifiableCredential": [sign(diploma(uni), uni)]}
    body = client.post("/api/v1/verify", json={"credential": vp}).json()
    assert body["kind"] == "presentation" and body["verdict"] == "valid", body
    assert body["presentation"]["verified"] is True and len(body["credentials"]) == 1
    tampered = copy.deepcopy(vp)
    tampered["verifiableCredential"][0]["credentialSubject"]["name"] = "Someone Else"
    assert client.post("/api/v1/verify", json={"credential": tampered}).json()["verdict"] == "invalid"


@pytest.mark.parametrize(("lang", "words"), [
    ("kk", "осы тексеру қызметіне тиесілі емес"), ("ru", "не относится к этому сервису"), ("en", "does not belong to this"),
])
def test_a_link_of_another_deployment_is_named_so(client, lang, words):
    response = client.post(f"/api/v1/verify?lang={lang}", json={"url": "https://other.example/v/abc"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "input-foreign-link" and words in body["title"]
    assert "other.example" in body["detail"] and "not found" not in body["title"].lower()


def test_a_forged_credential_headlines_not_genuine_everywhere(cli, tmp_path, make_ctx, uni, client, app, trust_file, ministry):
    """`dalel verify tampered.json` of a revoked diploma: "NOT genuine", never "REVOKED", and no
    claim of it shown as a fact, in the CLI, the JSON and the page."""
    from tests.support.verifier import FakeStatus
    from verifier import verify_credential
    from verifier.page import render_report

    tampered = sign(diploma(uni), uni)
    tampered["validFrom"] = "2019-06-30T00:00:00Z"  # a forged award date
    report = verify_credential(tampered, context=make_ctx(status=FakeStatus(revocation="set")))
    assert report.verdict == "invalid" and not report.revoked
    assert report.credential == {"confirmed": False, "type": ["VerifiableCredential", "OpenBadgeCredential"]}
    assert report.check("accreditation").code == "not_checked"
    html = render_report(report, "en", path="/v/x")
    assert "NOT genuine" in html and "REVOKED" not in html and "2019-06-30" not in html
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(tampered), "utf-8")
    env = {"DALEL_ROLE": "verifier", "DALEL_TRUST_LISTS": json.dumps([str(trust_file)]),
           "DALEL_TRUST_ANCHORS": json.dumps([ministry.did])}
    code, out, _ = cli("verify", str(path), "--lang", "en", env=env)
    assert code == 1
    assert "The diploma is NOT genuine" in out and "REVOKED" not in out
    assert "2019-06-30" not in out and "Aigerim" not in out and "Accreditation: passed" not in out
    code, out, _ = cli("verify", str(path), "--format", "json", env=env)
    body = json.loads(out)
    assert body["credential"]["confirmed"] is False and "holder" not in body["credential"]


def test_an_unconfirmed_credential_is_labelled_so(make_ctx, uni):
    """Its key could not be obtained: the details are shown as what it claims, NOT confirmed."""
    from tests.support.verifier import FakeStatus
    from verifier.page import render_report
    from verifier.report import VerificationReport

    web = Key.generate("did:web:unreachable.example:institutions:x")
    from verifier import verify_credential

    report = verify_credential(sign(diploma(web), web), context=make_ctx(status=FakeStatus()))
    assert report.verdict == "indeterminate" and report.credential["confirmed"] is False
    html = render_report(report, "en", path="/v/x")
    assert 'data-confirmed="false"' in html and "NOT confirmed" in html
    assert isinstance(report, VerificationReport)


def test_openapi_documents_the_verifier_routes(client):
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/v1/verify"]["post"]
    content = post["requestBody"]["content"]
    assert {"application/json", "multipart/form-data", "application/pdf", "image/png", "image/jpeg"} <= set(content)
    assert {"credential", "url", "qr"} <= set(content["application/json"]["schema"]["properties"])
    assert content["application/json"]["schema"].get("examples")
    for status in ("400", "413", "422", "429"):
        assert "application/problem+json" in post["responses"][status]["content"], status
    assert post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("VerificationReportModel")
    for path, field in (("/credentials/verify", "verifiableCredential"), ("/presentations/verify", "verifiablePresentation")):
        operation = spec["paths"][path]["post"]
        assert field in operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
        assert "400" in operation["responses"] and "422" in operation["responses"]
    token = spec["paths"]["/api/v1/verify/{token}"]["get"]
    assert {"404", "410", "429"} <= set(token["responses"])
    assert "/v/{token}" in spec["paths"] and "/verify" in spec["paths"]
    schemas = spec["components"]["schemas"]
    assert {"VerificationReportModel", "CheckResult", "ProblemDetails", "VcApiResult"} <= set(schemas)
    statuses = schemas["CheckResult"]["properties"]["status"]["enum"]
    assert set(statuses) == {"passed", "failed", "warning", "indeterminate", "not_applicable"}
