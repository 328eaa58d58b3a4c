"""End to end in one process: the issuer signs a diploma (eddsa-rdfc-2022, did:web), the
ministry publishes the trust list, and the verifier fetches DID documents and the trust list
from the same app through the fetcher (the TestClient's transport stands in for the network).
Tests may use the issuer; the verifier package never imports it."""

from __future__ import annotations

import copy

import pytest
from sqlmodel import Session

from tests.support import issuer as issuer_helpers


@pytest.fixture
def issued(app, client, settings, engine):
    from issuer.lookup import find_by_verify_token
    from issuer.service import issue_diploma
    from issuer.setup import ensure_ministry_key
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as session:
        seed = issuer_helpers.seed_institution(session, keystore, settings)
        ensure_ministry_key(session, keystore)
        item = issue_diploma(session, keystore, settings, institution=seed.slug, data=issuer_helpers.row(), actor=seed.actor)

    from common.fetch import Fetcher
    from verifier.context import VerificationContext
    from verifier.lookup import TokenResolution

    def lookup(token, organisation=None):
        with Session(engine) as session:
            diploma = find_by_verify_token(session, token)
            return TokenResolution("ok", [diploma.credential]) if diploma else TokenResolution("unknown")

    fetcher = Fetcher.from_settings(settings, transport=client._transport)
    ctx = app.state.ctx
    ctx.fetcher = fetcher
    ctx.extras["verification_context"] = VerificationContext.from_settings(settings, fetcher)
    ctx.extras["credential_lookup"] = lookup
    item.keystore = keystore
    return item


def test_issued_diploma_verifies_on_the_public_page(client, issued):
    body = client.get(f"/api/v1/verify/{issued.verify_token}").json()
    checks = {c["id"]: (c["status"], c["code"]) for c in body["checks"]}
    assert checks["format"][0] == "passed", checks
    assert checks["proof"] == ("passed", "valid"), checks
    assert checks["issuer_key"][0] == "passed"
    assert checks["issuer_trust"][0] == "passed", checks
    assert checks["accreditation"][0] == "passed", checks
    assert body["credential"]["series_number"] == issued.display
    assert checks["status_revocation"] == ("passed", "not_revoked"), checks
    assert checks["status_suspension"] == ("passed", "not_suspended"), checks
    assert body["verdict"] == "valid"
    for lang, words in (("kk", "Диплом жарамды"), ("ru", "Диплом действителен"), ("en", "The diploma is valid")):
        page = client.get(f"/v/{issued.verify_token}?lang={lang}")
        assert page.status_code == 200
        assert words in page.text


@pytest.mark.parametrize(("action", "lang", "words"), [
    ("revoke", "ru", "Диплом ОТОЗВАН"),
    ("suspend", "kk", "Дипломның қолданылуы ТОҚТАТЫЛҒАН"),
])
def test_revocation_and_suspension_are_seen_at_once(client, issued, settings, engine, action, lang, words):
    from issuer.status import set_status

    assert client.get(f"/api/v1/verify/{issued.verify_token}").json()["verdict"] == "valid"
    with Session(engine) as session:
        set_status(session, issued.series, issued.number, action, "other", keystore=issued.keystore,
                   public_url=settings.public_url)
    body = client.get(f"/api/v1/verify/{issued.verify_token}").json()
    assert body["verdict"] == "invalid"
    page = client.get(f"/v/{issued.verify_token}?lang={lang}")
    assert words in page.text and 'class="verdict red"' in page.text


def test_tampered_issued_diploma_is_invalid(client, issued):
    credential = copy.deepcopy(issued.diploma)
    credential["credentialSubject"]["name"] = "Someone Else"
    body = client.post("/api/v1/verify", json={"credential": credential}).json()
    assert body["verdict"] == "invalid"
    assert {c["id"]: c["status"] for c in body["checks"]}["proof"] == "failed"


def test_url_of_the_verify_page(client, issued):
    body = client.post("/api/v1/verify", json={"url": issued.verify_url}).json()
    assert {c["id"]: c["status"] for c in body["checks"]}["proof"] == "passed"
