import copy
import json
import logging

from common import vocab
from issuer.credentials import digest_multibase, schema_errors
from issuer.pii import PiiVault, identity_matches
from issuer.service import issue_batch
from tests.support.issuer import row, verify

PUBLISHED = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def _issue(session, keystore, settings, seeded, **kw):
    r = row(1, honours="yes", **kw)
    courses = [{"iin": r["iin"], "course_code": "CS101", "course_title_en": "Programming", "credits": "5",
                "grade": "A"}]
    result = issue_batch(session, keystore, settings, institution="kaznu", rows=[r], supplement_rows=courses,
                         actor=seeded.actor)
    return r, result


def _values(value):
    return {v["@language"]: v["@value"] for v in vocab.as_list(value)}


def test_diploma_shape_and_proof(session, keystore, settings, seeded):
    r, result = _issue(session, keystore, settings, seeded)
    item = result.diplomas[0]
    vc = item.diploma
    assert vc["@context"] == PUBLISHED  # published contexts only: no Dalel context
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential", "https://dalel.kz/ns/credentials#DiplomaCredential"]
    assert vc["id"] == f"http://testserver/credentials/{item.uuid}"
    assert vc["issuer"]["id"] == "did:web:testserver:institutions:kaznu"
    assert _values(vc["issuer"]["name"]) == {"kk": "Әл-Фараби атындағы ҚазҰУ", "ru": "КазНУ имени аль-Фараби",
                                             "en": "Al-Farabi Kazakh National University"}
    assert vc["validFrom"] == vc["awardedDate"] == "2025-06-30T00:00:00Z"
    assert vocab.document_number(vc) == ("BD", "00000001") and "documentNumber" not in vc
    subject = vc["credentialSubject"]
    # the holder's name in the scripts of the paper diploma
    assert _values(subject["name"]) == {"kk": "Сәрсенбаев Нұрлан Асқарұлы", "ru": "Сәрсенбаев Нұрлан Асқарұлы",
                                        "en": "Nurlan Sarsenbayev"}
    ach = subject["achievement"]
    assert {"type": "Result", "resultDescription": ach["id"] + "#honours", "value": "honours"} in subject["result"]
    ident, number = subject["identifier"]
    assert set(ident) == {"type", "identityHash", "identityType", "hashed"}  # no salt: it is secret
    assert ident["hashed"] is True and ident["identityHash"].startswith("sha256$")
    assert number == {"type": "IdentityObject", "identityType": "ext:DiplomaNumber", "hashed": False,
                      "identityHash": "BD 00000001"}
    vault = PiiVault.from_data_dir(settings.data_dir)
    assert identity_matches(vault, vc, r["iin"]) and identity_matches(vault, item.supplement, r["iin"])
    supplement_ident = item.supplement["credentialSubject"]["identifier"][0]
    assert supplement_ident["identityHash"] != ident["identityHash"]  # per credential: not linkable
    # the schemas refuse a published salt (issuance checks them)
    salted = copy.deepcopy(vc)
    salted["credentialSubject"]["identifier"][0]["salt"] = "0c304bdf95fc8c04eb34fba3e741d487"
    assert schema_errors("diploma-v2", salted)
    salted_supplement = copy.deepcopy(item.supplement)
    salted_supplement["credentialSubject"]["identifier"][0]["salt"] = "0c304bdf95fc8c04"
    assert schema_errors("supplement-v2", salted_supplement)
    assert schema_errors("supplement-v2", item.supplement) == []
    assert ach["achievementType"] == "BachelorDegree" and ach["humanCode"] == "6B06101"
    assert set(_values(ach["name"])) == {"kk", "ru", "en"}
    frameworks = {a["targetType"]: a["targetCode"] for a in ach["alignment"]}
    assert frameworks["ext:EQF"] == "6" and frameworks["ext:NQF"] == "6"
    assert frameworks["ext:ISCED2011"] == "6" and frameworks["ext:ISCED-F2013"] == "0613"
    assert vc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert schema_errors("diploma-v2", vc) == []
    assert schema_errors("supplement-v2", vc)  # a diploma is not a supplement
    results = verify(session, settings.public_url, vc)
    assert [x.ok for x in results] == [True], results


def test_supplement_sections_link_and_proof(session, keystore, settings, seeded):
    _, result = _issue(session, keystore, settings, seeded)
    item = result.diplomas[0]
    ds = item.supplement
    assert ds["@context"] == PUBLISHED
    assert ds["type"] == ["VerifiableCredential", "OpenBadgeCredential",
                          "https://dalel.kz/ns/credentials#DiplomaSupplementCredential"]
    assert vocab.is_supplement(ds) and not vocab.is_diploma(ds) and vocab.is_diploma(item.diploma)
    assert vocab.document_number(ds) == ("BD", "00000001")
    ach = ds["credentialSubject"]["achievement"]
    kinds = {a["targetType"] for a in ach["alignment"]}
    assert kinds >= {"ext:NQF", "ext:EQF", "ext:QF-EHEA", "ext:AccessRequirements", "ext:AccessToFurtherStudy",
                     "ext:GradingScheme", "ext:NationalSystem", "ext:Accreditation"}
    values = {r["resultDescription"].split("#")[1]: r["value"] for r in ds["credentialSubject"]["result"]}
    assert values == {"mode-of-study": "full-time", "course-1": "A", "course-1-credits": "5", "gpa": "3.45",
                      "honours": "honours"}
    assert ds["issuer"]["official"] == "Aigerim Registrar — Registrar"
    assert ds["relatedResource"] == {"id": item.credential_id, "digestMultibase": digest_multibase(item.diploma)}
    assert ds["relatedResource"]["digestMultibase"].startswith("uEi")
    assert schema_errors("supplement-v2", ds) == []
    assert [x.ok for x in verify(session, settings.public_url, ds)] == [True]


def test_issued_credentials_are_what_the_verifier_sees(session, keystore, settings, seeded):
    """Expanded and compacted again against their own (pinned) contexts, the issued diploma
    and supplement come back unchanged: the verifier's view of what was signed is exactly
    what the issuer wrote, and every key is a term of a published context."""
    from pyld import jsonld as pyld

    from keys.jsonld import document_loader

    _, result = _issue(session, keystore, settings, seeded)
    options = {"documentLoader": document_loader}
    for document in (result.diplomas[0].diploma, result.diplomas[0].supplement):
        expanded = pyld.expand(document, options)
        assert pyld.compact(expanded, {"@context": document["@context"]}, options) == document
        iris = json.dumps(expanded)
        assert "https://dalel.kz/ns/credentials#" in iris  # the type IRI, and nothing else of Dalel's:
        assert iris.count("https://dalel.kz/ns/credentials#") == 1


def test_tampered_credential_fails(session, keystore, settings, seeded):
    _, result = _issue(session, keystore, settings, seeded)
    vc = json.loads(json.dumps(result.diplomas[0].diploma))
    vc["credentialSubject"]["identifier"][1]["identityHash"] = "BD 00000002"
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
