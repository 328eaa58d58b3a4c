import csv
import io

from sqlmodel import Session, select

from issuer.service import REQUIRED_COLUMNS
from tests.support.issuer import row, seed_app, verify


def _seed(app, engine, settings):
    return seed_app(app, engine, settings)


def test_single_issue_lookup_and_stub(client, app, engine, settings):
    seed, auth = _seed(app, engine, settings)
    body = {k: v for k, v in row(1).items()}
    body["courses"] = [{"course_code": "CS1", "course_title_en": "Programming", "credits": 5, "grade": "A"}]
    resp = client.post("/api/v1/diplomas", json=body, headers=auth)
    assert resp.status_code == 201, resp.text
    data = resp.json()
    assert data["display"] == "BD 00000001" and data["verify_url"].startswith("http://testserver/v/")
    assert client.post("/api/v1/diplomas", json=body, headers=auth).status_code == 200  # idempotent
    got = client.get("/api/v1/diplomas/bd/1", headers=auth)
    assert got.status_code == 200 and got.json()["credential"]["id"] == data["credential_id"]
    assert client.get("/api/v1/diplomas/BD/00000001").status_code == 401
    stub = client.get("/credentials/" + data["credential_id"].rsplit("/", 1)[1]).json()
    assert stub["id"] == data["credential_id"] and "credentialSubject" not in stub
    assert client.get("/credentials/00000000-0000-0000-0000-000000000000").status_code == 404
    # a Cyrillic look-alike in the path: a clear problem, not a match
    bad = client.get("/api/v1/diplomas/ВD/00000001", headers={**auth, "Accept-Language": "en"})
    assert bad.status_code == 400 and "Cyrillic" in bad.json()["detail"]


def test_auth_problems(client, app, engine, settings):
    seed, auth = _seed(app, engine, settings)
    assert client.post("/api/v1/diplomas", json=row(1)).status_code == 401
    r = client.post("/api/v1/diplomas", json=row(1), headers={"Authorization": "Bearer dalel_wrong"})
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    with Session(engine) as s:
        from issuer.auth import create_token

        token, _ = create_token(s, seed.person_id, "revoke")
    r = client.post("/api/v1/diplomas", json=row(1), headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 403 and r.json()["code"] == "missing-scope"


def test_batch_json_and_multipart(client, app, engine, settings):
    seed, auth = _seed(app, engine, settings)
    bad = client.post("/api/v1/batches?lang=kk", json={"rows": [row(1), row(2, iin="123")]}, headers=auth)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["row"] == 2 and bad.json()["errors"][0]["column"] == "iin"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(REQUIRED_COLUMNS))
    writer.writeheader()
    writer.writerow(row(1))
    writer.writerow(row(2, name_latin="Aliya Bek"))
    files = {"file": ("cohort.csv", buf.getvalue().encode(), "text/csv")}
    dry = client.post("/api/v1/batches", files=files, data={"dry_run": "true"}, headers=auth)
    assert dry.status_code == 200 and dry.json()["to_issue"] == 2
    done = client.post("/api/v1/batches", files=files, headers=auth)
    assert done.status_code == 201, done.text
    assert [d["display"] for d in done.json()["diplomas"]] == ["BD 00000001", "BD 00000002"]
    again = client.post("/api/v1/batches", files=files, headers=auth).json()
    assert again["to_issue"] == 0 and again["already_issued"] == 2


def test_schemas_and_trust_list(client, app, engine, settings):
    seed, auth = _seed(app, engine, settings)
    schema = client.get("/schemas/diploma.json")
    assert schema.status_code == 200 and schema.json()["title"].startswith("Dalel diploma")
    assert client.get("/schemas/nope.json").status_code == 404
    tl = client.get("/trust-list").json()
    assert tl["type"] == ["VerifiableCredential", "DalelTrustListCredential"]
    assert tl["issuer"] == "did:web:testserver:institutions:ministry"
    entry = tl["credentialSubject"]["entries"][0]
    assert entry["id"] == "did:web:testserver:institutions:kaznu"
    assert entry["accreditations"][0] == {"agency": "IAAR", "scope": "institution", "validFrom": "2020-01-01",
                                          "validUntil": "2030-01-01"}
    with Session(engine) as s:
        assert [x.ok for x in verify(s, settings.public_url, tl)] == [True]
    from issuer.credentials import schema_errors

    assert schema_errors("trust-list", tl) == []


def test_audit_row_carries_the_request_id(client, app, engine, settings):
    from issuer.models import AuditEntry

    seed, auth = _seed(app, engine, settings)
    resp = client.post("/api/v1/diplomas", json=row(1), headers={**auth, "X-Request-Id": "req-12345678"})
    assert resp.status_code == 201
    with Session(engine) as s:
        entry = s.exec(select(AuditEntry)).one()
    assert entry.request_id == "req-12345678" and entry.actor_person_id == seed.person_id
    assert entry.order_number == "№ 12-к" and entry.subject == "BD 00000001"


def test_verifier_role_mounts_no_issuer_routes(settings, engine):
    from fastapi.testclient import TestClient

    from dalel.app import create_app

    verifier_only = settings.model_copy(update={"role": "verifier"})
    with TestClient(create_app(verifier_only, engine=engine), raise_server_exceptions=False) as c:
        assert c.post("/api/v1/diplomas", json={}).status_code in (404, 405)
        assert c.get("/trust-list").status_code == 404
        assert c.get("/schemas/diploma.json").status_code == 200
