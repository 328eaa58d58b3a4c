"""The public page GET /v/{token} in kk/ru/en, its JSON twin, POST /api/v1/verify, the VC-API
verify endpoints, rate limiting."""

from __future__ import annotations

import copy
import json
import re

import pytest

from tests.support.verifier import FakeStatus, Key, diploma, sign
from verifier.lookup import TokenResolution
from verifier.ratelimit import RateLimiter

VALID = "7kQ9vS2mXn4pR8tY3wZ6bC1dF5gH"
REVOKED = "8mR2tU4vW6xY8zA1bC3dE5fG7hJ"
TAMPERED = "9nS3uV5wX7yZ9aB2cD4eF6gH8jK"
EXPIRED = "2pT4vW6xY8zA2bC4dE6fG8hJ1kL"
WITHDRAWN = "3qU5wX7yZ9aB3cD5eF7gH9jK2mN"
SUPERSEDED = "4rV6xY8zA1bC4dE6fG8hJ1kL3mP"

HEADLINES = {
    "valid": {"kk": "Диплом жарамды", "ru": "Диплом действителен", "en": "The diploma is valid"},
    "revoked": {"kk": "Диплом КЕРІ ҚАЙТАРЫЛДЫ", "ru": "Диплом ОТОЗВАН", "en": "The diploma has been REVOKED"},
    "invalid": {"kk": "Диплом ЖАРАМСЫЗ", "ru": "Диплом НЕДЕЙСТВИТЕЛЕН", "en": "The diploma is NOT valid"},
    "not_genuine": {"kk": "Диплом ТҮПНҰСҚА ЕМЕС", "ru": "Диплом НЕ ПОДЛИННЫЙ", "en": "The diploma is NOT genuine"},
}


class Lookup:
    def __init__(self, table):
        self.table = table
        self.calls = []

    def __call__(self, token, organisation=None):
        self.calls.append((token, organisation))
        return self.table.get(token, TokenResolution("unknown"))


class StatusByCredential(FakeStatus):
    def __init__(self, revoked_ids):
        super().__init__()
        self.revoked_ids = revoked_ids

    def __call__(self, credential, **kwargs):
        state = "set" if credential.get("id") in self.revoked_ids else "unset"
        return [self.result("revocation", state), self.result("suspension", "unset")]


@pytest.fixture
def world(uni, make_ctx):
    valid = sign(diploma(uni), uni)
    revoked = sign(diploma(uni), uni)
    tampered = copy.deepcopy(sign(diploma(uni), uni))
    tampered["credentialSubject"]["name"] = "Someone Else"
    table = {
        VALID: TokenResolution("ok", [valid]),
        REVOKED: TokenResolution("ok", [revoked]),
        TAMPERED: TokenResolution("ok", [tampered]),
        EXPIRED: TokenResolution("expired"),
        WITHDRAWN: TokenResolution("revoked"),
        SUPERSEDED: TokenResolution("ok", [valid], superseded_by="https://uni.example/credentials/newer"),
    }
    return {
        "ctx": make_ctx(status=StatusByCredential({revoked["id"]})),
        "lookup": Lookup(table),
        "valid": valid,
        "revoked": revoked,
        "tampered": tampered,
    }


