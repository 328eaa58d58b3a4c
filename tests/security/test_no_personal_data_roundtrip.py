"""The graduate's IIN and birth date appear in no response, download, audit row or log line of
the issue → look up → revoke → verify round trip (also not in the error of a bad row)."""

from __future__ import annotations

import json
import logging

from sqlmodel import Session, select

from tests.support import issuer as issuer_helpers


def test_no_iin_or_birth_date_anywhere(app, client, settings, engine, caplog):
    from issuer.models import AuditEntry, Diploma
    from issuer.setup import ensure_ministry_key
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as session:
        seed = issuer_helpers.seed_institution(session, keystore, settings)
        ensure_ministry_key(session, keystore)
    auth = {"Authorization": f"Bearer {seed.token}"}
    row = issuer_helpers.row()
    iin, dob = row["iin"], row["date_of_birth"]
    secrets_ = [iin, dob, dob.replace("-", ""), "14.03.2001"]
    bodies: list[str] = []
    caplog.set_level(logging.DEBUG)

    issued = client.post("/api/v1/diplomas", json={**row, "courses": [
        {"course_code": "CS101", "course_title_en": "Programming", "credits": "5", "grade": "A"}]}, headers=auth)
    assert issued.status_code == 201, issued.text
    bodies.append(issued.text)
    series, number = issued.json()["series"], issued.json()["number"]
    base = f"/api/v1/diplomas/{series}/{number}"
    for path in ("", "/credential.json", "/credential.jwt", "/presentation.json", "/status"):
        r = client.get(base + path, headers=auth)
        assert r.status_code == 200, (path, r.text)
        bodies.append(r.text)
    uuid = issued.json()["credential_id"].rsplit("/", 1)[1]
    bodies.append(client.get(f"/credentials/{uuid}").text)
    token = issued.json()["verify_url"].rsplit("/", 1)[1]
    bodies.append(client.get(f"/v/{token}").text)
    bodies.append(client.get(f"/api/v1/verify/{token}").text)
    bodies.append(client.get(f"/api/v1/credentials/by-token/{token}").text)
    revoked = client.post(base + "/status", json={"action": "revoke", "reason": "fraud", "note": "x"}, headers=auth)
    assert revoked.status_code == 200, revoked.text
    bodies.append(revoked.text)
    # a bad row (birth date not matching the IIN) and a duplicate: the errors name columns, not values
    bad = client.post("/api/v1/diplomas", json={**row, "date_of_birth": "2001-03-15"}, headers=auth)
    assert bad.status_code == 422
    bodies.append(bad.text)
    with Session(engine) as session:
        bodies += [json.dumps(e.details, ensure_ascii=False) + e.subject for e in session.exec(select(AuditEntry))]
        bodies += [json.dumps(d.credential, ensure_ascii=False) for d in session.exec(select(Diploma))]
    bodies += [r.getMessage() + json.dumps(r.__dict__, default=str, ensure_ascii=False) for r in caplog.records]
    for text in bodies:
        for secret in secrets_:
            assert secret not in text, (secret, text[:300])
