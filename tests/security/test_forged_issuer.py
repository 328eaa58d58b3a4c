"""A credential naming a trusted institution as issuer but signed by someone else's key."""

from __future__ import annotations

import httpx
import pytest

from common.fetch import Fetcher
from tests.support.verifier import FakeStatus, Key, diploma, entry, sign, trust_list, write_json
from verifier import verify_credential
from verifier.context import VerificationContext

UNDEFINED_TERMS = "https://www.w3.org/ns/credentials/undefined-terms/v2"


def _offline(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("offline test", request=request)


@pytest.fixture
def ctx(tmp_path):
    uni, ministry = Key.generate(), Key.generate()
    trust = write_json(tmp_path / "trust-list.json", trust_list(ministry, [entry(uni.did)]))
    fetcher = Fetcher(["*"], transport=httpx.MockTransport(_offline), resolver=lambda host: ["93.184.216.34"])
    context = VerificationContext.build(
        fetcher, trust_lists=[str(trust)], trust_anchors=[ministry.did], status_checker=FakeStatus()
    )
    return uni, context


@pytest.mark.parametrize("field", ["coIssuers", "coIssuer"])
def test_self_declared_co_issuer_cannot_sign_for_a_trusted_issuer(ctx, field):
    uni, context = ctx
    forger = Key.generate()
    credential = diploma(uni)  # issuer: the trusted university
    credential[field] = [forger.did] if field == "coIssuers" else {"id": forger.did}
    credential["@context"] = [*credential["@context"], UNDEFINED_TERMS]  # so the extra term is signable
    report = verify_credential(sign(credential, forger), context=context)
    assert report.verdict != "valid"
    assert report.check("issuer_key").status == "failed"


def test_genuine_issuer_proof_still_verifies(ctx):
    uni, context = ctx
    report = verify_credential(sign(diploma(uni), uni), context=context)
    assert report.verdict == "valid"


def test_proof_dated_before_a_later_compromise_is_flagged(tmp_path):
    """The thief of a key can backdate `created` before the compromise time: such a proof is
    never `valid` on its date alone (issue 12.4a), and says why."""
    did = "did:web:uni.example:institutions:demo"
    uni, ministry = Key.generate(did), Key.generate()
    trust = write_json(tmp_path / "tl.json", trust_list(ministry, [entry(did)]))
    document = uni.did_document(revoked="2025-01-01T00:00:00Z")

    def serve(request: httpx.Request) -> httpx.Response:
        if str(request.url) == "https://uni.example/institutions/demo/did.json":
            return httpx.Response(200, json=document)
        return httpx.Response(404)

    fetcher = Fetcher(["*"], transport=httpx.MockTransport(serve), resolver=lambda host: ["93.184.216.34"])
    context = VerificationContext.build(fetcher, trust_lists=[str(trust)], trust_anchors=[ministry.did],
                                        status_checker=FakeStatus())
    report = verify_credential(sign(diploma(uni), uni, created="2024-12-31T23:00:00Z"), context=context)
    check = report.check("issuer_key")
    assert (check.status, check.code) == ("indeterminate", "key_compromised_uncorroborated")
    assert report.verdict != "valid"
    assert "2025-01-01" in check.message["kk"] and "2025-01-01" in check.message["ru"]
