"""VC-API issue endpoints: the request/response shapes of the W3C test suites, auth, and
the invalid credentials an issuer must refuse (from the VC 2.0 test suite's inputs)."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from keys import jsonld, proofs
from keys.keystore import Keystore
from keys.resolve import DidResolver
from keys.service import create_key
from keys.signer import KeyResolutionError

TOKEN = "vcapi-test-token-0123456789"
ISSUER = "did:web:testserver:institutions:demo"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def vcapi_settings(settings):
    return settings.model_copy(update={"vcapi_token": TOKEN})


@pytest.fixture
def api(vcapi_settings, engine):
    from dalel.app import create_app

    keystore = Keystore.open(vcapi_settings.keystore_dir, passphrase=vcapi_settings.keystore_passphrase)
    with Session(engine) as session:
        create_key(session, keystore, institution="demo")
        create_key(session, keystore, institution="demo", algorithm="p256")
    with TestClient(create_app(vcapi_settings, engine=engine), raise_server_exceptions=False) as client:
        yield client


def resolver_for(client):
    def fetch_json(url):
        assert url.startswith("https://testserver/")
        return client.get(urlsplit(url).path).json()

    resolver = DidResolver(fetch_json)

    def resolve(vm):
        try:
            return resolver.resolve_key(vm)
        except KeyResolutionError:
            raise

    return resolve


def credential(**extra):
    doc = {
        "@context": [jsonld.CREDENTIALS_V2, "https://www.w3.org/ns/credentials/examples/v2"],
        "id": "urn:uuid:5b1c0f3e-3c9a-4d2e-8f7a-6b5c4d3e2f1a",
        "type": ["VerifiableCredential", "ExampleAlumniCredential"],
        "issuer": ISSUER,
        "validFrom": "2024-07-01T19:23:24Z",
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "alumniOf": "Example University",
        },
    }
    doc.update(extra)
    return doc


def test_issue_default_suite_returns_201_and_a_verifiable_credential(api):
    response = api.post("/credentials/issue", json={"credential": credential(), "options": {}}, headers=AUTH)
    assert response.status_code == 201, response.text
    vc = response.json()["verifiableCredential"]
    assert vc["proof"]["type"] == "DataIntegrityProof"
    assert vc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert vc["proof"]["verificationMethod"].startswith(ISSUER + "#")
    results = proofs.verify(vc, resolver_for(api))
    assert proofs.all_valid(results), results


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019"])
def test_issue_per_suite_path(api, suite):
    response = api.post(
        f"/issuers/{suite}/credentials/issue", json={"credential": credential()}, headers=AUTH
    )
    assert response.status_code == 201, response.text
    vc = response.json()["verifiableCredential"]
    assert vc["proof"]["cryptosuite"] == suite
    assert proofs.all_valid(proofs.verify(vc, resolver_for(api)))


def test_issue_suite_from_options_and_created(api):
    body = {
        "credential": credential(),
        "options": {"cryptosuite": "eddsa-jcs-2022", "created": "2024-07-02T00:00:00Z"},
    }
    vc = api.post("/credentials/issue", json=body, headers=AUTH).json()["verifiableCredential"]
    assert vc["proof"]["cryptosuite"] == "eddsa-jcs-2022" and vc["proof"]["created"] == "2024-07-02T00:00:00Z"


def test_issue_enveloped_vc_jwt(api):
    response = api.post("/issuers/vc+jwt/credentials/issue", json={"credential": credential()}, headers=AUTH)
    assert response.status_code == 201, response.text
    vc = response.json()["verifiableCredential"]
    assert vc["type"] == "EnvelopedVerifiableCredential"
    token = vc["id"].removeprefix("data:application/vc+jwt,")
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["typ"] == "vc+jwt" and header["kid"].startswith(ISSUER + "#")
    assert proofs.all_valid(proofs.verify(token, resolver_for(api)))


def test_issuer_object_with_id(api):
    doc = credential(issuer={"id": ISSUER, "name": [{"@value": "Демо университеті", "@language": "kk"}]})
    assert api.post("/credentials/issue", json={"credential": doc}, headers=AUTH).status_code == 201


def test_auth_required(api):
    body = {"credential": credential()}
    missing = api.post("/credentials/issue", json=body)
    assert missing.status_code == 401
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = api.post("/credentials/issue", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    basic = api.post("/credentials/issue", json=body, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status_code == 401


def test_no_token_configured_refuses_everyone(settings, engine):
    from dalel.app import create_app

    with TestClient(create_app(settings, engine=engine), raise_server_exceptions=False) as client:
        response = client.post("/credentials/issue", json={"credential": credential()}, headers=AUTH)
        assert response.status_code == 401


def test_a_principal_bound_to_an_institution_signs_only_for_it(api, engine, vcapi_settings):
    from issuer.vcapi import issue_credential

    keystore = Keystore.open(vcapi_settings.keystore_dir, passphrase=vcapi_settings.keystore_passphrase)
    with Session(engine) as session:
        vc = issue_credential(session, keystore, vcapi_settings.public_url, credential(), acting_for="demo")
        assert vc["proof"]["verificationMethod"].startswith(ISSUER)
        with pytest.raises(Exception) as info:
            issue_credential(session, keystore, vcapi_settings.public_url, credential(), acting_for="other")
        assert getattr(info.value, "status", None) == 403


def test_unknown_issuer_is_400(api):
    for issuer in ("did:web:elsewhere.example:institutions:demo", "did:web:testserver:institutions:Bad_Slug"):
        response = api.post(
            "/credentials/issue", json={"credential": credential(issuer=issuer)}, headers=AUTH
        )
        assert response.status_code == 400 and response.json()["code"] == "unknown-issuer"


def test_unsupported_suite_and_options(api):
    body = {"credential": credential()}
    response = api.post("/issuers/bbs-2023/credentials/issue", json=body, headers=AUTH)
    assert response.status_code == 400 and response.json()["code"] == "unsupported-cryptosuite"
    response = api.post(
        "/credentials/issue", json={**body, "options": {"mandatoryPointers": ["/issuer"]}}, headers=AUTH
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid-options"
    response = api.post(
        "/issuers/eddsa-jcs-2022/credentials/issue",
        json={**body, "options": {"cryptosuite": "eddsa-rdfc-2022"}},
        headers=AUTH,
    )
    assert response.status_code == 400
    response = api.post(
        "/credentials/issue", json={**body, "options": {"created": "yesterday"}}, headers=AUTH
    )
    assert response.status_code == 400


def test_malformed_bodies(api):
    for raw in (b"{not json", b"[]", b'{"options": {}}', b'{"credential": "text"}'):
        response = api.post(
            "/credentials/issue", content=raw, headers={**AUTH, "Content-Type": "application/json"}
        )
        assert response.status_code in (400, 422), (raw, response.status_code)
        assert response.headers["content-type"].startswith("application/problem+json")


# Invalid credentials from the W3C VC 2.0 test suite (inputs typed from its tests/input):
# the suite injects the issuer id when the credential has none.
DROP = object()  # the member is removed
INVALID = {
    "context-combo3": {"@context": [jsonld.CREDENTIALS_V2, "https ://not-a-url/contexts/example/v1"]},
    "context-combo4": {"@context": [jsonld.CREDENTIALS_V2, 123192875]},
    "missing-base-context": {"@context": ["https://www.w3.org/ns/credentials/examples/v2"]},
    "no-context": {"@context": DROP},
    "no-type": {"type": DROP},
    "missing-required-type": {"type": ["ExampleAlumniCredential"]},
    "id-multi": {"id": ["https://example.org/credentials/1", "https://example.net/credentials/1"]},
    "id-null": {"id": None},
    "id-not-url": {"id": "https ://not-a-url/vcs/343cf54b"},
    "subject-id-multi": {"credentialSubject": {"id": ["did:example:one", "did:example:two"]}},
    "issuer-no-url": {"issuer": "fake-issuer"},
    "issuer-null": {"issuer": None},
    "issuer-object-id-no-url": {"issuer": {"id": "fake-issuer"}},
    "issuer-object-id-null": {"issuer": {"id": None}},
    "no-subject": {"credentialSubject": DROP},
    "subject-no-claims": {"credentialSubject": {}},
    "subject-multiple-empty": {"credentialSubject": [{"id": "did:example:subject"}, {}]},
    "evidence-missing-type": {"evidence": {}},
    "refresh-no-type": {"refreshService": {"id": "did:example:refresh/1"}},
    "schema-no-id": {"credentialSchema": {"type": "https://example.org/#ExampleTestSuiteSchema"}},
    "schema-no-type": {"credentialSchema": {"id": "did:example:schemas/1"}},
    "schema-non-url-id": {
        "credentialSchema": {"type": "https://example.org/#S", "id": "https ://not-a-url.org/x"}
    },
    "status-missing-type": {"credentialStatus": {"id": "did:example:status"}},
    "status-type-not-string": {"credentialStatus": {"id": "did:example:status", "type": 2}},
    "status-multiple-id": {"credentialStatus": {"id": ["did:example:s:1", "did:example:s:2"], "type": "X"}},
    "termsofuse-missing-type": {"termsOfUse": {}},
    "redefine-protected-type": {
        "@context": [
            jsonld.CREDENTIALS_V2,
            {"VerifiableCredential": "https://example.org/#BadVerifiableCredential"},
        ]
    },
    "redefine-protected-inline": {
        "@context": [
            jsonld.CREDENTIALS_V2,
            {
                "@protected": True,
                "ExampleVerifiableCredential": "https://example.org/#ExampleVerifiableCredential",
            },
            {"ExampleVerifiableCredential": "https://example.org/#ExampleBadVerifiableCredential"},
        ],
        "type": ["VerifiableCredential", "ExampleVerifiableCredential"],
    },
    "type-mapped-non-url": {
        "@context": [
            jsonld.CREDENTIALS_V2,
            {"ExampleTestCredential": "https ://not-a-url#ExampleTestCredential"},
        ],
        "type": ["VerifiableCredential", "ExampleTestCredential"],
    },
    "type-unmapped": {
        "@context": [jsonld.CREDENTIALS_V2, {"@vocab": None}],
        "type": ["VerifiableCredential", "ExampleTestCredential"],
    },
    "validity-order": {"validFrom": "2030-01-01T00:00:00Z", "validUntil": "2020-01-01T00:00:00Z"},
    "validfrom-invalid": {"validFrom": "Sat 25 Feb 2023 07:16:31 PM CST"},
    "validuntil-invalid": {"validUntil": "Sun, 26 Feb 2023 01:22:14 +0000"},
    "name-extra-property": {
        "name": {"@value": "Example", "@language": "en", "url": "did:example:credential"}
    },
    "issuer-description-extra-property": {
        "issuer": {
            "id": ISSUER,
            "description": {"@value": "Issuer", "@language": "en", "url": "did:example:i"},
        }
    },
    "proof-missing-type": {"proof": {"created": "2023-07-28T22:25:05Z", "proofPurpose": "assertionMethod"}},
    "undefined-term": {"@context": [jsonld.CREDENTIALS_V2], "credentialSubject": {"gpa": "4.0"}},
    "vc-1.1-undefined-type": {
        "@context": [jsonld.CREDENTIALS_V1],
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "type": ["VerifiableCredential", "InvalidType"],
        "credentialSubject": {"id": "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b"},
    },
    "vc-1.1-undefined-term": {
        "@context": [jsonld.CREDENTIALS_V1],
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:s", "invalidTerm": "invalidTerm"},
    },
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_credentials_are_rejected_with_400_problem(api, case):
    doc = credential()
    for key, value in INVALID[case].items():
        if value is DROP:
            doc.pop(key, None)
        else:
            doc[key] = value
    response = api.post(
        "/credentials/issue", json={"credential": doc}, headers={**AUTH, "Accept-Language": "ru"}
    )
    assert response.status_code in (400, 422), (case, response.status_code, response.text)
    body = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert body["status"] == response.status_code and body.get("detail")


def test_valid_variants_from_the_suite_are_issued(api):
    variants = [
        {
            "@context": [jsonld.CREDENTIALS_V2, {"ExampleVerifiableCredential": "https://example.org/#EVC"}],
            "type": ["VerifiableCredential", "ExampleVerifiableCredential"],
            "credentialSubject": {"id": "did:ex:s"},
        },
        {
            "@context": [jsonld.CREDENTIALS_V2],
            "type": ["https://example.org/#C1", "VerifiableCredential"],
            "credentialSubject": {"id": "did:example:subject"},
        },
        {
            "@context": [jsonld.CREDENTIALS_V2],
            "type": ["VerifiableCredential"],
            "name": {"@value": "Example", "@language": "en", "@direction": "ltr"},
            "validFrom": "2023-02-25T19:10:39-06:00",
            "validUntil": "2023-02-26T01:20:18.477Z",
            "credentialSubject": [{"id": "did:example:a"}, {"id": "did:example:b"}],
        },
    ]
    for doc in variants:
        doc["issuer"] = ISSUER
        response = api.post("/credentials/issue", json={"credential": doc}, headers=AUTH)
        assert response.status_code == 201, response.text
        assert proofs.all_valid(proofs.verify(response.json()["verifiableCredential"], resolver_for(api)))


def test_vc11_credential_is_issued_with_the_data_integrity_context(api):
    doc = {
        "@context": [jsonld.CREDENTIALS_V1],
        "id": "urn:uuid:8d3a2c1b-0e9f-4a8b-9c7d-6e5f4a3b2c1d",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "credentialSubject": {"id": "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b"},
    }
    response = api.post(
        "/issuers/eddsa-rdfc-2022/credentials/issue", json={"credential": doc, "options": {}}, headers=AUTH
    )
    assert response.status_code == 201, response.text
    vc = response.json()["verifiableCredential"]
    assert vc["@context"] == [jsonld.CREDENTIALS_V1, jsonld.DATA_INTEGRITY_V2]
    assert proofs.all_valid(proofs.verify(vc, resolver_for(api)))


def test_problem_detail_is_translated(api):
    doc = credential(credentialSubject={"gpa": "4.0"})
    doc["@context"] = [jsonld.CREDENTIALS_V2]
    kk = api.post(
        "/credentials/issue", json={"credential": doc}, headers={**AUTH, "Accept-Language": "kk"}
    ).json()
    en = api.post(
        "/credentials/issue", json={"credential": doc}, headers={**AUTH, "Accept-Language": "en"}
    ).json()
    assert kk["code"] == en["code"] == "invalid-credential"
    assert "gpa" in kk["detail"] and "gpa" in en["detail"] and kk["detail"] != en["detail"]
    assert en["errors"][0]["code"] == "undefined_term"


def test_did_key_issuer_for_conformance_suites(api, engine):
    from keys.models import IssuerKey
    from tests.support.securing import Resolver

    with Session(engine) as session:
        keys = {k.algorithm: k for k in session.exec(select(IssuerKey)).all()}
    ed = keys["Ed25519"].public_key_multibase
    did = f"did:key:{ed}"
    for suite in ("eddsa-rdfc-2022", "eddsa-jcs-2022"):
        response = api.post(
            f"/issuers/{suite}/credentials/issue", json={"credential": credential(issuer=did)}, headers=AUTH
        )
        assert response.status_code == 201, response.text
        vc = response.json()["verifiableCredential"]
        assert vc["proof"]["verificationMethod"] == f"{did}#{ed}"
        assert proofs.all_valid(proofs.verify(vc, Resolver(did_key=True)))  # resolved from the DID alone
    wrong = api.post(
        "/issuers/ecdsa-rdfc-2019/credentials/issue",
        json={"credential": credential(issuer=did)},
        headers=AUTH,
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == "unsupported-cryptosuite"
    stranger = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    response = api.post("/credentials/issue", json={"credential": credential(issuer=stranger)}, headers=AUTH)
    assert response.status_code == 400 and response.json()["code"] == "unknown-issuer"


# --------------------------------------------------------------------------- status entries
# The W3C Bitstring Status List suite issues a VC 2.0 credential without credentialStatus and
# expects the issuer to add a BitstringStatusListEntry whose list it can dereference; it also
# expects a malformed BitstringStatusListEntry anywhere in the request to be refused.


def _did_key(engine) -> str:
    from keys.models import IssuerKey

    with Session(engine) as session:
        key = session.exec(select(IssuerKey).where(IssuerKey.algorithm == "Ed25519")).first()
    return f"did:key:{key.public_key_multibase}"


def _bsl_input(did: str) -> dict:
    """The credential the Bitstring Status List suite issues in each `before` hook."""
    return {
        "@context": [jsonld.CREDENTIALS_V2],
        "id": "urn:uuid:0f4e4a1c-63e5-4a8b-9d61-5a2f4c1e7b20",
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r"},
    }


def _route_fetches_to(client):
    """The deployment's fetcher, answered by the app itself (as `dalel serve` answers itself)."""
    import httpx

    from common.fetch import Fetcher

    def handler(request: httpx.Request) -> httpx.Response:
        answer = client.get(request.url.raw_path.decode("ascii"))
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    ctx = client.app.state.ctx
    ctx.fetcher = Fetcher.from_settings(ctx.settings, transport=httpx.MockTransport(handler))
    ctx.verification_context = None


