"""A registrar cannot mint a second "BD 00000001" through the VC-API: a credential carrying a
Dalel diploma or supplement type or a series and number, in the v1 or the v2 shape and however
it is spelt, is refused with a problem, signs nothing, takes no number and no status index;
other credentials are still issued (issue 11, item 10a)."""

from __future__ import annotations

import copy

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from issuer.models import AuditEntry, Diploma
from issuer.service import issue_batch
from tests.support.issuer import row, seed_institution

VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DALEL = "https://dalel.kz/ns/credentials#"


@pytest.fixture
def world(settings, engine, keystore):
    from dalel.app import create_app

    with Session(engine) as s:
        seed = seed_institution(s, keystore, settings)
        item = issue_batch(s, keystore, settings, institution=seed.slug, rows=[row(1)], actor=seed.actor).diplomas[0]
    with TestClient(create_app(settings, engine=engine), raise_server_exceptions=False) as client:
        client.app.state.ctx._keystore = keystore
        yield {"client": client, "token": seed.token, "item": item}


def _unsigned(document: dict) -> dict:
    doc = copy.deepcopy(document)
    for key in ("proof", "credentialStatus"):
        doc.pop(key, None)
    doc["id"] = "https://testserver/credentials/6f1b8c3e-0d2a-4b7f-9e5c-1a2b3c4d5e6f"
    return doc


def _counts(engine) -> tuple[int, int]:
    with Session(engine) as s:
        return (s.exec(select(func.count()).select_from(Diploma)).one(),
                s.exec(select(func.count()).select_from(AuditEntry)).one())


def _issue(world, credential):
    return world["client"].post("/credentials/issue", json={"credential": credential},
                                headers={"Authorization": f"Bearer {world['token']}", "Accept-Language": "en"})


def _v2_without_type(world):
    doc = _unsigned(world["item"].diploma)  # the Dalel type gone, the number kept
    doc["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
    return doc


def _absolute_iri_number(world):
    return {"@context": [VC2], "id": "urn:uuid:8a1e2c3d-4b5f-4a6e-9d7c-0b1a2c3d4e5f",
            "type": ["VerifiableCredential"], "issuer": world["item"].diploma["issuer"]["id"],
            "validFrom": "2025-06-30T00:00:00Z",
            "credentialSubject": {f"{DALEL}documentNumber": {f"{DALEL}series": "BD", f"{DALEL}number": "00000001"}}}


def _inline_alias_type(world):
    doc = _unsigned(world["item"].supplement)
    doc["@context"] = [VC2, OB3, {"Anything": {"@id": f"{DALEL}DiplomaSupplementCredential"}}]
    doc["type"] = ["VerifiableCredential", "OpenBadgeCredential", "Anything"]
    return doc


def _v1_shape(world):
    doc = _unsigned(world["item"].diploma)
    doc["@context"] = [VC2, OB3, "https://dalel.kz/ns/credentials/v1"]
    doc["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
    doc["documentNumber"] = {"series": "BD", "number": "00000001"}
    subject = doc["credentialSubject"]
    subject["identifier"] = subject["identifier"][:1]
    subject.pop("result", None)
    return doc


CASES = {
    "v2 diploma": lambda w: _unsigned(w["item"].diploma),
    "v2 supplement-shaped": lambda w: _unsigned(w["item"].diploma) | {
        "type": ["VerifiableCredential", "OpenBadgeCredential", f"{DALEL}DiplomaSupplementCredential"]},
    "v2 number without the type": _v2_without_type,
    "v1 diploma": _v1_shape,
    "number under absolute IRIs": _absolute_iri_number,
    "supplement type through an inline alias": _inline_alias_type,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_vcapi_refuses_numbered_documents(world, engine, case):
    before = _counts(engine)
    r = _issue(world, CASES[case](world))
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["code"] == "numbered-credential"
    assert "/api/v1/diplomas" in problem["detail"] and problem["errors"]
    assert _counts(engine) == before  # nothing signed, numbered or audited


def test_vcapi_still_issues_an_open_badge_without_a_number(world):
    doc = _v2_without_type(world)
    subject = doc["credentialSubject"]
    subject["identifier"] = subject["identifier"][:1]  # no series and number
    r = _issue(world, doc)
    assert r.status_code == 201, r.text