@pytest.fixture
def vclient(app, client, world):
    app.state.ctx.extras["verification_context"] = world["ctx"]
    app.state.ctx.extras["credential_lookup"] = world["lookup"]
    app.state.ctx.extras["verify_rate_limiter"] = RateLimiter(0, 1)  # off, except where a test sets one
    return client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --------------------------------------------------------------------------- the page


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_valid_page_in_each_language(vclient, lang):
    response = vclient.get(f"/v/{VALID}?lang={lang}")
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{lang}">' in html
    assert 'data-verdict="valid"' in html and 'class="verdict green"' in html
    assert HEADLINES["valid"][lang] in html
    # the result comes first: before the details
    assert html.index(HEADLINES["valid"][lang]) < html.index("Aigerim Nurlanovna")
    assert "BD 00012345" in html and "6B06101" in html
    # the award date in the page's language (Asia/Almaty), not ISO
    assert {"kk": "2024 ж. 30 маусым", "ru": "30 июня 2024 г.", "en": "June 30, 2024"}[lang] in text_of(html)
    assert "2024-06-30" not in text_of(html)
    assert {"kk": "Информатика", "ru": "Информатика", "en": "Computer Science"}[lang] in html
    assert html.count("data-check=") == 9
    # a visible switcher with the other languages
    for other in ("kk", "ru", "en"):
        assert f'hreflang="{other}"' in html
    assert "<script" not in html.lower()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_revoked_page_says_so(vclient, lang):
    html = vclient.get(f"/v/{REVOKED}?lang={lang}").text
    assert HEADLINES["revoked"][lang] in html
    assert 'class="verdict red"' in html and 'data-verdict="invalid"' in html
    assert 'data-check="status_revocation" data-status="failed"' in html


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_tampered_page_is_invalid(vclient, lang):
    html = vclient.get(f"/v/{TAMPERED}?lang={lang}").text
    # a failed signature headlines "not genuine" (issue 11.7), never a fact of the forgery
    assert HEADLINES["not_genuine"][lang] in html and 'data-verdict="invalid"' in html
    assert 'data-check="proof" data-status="failed"' in html
    assert 'data-details="omitted"' in html and "Someone Else" not in html
    assert 'data-check="accreditation" data-status="passed"' not in html
    banner = html[html.index('class="verdict red"'):html.index("</section>")]
    assert {"kk": "Себебі", "ru": "Причина", "en": "Reason"}[lang] in banner


def test_language_from_accept_language(vclient):
    html = vclient.get(f"/v/{VALID}", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}).text
    assert '<html lang="ru">' in html and HEADLINES["valid"]["ru"] in html
    html = vclient.get(f"/v/{VALID}", headers={"Accept-Language": "en"}).text
    assert HEADLINES["valid"]["en"] in html