def test_vc2_credential_gets_revocation_and_suspension_entries_of_a_served_list(api, engine):
    did = _did_key(engine)
    sent = _bsl_input(did)
    response = api.post("/issuers/eddsa-rdfc-2022/credentials/issue", json={"credential": sent}, headers=AUTH)
    assert response.status_code == 201, response.text
    vc = response.json()["verifiableCredential"]
    assert vc["credentialSubject"] == sent["credentialSubject"]
    entries = vc["credentialStatus"]
    assert [e["statusPurpose"] for e in entries] == ["revocation", "suspension"]
    for entry in entries:
        assert entry["type"] == "BitstringStatusListEntry"
        assert entry["statusListIndex"] == str(int(entry["statusListIndex"]))
        assert entry["id"] != entry["statusListCredential"]
        listed = api.get(urlsplit(entry["statusListCredential"]).path)
        assert listed.status_code == 200 and "json" in listed.headers["content-type"]
        status_list = listed.json()
        assert "BitstringStatusListCredential" in status_list["type"]
        assert status_list["issuer"] == did  # a string: the suite requires it, the verifier matches it
        assert status_list["credentialSubject"]["type"] == "BitstringStatusList"
        assert status_list["credentialSubject"]["statusPurpose"] == entry["statusPurpose"]
    # the entries are signed with the rest
    assert proofs.all_valid(proofs.verify(vc, resolver_for(api)))


