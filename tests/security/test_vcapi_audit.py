"""Every credential the VC-API signs in an institution's name is in the audit log, with the
responsible person who asked for it."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from common.timestamps import utcnow
from issuer.audit import verify_chain
from issuer.auth import create_token
from issuer.models import AuditEntry, Institution, ResponsiblePerson
from keys.keystore import Keystore
from keys.service import create_key


def _credential(issuer: str) -> dict:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "id": "urn:uuid:0f6c2d8e-1b3a-4c5d-9e7f-a1b2c3d4e5f6",
        "type": ["VerifiableCredential", "ExampleAlumniCredential"],
        "issuer": issuer,
        "validFrom": "2024-07-01T19:23:24Z",
        "credentialSubject": {"id": "did:example:123", "alumniOf": "Example University"},
    }


def test_vcapi_issuance_is_audited_with_the_person(settings, engine):
    from dalel.app import create_app

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    now = utcnow()
    with Session(engine) as s:
        create_key(s, keystore, institution="demo")
        inst = Institution(slug="demo", name_kk="d", name_ru="d", name_en="d",
                           did="did:web:testserver:institutions:demo", created_at=now)
        s.add(inst)
        s.flush()
        person = ResponsiblePerson(institution_id=inst.id, name="R", position="Registrar", order_number="17-k",
                                   order_date=date(2026, 1, 1), active_from=now - timedelta(days=1))
        s.add(person)
        s.commit()
        token, _ = create_token(s, person.id, "issue")
        person_id, did = person.id, inst.did
    with TestClient(create_app(settings, engine=engine), raise_server_exceptions=False) as client:
        r = client.post("/credentials/issue", json={"credential": _credential(did)},
                        headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 201, r.text
    with Session(engine) as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action == "vcapi.issue")).all()
        assert [(e.subject, e.actor_person_id, e.order_number) for e in rows] == [
            ("urn:uuid:0f6c2d8e-1b3a-4c5d-9e7f-a1b2c3d4e5f6", person_id, "17-k")
        ]
        assert rows[0].details["institution"] == "demo"
        assert verify_chain(s).ok