def test_page_is_small_noindex_and_without_personal_data(vclient, world):
    response = vclient.get(f"/v/{VALID}?lang=kk")
    assert len(response.content) < 60 * 1024
    assert '<meta name="robots" content="noindex' in response.text
    assert "noindex" in response.headers["x-robots-tag"]
    assert response.headers["cache-control"] == "no-store"
    credential = world["valid"]
    identifier = credential["credentialSubject"]["identifier"][0]
    for secret in (identifier["identityHash"], identifier["identityHash"].split("$")[1]):
        assert secret not in response.text
    assert not re.search(r"\b\d{12}\b", text_of(response.text)), "nothing that looks like an IIN"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_unknown_token_is_a_404_page_in_the_language(vclient, lang):
    response = vclient.get(f"/v/NoSuchToken1234567890abc?lang={lang}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert {"kk": "табылмады", "ru": "не найдена", "en": "not found"}[lang] in response.text
    assert "noindex" in response.headers["x-robots-tag"]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_expired_and_withdrawn_links_have_clear_pages(vclient, lang):
    expired = vclient.get(f"/v/{EXPIRED}?lang={lang}")
    assert expired.status_code == 410
    assert {"kk": "мерзімі өтіп кетті", "ru": "истёк", "en": "has expired"}[lang] in expired.text
    withdrawn = vclient.get(f"/v/{WITHDRAWN}?lang={lang}")
    assert withdrawn.status_code == 410
    assert {"kk": "жойған", "ru": "отозвал", "en": "withdrawn"}[lang] in withdrawn.text


def test_superseded_page_links_the_newer_version(vclient):
    html = vclient.get(f"/v/{SUPERSEDED}?lang=en").text
    assert 'href="https://uni.example/credentials/newer"' in html
    assert "A newer, corrected version" in html


def test_organisation_typed_by_the_viewer_reaches_the_lookup(vclient, world):
    vclient.get(f"/v/{VALID}?org=  Kaspi   Bank ")
    assert world["lookup"].calls[-1] == (VALID, "Kaspi Bank")


# --------------------------------------------------------------------------- JSON twin and POST


def test_json_twin(vclient):
    body = vclient.get(f"/api/v1/verify/{VALID}").json()
    assert body["verdict"] == "valid"
    assert [c["id"] for c in body["checks"]][0] == "format"
    revoked = vclient.get(f"/api/v1/verify/{REVOKED}").json()
    assert revoked["verdict"] == "invalid"


def test_json_twin_unknown_and_expired_are_problems(vclient):
    unknown = vclient.get("/api/v1/verify/NoSuchToken1234567890abc?lang=ru")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert unknown.json()["title"] == "Ссылка для проверки не найдена"
    assert vclient.get(f"/api/v1/verify/{EXPIRED}").status_code == 410


def test_post_credential_object_and_text(vclient, world):
    body = vclient.post("/api/v1/verify", json={"credential": world["valid"]}).json()
    assert body["verdict"] == "valid"
    body = vclient.post("/api/v1/verify", json={"credential": json.dumps(world["tampered"])}).json()
    assert body["verdict"] == "invalid"


def test_post_url_of_our_verify_page_and_qr(vclient):
    body = vclient.post("/api/v1/verify", json={"url": f"http://testserver/v/{VALID}"}).json()
    assert body["verdict"] == "valid"
    supersession = [c for c in body["checks"] if c["id"] == "supersession"][0]
    assert supersession["status"] == "passed"
    body = vclient.post("/api/v1/verify", json={"qr": f"http://testserver/v/{REVOKED}"}).json()
    assert body["verdict"] == "invalid"
    gone = vclient.post("/api/v1/verify", json={"qr": f"http://testserver/v/{EXPIRED}"})
    assert gone.status_code == 410


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "input-bad-request"),
        ({"credential": {}, "url": "https://x"}, "input-bad-request"),
        ({"url": 5}, "input-bad-request"),
        ({"credential": "not a credential"}, "input-unrecognised"),
        ({"credential": "{broken"}, "malformed-json"),
        ([1, 2], "input-bad-request"),
        ({"credential": {"a": 1}, "at": "yesterday"}, "input-bad-date"),
    ],
)
def test_post_problems(vclient, payload, code):
    response = vclient.post("/api/v1/verify", json=payload)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


def test_post_url_outside_the_allowlist_is_refused(vclient):
    response = vclient.post("/api/v1/verify", json={"url": "https://10.0.0.1/credential.json"})
    assert response.status_code in (400, 502)
    assert response.headers["content-type"].startswith("application/problem+json")


def test_post_deeply_nested_input(vclient):
    deep = "[" * 50 + "]" * 50
    response = vclient.post("/api/v1/verify", content='{"credential": ' + deep + "}", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["code"] in ("input-too-deep", "input-not-json-object", "malformed-json")


# --------------------------------------------------------------------------- VC-API


def test_vcapi_credentials_verify(vclient, world):
    ok = vclient.post("/credentials/verify", json={"verifiableCredential": world["valid"], "options": {}})
    assert ok.status_code == 200
    assert ok.json()["errors"] == [] and "proof" in ok.json()["checks"]
    bad = vclient.post("/credentials/verify", json={"verifiableCredential": world["tampered"], "options": {}})
    assert bad.status_code == 400
    assert any(e["id"] == "proof" for e in bad.json()["errors"])
    assert vclient.post("/credentials/verify", json={"options": {}}).status_code == 400


def test_vcapi_untrusted_issuer_is_a_warning_not_an_error(vclient):
    outsider = Key.generate()
    response = vclient.post("/credentials/verify", json={"verifiableCredential": sign(diploma(outsider), outsider)})
    assert response.status_code == 200
    assert any(w["id"] == "issuer_trust" for w in response.json()["warnings"])


def _example_credential(uni):
    return sign({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential", "ExampleAlumniCredential"],
        "issuer": uni.did,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:123", "alumniOf": "Demo University"},
    }, uni)


def test_vcapi_presentations_verify(vclient, world, uni):
    from keys.dataintegrity import add_proof

    credential = _example_credential(uni)
    tampered = dict(credential, validFrom="2023-01-01T00:00:00Z")
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": uni.did,
        "verifiableCredential": [credential],
    }
    signed = add_proof(presentation, uni, cryptosuite="eddsa-jcs-2022", proof_purpose="authentication",
                       challenge="abc123", domain="verifier.example")
    ok = vclient.post("/presentations/verify", json={"verifiablePresentation": signed,
                                                      "options": {"challenge": "abc123", "domain": "verifier.example"}})
    assert ok.status_code == 200, ok.json()
    wrong = vclient.post("/presentations/verify", json={"verifiablePresentation": signed, "options": {"challenge": "other"}})
    assert wrong.status_code == 400
    with_bad = dict(presentation, verifiableCredential=[tampered])
    assert vclient.post("/presentations/verify", json={"verifiablePresentation": with_bad}).status_code == 400


