"""Bounded work per request (issue 12.6): a canonicalisation budget in steps, failed
canonicalisations remembered, caps on proofs per credential and credentials per presentation,
a deadline per fetch and per verification. Over budget: 422 problem+json (the CPU figures are
in bench/hostile.py and docs/PERFORMANCE.md, not asserted here)."""

from __future__ import annotations

import time

import httpx
import pytest

from common.fetch import Fetcher, FetchError, fetch_deadline
from keys import jsonld
from tests.support.verifier import Key
from verifier.context import VerificationContext
from verifier.limits import Limits, OverBudget

V2 = "https://www.w3.org/ns/credentials/v2"


def cliques(count: int, size: int) -> dict:
    """`count` cliques of `size` blank nodes under an inline context (dataset poisoning)."""
    ctx = {"knows": {"@id": "https://example.org/knows", "@type": "@id"}}
    nodes = [{"id": f"_:c{c}n{i}", "knows": [f"_:c{c}n{j}" for j in range(size) if j != i]}
             for c in range(count) for i in range(size)]
    return {"@context": [V2, ctx], "type": ["VerifiableCredential"], "issuer": "did:example:x",
            "credentialSubject": {"knows": nodes}}


def hostile_credential(proofs: int = 16, count: int = 260, size: int = 5) -> dict:
    """About 100 KB: cliques of blank nodes, an inline context and `proofs` proofs."""
    key = Key.generate()
    document = cliques(count, size)
    document["issuer"] = key.did
    proof = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2024-01-01T00:00:00Z",
             "verificationMethod": key.verification_method, "proofPurpose": "assertionMethod",
             "proofValue": "z" + "1" * 80}
    document["proof"] = [dict(proof, id=f"urn:uuid:proof-{i}") for i in range(proofs)]
    return document


def test_a_clique_of_blank_nodes_stops_at_the_step_budget():
    with pytest.raises(jsonld.JsonLdError) as caught:
        jsonld.canonize(cliques(40, 5))
    assert caught.value.code == jsonld.CANONICALIZATION_LIMIT


def test_a_failed_canonicalisation_is_remembered(monkeypatch):
    document = cliques(30, 5)
    with pytest.raises(jsonld.JsonLdError):
        jsonld.canonize(document)
    calls = []
    original = jsonld._canonize
    monkeypatch.setattr(jsonld, "_canonize", lambda *a: calls.append(1) or original(*a))
    for _ in range(3):
        with pytest.raises(jsonld.JsonLdError) as caught:
            jsonld.canonize(document)
        assert caught.value.code == jsonld.CANONICALIZATION_LIMIT
    assert calls == []  # answered from the memo, the work not redone


def test_the_request_budget_spans_every_canonicalisation():
    with jsonld.work_budget(50), pytest.raises(jsonld.JsonLdError) as caught:
        jsonld.canonize(cliques(2, 4))
    assert caught.value.code in (jsonld.WORK_BUDGET_EXCEEDED, jsonld.CANONICALIZATION_LIMIT)


def test_hostile_credential_is_a_422_through_the_api(client):
    response = client.post("/api/v1/verify", json={"credential": hostile_credential()})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "verification-over-budget" and body["title"] and body["detail"]
    for path, key in (("/credentials/verify", "verifiableCredential"),):
        assert client.post(path, json={key: hostile_credential()}).status_code == 422


def test_three_hostile_credentials_in_a_presentation_are_a_422(client):
    vp = {"@context": [V2], "type": ["VerifiablePresentation"],
          "verifiableCredential": [hostile_credential(proofs=4, count=100) for _ in range(3)]}
    response = client.post("/presentations/verify", json={"verifiablePresentation": vp})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "verification-over-budget"


def test_proofs_per_credential_are_capped(uni):
    from tests.support.verifier import diploma, sign
    from verifier import verify_credential

    credential = sign(diploma(uni), uni)
    for _ in range(3):
        credential = sign(credential, Key.generate())
    context = VerificationContext.build(None, limits=Limits(max_proofs=3))
    with pytest.raises(OverBudget) as caught:
        verify_credential(credential, context=context)
    assert caught.value.status == 422 and "4" in caught.value.detail_in("en")
    assert verify_credential(credential, context=VerificationContext.build(None, limits=Limits(max_proofs=4)))


def test_credentials_per_presentation_are_capped(uni):
    from tests.support.verifier import diploma, sign
    from verifier.presentation import verify_presentation_outcome

    vp = {"@context": [V2], "type": ["VerifiablePresentation"],
          "verifiableCredential": [sign(diploma(uni), uni) for _ in range(3)]}
    with pytest.raises(OverBudget):
        verify_presentation_outcome(vp, {}, VerificationContext.build(None, limits=Limits(max_credentials=2)))
    assert verify_presentation_outcome(vp, {}, VerificationContext.build(None, limits=Limits(max_credentials=3)))


def _dripping(chunks: int, pause: float):
    class Drip(httpx.SyncByteStream):
        def __iter__(self):
            for _ in range(chunks):
                time.sleep(pause)
                yield b" "

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=Drip())

    return handler


def _fetcher(**kwargs) -> Fetcher:
    return Fetcher(["slow.example"], transport=httpx.MockTransport(_dripping(40, 0.05)),
                   resolver=lambda host: ["93.184.216.34"], **kwargs)


def test_a_dripping_server_is_cut_off_at_the_fetch_deadline():
    """One byte at a time never trips a read timeout; the deadline per fetch does."""
    with pytest.raises(FetchError) as caught:
        _fetcher(deadline=0.3).get_bytes("https://slow.example/status/1")
    assert caught.value.code == "timeout"


def test_every_fetch_of_a_verification_shares_one_deadline():
    fetcher = _fetcher(deadline=60)
    with fetch_deadline(0.3), pytest.raises(FetchError) as caught:
        fetcher.get_bytes("https://slow.example/status/1")
    assert caught.value.code == "timeout"


def test_a_huge_inline_context_is_a_422(uni):
    """Thousands of inline term definitions, each opening a scope: refused before pyld processes them."""
    from tests.support.verifier import diploma
    from verifier import verify_credential

    credential = diploma(uni)
    credential["@context"] = [*credential["@context"], {
        f"t{i}": {"@id": f"https://example.org/{i}", "@context": {f"s{i}": f"https://example.org/s{i}"}}
        for i in range(3000)}]
    credential["proof"] = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": "z1",
                           "verificationMethod": uni.verification_method, "proofPurpose": "assertionMethod"}
    with pytest.raises(OverBudget):
        verify_credential(credential, context=VerificationContext.build(None))