def test_issued_vc2_credential_verifies_with_its_status_through_the_vcapi(api, engine):
    did = _did_key(engine)
    _route_fetches_to(api)
    for suite in ("eddsa-rdfc-2022", "eddsa-jcs-2022"):
        vc = api.post(
            f"/issuers/{suite}/credentials/issue", json={"credential": _bsl_input(did)}, headers=AUTH
        ).json()["verifiableCredential"]
        response = api.post("/credentials/verify", json={"verifiableCredential": vc})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["verified"] is True and body["errors"] == []
        assert {"status_revocation", "status_suspension"} <= set(body["checks"])


def test_existing_credential_status_is_kept_and_vc11_gets_none(api, engine):
    did = _did_key(engine)
    own = {"id": "did:example:status", "type": "CredentialStatusList2017"}
    doc = {
        **_bsl_input(did),
        "@context": [jsonld.CREDENTIALS_V2, {"CredentialStatusList2017": "https://example.org/#CredentialStatusList2017"}],
        "credentialStatus": own,
    }
    vc = api.post("/credentials/issue", json={"credential": doc}, headers=AUTH).json()["verifiableCredential"]
    assert vc["credentialStatus"][0] == own
    assert [e.get("statusPurpose") for e in vc["credentialStatus"][1:]] == ["revocation", "suspension"]
    v11 = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "urn:uuid:9a1b7c2e-1d4f-4e5a-8b6c-7d8e9f0a1b2c",
        "type": ["VerifiableCredential"],
        "issuer": did,
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "credentialSubject": {"id": "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b"},
    }
    vc = api.post("/credentials/issue", json={"credential": v11}, headers=AUTH).json()["verifiableCredential"]
    assert "credentialStatus" not in vc