# --------------------------------------------------------------------------- rate limit


def test_rate_limit_gives_429_with_retry_after(app, vclient):
    app.state.ctx.extras["verify_rate_limiter"] = RateLimiter(6, 2)
    assert vclient.get(f"/api/v1/verify/{VALID}").status_code == 200
    assert vclient.get(f"/api/v1/verify/{VALID}").status_code == 200
    limited = vclient.get(f"/api/v1/verify/{VALID}")
    assert limited.status_code == 429
    assert limited.headers["content-type"].startswith("application/problem+json")
    assert int(limited.headers["retry-after"]) >= 1
    page = vclient.get(f"/v/{VALID}?lang=ru")
    assert page.status_code == 429 and "Слишком много запросов" in page.text


def test_token_bucket_refills():
    now = [0.0]
    limiter = RateLimiter(60, 1, clock=lambda: now[0])
    assert limiter.acquire("a") == 0
    assert limiter.acquire("a") > 0
    assert limiter.acquire("b") == 0
    now[0] = 1.0
    assert limiter.acquire("a") == 0


# --------------------------------------------------------------------------- upstream lookup


def test_by_token_api_and_remote_lookup(app, vclient, world):
    import httpx

    from common.fetch import Fetcher
    from verifier.lookup import remote_lookup

    body = vclient.get(f"/api/v1/credentials/by-token/{VALID}").json()
    assert body["status"] == "ok" and body["credentials"][0]["id"] == world["valid"]["id"]
    assert vclient.get("/api/v1/credentials/by-token/NoSuchToken1234567890abc").status_code == 404

    def upstream(request: httpx.Request) -> httpx.Response:
        response = vclient.get(request.url.path, params=dict(request.url.params))
        return httpx.Response(response.status_code, content=response.content, headers={"content-type": "application/json"})

    fetcher = Fetcher(["upstream.example"], transport=httpx.MockTransport(upstream), resolver=lambda h: ["93.184.216.34"])
    lookup = remote_lookup(fetcher, "https://upstream.example")
    assert lookup(VALID, "Kaspi").status == "ok"
    assert world["lookup"].calls[-1] == (VALID, "Kaspi")
    assert lookup(EXPIRED, None).status == "expired"
    assert lookup("NoSuchToken1234567890abc", None).status == "unknown"


# --------------------------------------------------------------------------- W3C suite shapes (docs/W3C-SUITES.md)


def _vc11(uni, cryptosuite="eddsa-rdfc-2022"):
    return sign({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "urn:uuid:1c3e5a8e-5a38-4b8f-9a3e-3f1b2c4d5e6f",
        "type": ["VerifiableCredential"],
        "issuer": uni.did,
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "credentialSubject": {"id": "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b"},
    }, uni, cryptosuite=cryptosuite)


