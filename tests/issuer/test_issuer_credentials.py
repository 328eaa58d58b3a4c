import json
import logging

from issuer_helpers import row, verify

from issuer.credentials import digest_multibase, schema_errors
from issuer.pii import PiiVault, identity_matches
from issuer.service import issue_batch


def _issue(session, keystore, settings, seeded, **kw):
    r = row(1, honours="yes", **kw)
    courses = [{"iin": r["iin"], "course_code": "CS101", "course_title_en": "Programming", "credits": "5",
                "grade": "A"}]
    result = issue_batch(session, keystore, settings, institution="kaznu", rows=[r], supplement_rows=courses,
                         actor=seeded.actor)
    return r, result


def test_diploma_shape_and_proof(session, keystore, settings, seeded):
    r, result = _issue(session, keystore, settings, seeded)
    item = result.diplomas[0]
    vc = item.diploma
    assert vc["@context"][:3] == ["https://www.w3.org/ns/credentials/v2",
                                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                                  "https://dalel.kz/ns/credentials/v1"]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["id"] == f"http://testserver/credentials/{item.uuid}"
    assert vc["issuer"]["id"] == "did:web:testserver:institutions:kaznu"
    assert vc["validFrom"] == "2025-06-30T00:00:00Z"
    assert vc["documentNumber"] == {"series": "BD", "number": "00000001"}
    subject = vc["credentialSubject"]
    assert subject["name"] == "Nurlan Sarsenbayev" and subject["honours"] is True
    ident = subject["identifier"][0]
    assert set(ident) == {"type", "identityHash", "identityType", "hashed"}  # no salt: it is secret
    assert ident["hashed"] is True and ident["identityHash"].startswith("sha256$")
    vault = PiiVault.from_data_dir(settings.data_dir)
    assert identity_matches(vault, vc, r["iin"]) and identity_matches(vault, item.supplement, r["iin"])
    supplement_ident = item.supplement["credentialSubject"]["holderOfQualification"]["identifier"]
    assert supplement_ident["identityHash"] != ident["identityHash"]  # per credential: not linkable
    # the published schemas refuse a published salt (issuance checks them)
    import copy

    salted = copy.deepcopy(vc)
    salted["credentialSubject"]["identifier"][0]["salt"] = "0c304bdf95fc8c04eb34fba3e741d487"
    assert schema_errors("diploma", salted)
    salted_supplement = copy.deepcopy(item.supplement)
    salted_supplement["credentialSubject"]["holderOfQualification"]["identifier"]["salt"] = "0c304bdf95fc8c04"
    assert schema_errors("supplement", salted_supplement)
    assert schema_errors("supplement", item.supplement) == []
    ach = subject["achievement"]
    assert ach["achievementType"] == "BachelorDegree" and ach["humanCode"] == "6B06101"
    assert {v["@language"] for v in ach["name"]} == {"kk", "ru", "en"}
    frameworks = {a["targetFramework"]: a["targetCode"] for a in ach["alignment"]}
    assert frameworks["European Qualifications Framework"] == "6"
    assert frameworks["ISCED 2011"] == "6" and frameworks["ISCED-F 2013"] == "0613"
    assert vc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert schema_errors("diploma", vc) == []
    results = verify(session, settings.public_url, vc)
    assert [x.ok for x in results] == [True], results


def test_supplement_sections_link_and_proof(session, keystore, settings, seeded):
    _, result = _issue(session, keystore, settings, seeded)
    item = result.diplomas[0]
    ds = item.supplement
    assert ds["type"] == ["VerifiableCredential", "DiplomaSupplementCredential"]
    assert set(ds["credentialSubject"]) >= {"holderOfQualification", "qualification", "levelOfQualification",
                                            "contentsAndResults", "functionOfQualification", "additionalInformation",
                                            "certification", "nationalHigherEducationSystem"}
    assert ds["relatedResource"] == [{"id": item.credential_id, "digestMultibase": digest_multibase(item.diploma)}]
    assert ds["relatedResource"][0]["digestMultibase"].startswith("uEi")
    assert schema_errors("supplement", ds) == []
    assert [x.ok for x in verify(session, settings.public_url, ds)] == [True]


def test_tampered_credential_fails(session, keystore, settings, seeded):
    _, result = _issue(session, keystore, settings, seeded)
    vc = json.loads(json.dumps(result.diplomas[0].diploma))
    vc["documentNumber"]["number"] = "00000002"
    assert not verify(session, settings.public_url, vc)[0].ok


def test_iin_and_birth_date_never_leak(session, keystore, settings, seeded, caplog):
    caplog.set_level(logging.DEBUG)
    r, result = _issue(session, keystore, settings, seeded)
    item = result.diplomas[0]
    blob = json.dumps([item.diploma, item.supplement, result.manifest()], ensure_ascii=False)
    for secret in (r["iin"], "2001-03-14", "14.03.2001"):
        assert secret not in blob
        assert secret not in item.verify_url
        assert secret not in caplog.text
    from sqlalchemy import text

    dumped = json.dumps([list(map(str, x)) for x in session.execute(text("SELECT * FROM issuer_graduate"))])
    assert r["iin"] not in dumped and "2001-03-14" not in dumped
    audit_rows = json.dumps([list(map(str, x)) for x in session.execute(text("SELECT * FROM issuer_audit_entry"))])
    assert r["iin"] not in audit_rows