def test_malformed_status_entry_anywhere_is_refused(api, engine):
    from issuer.status.models import StatusAllocation

    did = _did_key(engine)
    with Session(engine) as session:
        before = len(session.exec(select(StatusAllocation)).all())
    # the suite's MALFORMED_VALUE_ERROR case: a top-level `statusEntry`, not credentialStatus
    bad = {
        **_bsl_input(did),
        "statusEntry": {
            "type": "BitstringStatusListEntry",
            "statusListIndex": True,
            "statusListCredential": "https://example.com",
        },
    }
    response = api.post("/issuers/eddsa-rdfc-2022/credentials/issue", json={"credential": bad}, headers=AUTH)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "invalid-credential"
    assert [e["field"] for e in problem["errors"]] == ["statusEntry"]
    # an entry whose id is the list's URL (the specification forbids it)
    url = "https://example.com/status/1"
    entry = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": url,
        "id": url,
    }
    response = api.post(
        "/issuers/eddsa-rdfc-2022/credentials/issue",
        json={"credential": {**_bsl_input(did), "credentialStatus": entry}},
        headers=AUTH,
    )
    assert response.status_code == 400
    assert [(e["code"], e["field"]) for e in response.json()["errors"]] == [
        ("malformed_status_entry", "$.credentialStatus.id")
    ]
    with Session(engine) as session:
        assert len(session.exec(select(StatusAllocation)).all()) == before  # nothing allocated
