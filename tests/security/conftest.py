"""Security regression tests: each one is an attack that worked (or could work) once."""

from __future__ import annotations

# reuse the verifier's throwaway keys, diplomas and trust lists
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import base58
import pytest
from sqlmodel import Session

from common.timestamps import utcnow
from issuer.auth import create_token
from issuer.models import Diploma, Graduate, Institution, Programme, ResponsiblePerson, Supplement


@dataclass
class Campus:
    """One institution with a responsible person (a token of every scope) and one diploma."""

    slug: str
    institution_id: int
    graduate_id: int
    diploma_id: int
    series: str
    number: str
    token: str


def _campus(engine, slug: str, series: str, number: str, iin_hash: str) -> Campus:
    now = utcnow()
    did = f"did:web:testserver:institutions:{slug}"
    with Session(engine) as s:
        inst = Institution(slug=slug, name_kk=slug, name_ru=slug, name_en=slug, did=did, created_at=now)
        s.add(inst)
        s.flush()
        prog = Programme(institution_id=inst.id, code="6B06101", name_kk="IS", name_ru="IS", name_en="IS",
                         isced_f="0613", nqf_level=6, ects_credits=240, created_at=now)
        grad = Graduate(institution_id=inst.id, family_name="Nurlanova", given_name="Aigerim",
                        name_latin="Aigerim Nurlanova", iin_hash=iin_hash, created_at=now)
        person = ResponsiblePerson(institution_id=inst.id, name="Registrar", position="Registrar",
                                   order_number=f"{slug}-1", order_date=date(2026, 1, 1),
                                   active_from=now - timedelta(days=1))
        s.add_all([prog, grad, person])
        s.flush()
        credential = {
            "id": f"http://testserver/credentials/{uuid.uuid4()}",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": did, "type": ["Profile"], "name": slug},
            "validFrom": "2026-06-30T00:00:00Z",
            "documentNumber": {"series": series, "number": number},
            "credentialSubject": {"type": ["AchievementSubject"], "name": "Aigerim Nurlanova"},
        }
        diploma = Diploma(uuid=str(uuid.uuid4()), institution_id=inst.id, series=series, number=number,
                          graduate_id=grad.id, programme_id=prog.id, award_date=date(2026, 6, 30),
                          credential=credential, verify_token=base58.b58encode(secrets.token_bytes(20)).decode(),
                          created_at=now)
        s.add(diploma)
        s.flush()
        s.add(Supplement(uuid=str(uuid.uuid4()), diploma_id=diploma.id, created_at=now, credential={
            "id": f"http://testserver/credentials/{uuid.uuid4()}",
            "type": ["VerifiableCredential", "DiplomaSupplementCredential"], "grades": "secret"}))
        s.commit()
        token, _ = create_token(s, person.id, "issue,revoke,correct")
        return Campus(slug, inst.id, grad.id, diploma.id, series, number, token)


@pytest.fixture
def campuses(engine):
    """Two institutions; the same person (same IIN hash) graduated from both."""
    iin_hash = secrets.token_hex(32)
    return _campus(engine, "uni-a", "BD", "00000001", iin_hash), _campus(engine, "uni-b", "MD", "00000002", iin_hash)
