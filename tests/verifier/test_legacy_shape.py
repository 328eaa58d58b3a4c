"""Credentials issued before the vocabulary change (the v1 shape, naming the Dalel context)
keep verifying in Dalel: signed here at test time with the institution's real key, by the
builders the issuer used until then (tests/legacy/v1_credentials.py), they are valid, pass the
format check against the v1 schemas, and read as before on the page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import Session, select

from tests.legacy import v1_credentials as v1
from tests.support import issuer as issuer_helpers


@pytest.fixture
def legacy(app, client, settings, engine):
    from common.fetch import Fetcher
    from issuer.models import Graduate, Institution, Programme
    from issuer.pii import PiiVault
    from issuer.setup import ensure_ministry_key
    from keys.dataintegrity import add_proof
    from keys.keystore import Keystore
    from keys.service import active_signer
    from verifier.context import VerificationContext

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    vault = PiiVault.from_data_dir(settings.data_dir)
    iin = issuer_helpers.row()["iin"]
    with Session(engine) as session:
        seed = issuer_helpers.seed_institution(session, keystore, settings)
        ensure_ministry_key(session, keystore)
        institution = session.exec(select(Institution).where(Institution.slug == seed.slug)).one()
        programme = session.exec(select(Programme).where(Programme.code == "6B06101")).one()
        graduate = Graduate(institution_id=institution.id, family_name="Сәрсенбаев", given_name="Нұрлан",
                            patronymic="Асқарұлы", name_latin="Nurlan Sarsenbayev", iin_hash="x" * 64,
                            created_at=institution.created_at)
        signer = active_signer(session, keystore, seed.slug, settings.public_url)
        common = dict(public_url=settings.public_url, institution=institution, programme=programme,
                      graduate=graduate, iin=iin, vault=vault, series="BD", number="00000042",
                      award_date=date(2024, 6, 30))
        diploma = add_proof(v1.build_diploma(uuid="1f0e2d3c-4b5a-4968-8776-655443322110", honours=True, **common),
                            signer, cryptosuite="eddsa-rdfc-2022")
        courses = [{"code": "CS101", "title": [{"@value": "Бағдарламалау", "@language": "kk"},
                                               {"@value": "Programming", "@language": "en"}],
                    "credits": 5, "grade": "A-", "gradePoints": "3.67"}]
        supplement = add_proof(v1.build_supplement(
            uuid="2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d", diploma=diploma, honours=True, courses=courses, gpa="3.80",
            grading_scheme=None, classification=None, certified_by={"name": "A. Registrar", "capacity": "Registrar"},
            **common), signer, cryptosuite="eddsa-rdfc-2022")
    fetcher = Fetcher.from_settings(settings, transport=client._transport)
    return {"diploma": diploma, "supplement": supplement, "ctx": VerificationContext.from_settings(settings, fetcher)}


def test_v1_credentials_are_still_valid(legacy):
    from verifier import verify_credential
    from verifier.schemas import schema_name_for

    assert "https://dalel.kz/ns/credentials/v1" in legacy["diploma"]["@context"]
    assert schema_name_for(legacy["diploma"]) == "diploma"
    assert schema_name_for(legacy["supplement"]) == "supplement"
    for credential in (legacy["diploma"], legacy["supplement"]):
        report = verify_credential(credential, context=legacy["ctx"])
        assert report.verdict == "valid", report
        assert report.check("format").status == "passed"
    summary = verify_credential(legacy["diploma"], context=legacy["ctx"]).credential
    assert summary["series_number"] == "BD 00000042" and summary["holder"] == "Nurlan Sarsenbayev"
    assert summary["honours"] is True and summary["programme_code"] == "6B06101"


def test_v1_tampered_is_invalid(legacy):
    import copy

    from verifier import verify_credential

    tampered = copy.deepcopy(legacy["diploma"])
    tampered["documentNumber"]["number"] = "00000043"
    assert verify_credential(tampered, context=legacy["ctx"]).verdict == "invalid"


def test_v1_supplement_reads_on_the_page(legacy):
    from verifier import verify_credential
    from verifier.page import render_supplement

    report = verify_credential(legacy["supplement"], context=legacy["ctx"])
    section = report.credential["supplement"]
    assert section["courses"] == [{"code": "CS101", "title": {"kk": "Бағдарламалау", "en": "Programming"},
                                   "credits": "5", "grade": "A-", "grade_points": "3.67"}]
    assert section["holder_names"] == {"kk": "Сәрсенбаев Нұрлан Асқарұлы", "ru": "Сәрсенбаев Нұрлан Асқарұлы",
                                       "en": "Nurlan Sarsenbayev"}
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", render_supplement(report, "ru")))
    assert "Сәрсенбаев Нұрлан Асқарұлы (Nurlan Sarsenbayev)" in text and "Бағдарламалау" not in text
    assert "3.80" in text and "30 июня 2024 г." in text