@pytest.mark.parametrize("cryptosuite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_w3c_vc11_and_v2_credentials_verify_with_200(vclient, uni, cryptosuite):
    response = vclient.post("/credentials/verify", json={"verifiableCredential": _vc11(uni, cryptosuite), "options": {}})
    assert response.status_code == 200, response.json()
    assert response.json()["errors"] == []
    v2 = sign({"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
               "type": ["VerifiableCredential"], "issuer": uni.did,
               "credentialSubject": {"id": "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b", "name": "ExampleClaim"}},
              uni, cryptosuite=cryptosuite)
    response = vclient.post("/credentials/verify", json={"verifiableCredential": v2, "options": {"checks": ["proof"]}})
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize("mutation", ["string", "proof_null", "no_proof", "no_purpose", "bad_cryptosuite", "undefined_term", "short_value"])
def test_w3c_verifier_negative_cases_are_400(vclient, uni, mutation):
    credential = _vc11(uni)
    if mutation == "string":
        body = {"verifiableCredential": json.dumps(credential)}
    else:
        if mutation == "proof_null":
            credential["proof"] = None
        elif mutation == "no_proof":
            credential.pop("proof")
        elif mutation == "no_purpose":
            credential["proof"].pop("proofPurpose")
        elif mutation == "bad_cryptosuite":
            credential["proof"]["cryptosuite"] = "UnknownCryptosuite"
        elif mutation == "undefined_term":
            credential["credentialSubject"]["undefinedTerm"] = "IfDroppedWillVerify"
        elif mutation == "short_value":
            credential["proof"]["proofValue"] = credential["proof"]["proofValue"][1:]
        body = {"verifiableCredential": credential, "options": {}}
    response = vclient.post("/credentials/verify", json=body)
    assert response.status_code == 400
    assert "json" in response.headers["content-type"]


def test_w3c_nonconforming_documents_are_rejected(vclient):
    for path, key in (("/credentials/verify", "verifiableCredential"), ("/presentations/verify", "verifiablePresentation")):
        response = vclient.post(path, json={key: {"type": ["NonconformingDocument"]}})
        assert response.status_code == 400


def test_unsigned_presentation_with_a_valid_credential(vclient, uni):
    presentation = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                    "verifiableCredential": [_example_credential(uni)]}
    response = vclient.post("/presentations/verify", json={"verifiablePresentation": presentation})
    assert response.status_code == 200, response.json()
    # the verifier's challenge and domain need a proof that carries them (issue 12.5)
    response = vclient.post("/presentations/verify", json={"verifiablePresentation": presentation,
                                                            "options": {"challenge": "abc", "domain": "x"}})
    assert response.status_code == 400 and response.json()["verified"] is False
    assert ("proof", "proof_required") in {(e["id"], e["code"]) for e in response.json()["errors"]}


# --------------------------------------------------------------------------- wiring


def test_verifier_only_deployment_uses_the_upstream_lookup(settings, engine):
    from fastapi.testclient import TestClient

    from dalel.app import create_app

    verifier_settings = settings.model_copy(update={"role": "verifier", "verifier_upstream_url": "https://dalel.example"})
    app = create_app(verifier_settings, engine=engine)
    lookup = app.state.ctx.extras["credential_lookup"]
    assert lookup.__qualname__.startswith("remote_lookup")
    assert "dalel.example" in app.state.ctx.fetcher.allowed_hosts
    with TestClient(app, raise_server_exceptions=False) as c:
        by_token = c.get("/api/v1/credentials/by-token/NoSuchToken1234567890abc")
        assert by_token.headers["content-type"].startswith("application/problem+json")  # issuer roles only
        page = c.get("/v/x?lang=en")  # implausible token: no upstream call
        assert page.status_code == 404 and "not found" in page.text


def test_all_in_one_deployment_defaults(settings):
    assert settings.effective_trust_lists == ["http://testserver/trust-list"]
    assert settings.effective_trust_anchors == ["did:web:testserver:institutions:ministry"]


def test_in_process_default_context_is_the_deployments(app, make_ctx, signed_diploma):
    from verifier import verify_credential
    from verifier.context import set_default_factory

    try:
        app.state.ctx.extras["verification_context"] = make_ctx()
        assert verify_credential(signed_diploma).verdict == "valid"
        set_default_factory(None)  # the library default: no trust list configured
        assert verify_credential(signed_diploma).verdict in ("untrusted", "indeterminate")
    finally:
        set_default_factory(None)
