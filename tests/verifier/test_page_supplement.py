"""A share link "diploma+supplement": the public page GET /v/{token} and its JSON twin verify
the Diploma Supplement too (its own pipeline run, and the diploma digest it carries), and show
what a recognition officer needs from it, in kk, ru and en. Tests may use the issuer and the
wallet; the verifier package never imports them."""

from __future__ import annotations

import copy
import re

import pytest
from sqlmodel import Session, select

from tests.support import issuer as issuer_helpers

SECTION = {"kk": "Дипломға қосымша", "ru": "Приложение к диплому", "en": "Diploma Supplement"}
SUPPLEMENT_VALID = {"kk": "Қосымша жарамды", "ru": "Приложение действительно", "en": "The supplement is valid"}
SUPPLEMENT_INVALID = {"kk": "Қосымша ЖАРАМСЫЗ", "ru": "Приложение НЕДЕЙСТВИТЕЛЬНО", "en": "The supplement is NOT valid"}
COURSE = {"kk": "Бағдарламалау негіздері", "ru": "Основы программирования", "en": "Programming basics"}
GPA_LABEL = {"kk": "Орташа балл (GPA)", "ru": "Средний балл (GPA)", "en": "Grade point average (GPA)"}
MODE = {"kk": "күндізгі", "ru": "очная", "en": "full-time"}


def _courses(n: int) -> list[dict[str, str]]:
    first = {"course_code": "CS101", "course_title_kk": COURSE["kk"], "course_title_ru": COURSE["ru"],
             "course_title_en": COURSE["en"], "credits": "5", "grade": "A-", "grade_points": "3.67", "term": "2021-1"}
    rest = [
        {"course_code": f"GEN{n:03d}", "course_title_kk": f"Жалпы білім беру пәні {n}",
         "course_title_ru": f"Общеобразовательная дисциплина номер {n}",
         "course_title_en": f"General education course number {n}", "credits": "4", "grade": "B+",
         "grade_points": "3.33", "term": f"202{1 + n % 4}-{1 + n % 2}"}
        for n in range(2, n + 1)
    ]
    return [first, *rest]


@pytest.fixture
def world(app, client, settings, engine):
    """A diploma with a supplement of 60 courses, issued and signed by the real issuer; its
    share links (diploma+supplement and diploma only) made by the wallet."""
    from common.fetch import Fetcher
    from issuer.models import Diploma, Supplement
    from issuer.service import issue_diploma
    from issuer.setup import ensure_ministry_key
    from keys.keystore import Keystore
    from verifier.context import VerificationContext
    from verifier.ratelimit import RateLimiter
    from wallet_export.service import create_share_link

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as session:
        seed = issuer_helpers.seed_institution(session, keystore, settings)
        ensure_ministry_key(session, keystore)
        data = {**issuer_helpers.row(), "courses": _courses(60)}
        item = issue_diploma(session, keystore, settings, institution=seed.slug, data=data, actor=seed.actor)
    with Session(engine) as session:
        diploma = session.exec(select(Diploma).where(Diploma.uuid == item.uuid)).one()
        supplement_id = session.exec(select(Supplement.id).where(Supplement.diploma_id == diploma.id)).one()
        both = create_share_link(session, diploma, scope="diploma+supplement").token
        alone = create_share_link(session, diploma, scope="diploma").token
    ctx = app.state.ctx
    ctx.fetcher = Fetcher.from_settings(settings, transport=client._transport)
    ctx.extras["verification_context"] = VerificationContext.from_settings(settings, ctx.fetcher)
    ctx.extras["verify_rate_limiter"] = RateLimiter(0, 1)  # off
    return {"both": both, "alone": alone, "item": item, "supplement_id": supplement_id}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_share_link_with_supplement_shows_it_verified(client, world, lang):
    response = client.get(f"/v/{world['both']}?lang={lang}")
    assert response.status_code == 200
    html = response.text
    assert 'data-verdict="valid"' in html and 'class="verdict green"' in html
    assert 'data-section="supplement"' in html and SECTION[lang] in html
    assert 'data-supplement-verdict="valid"' in html and 'class="line green"' in html
    assert SUPPLEMENT_VALID[lang] in html
    # after the diploma's details and checks
    assert html.index('data-check="format"') < html.index('data-section="supplement"')
    text = text_of(html)
    assert COURSE[lang] in text and "CS101" in text
    assert GPA_LABEL[lang] in text and "3.45" in text
    assert MODE[lang] in text and "240 ECTS" in text
    assert "A- (3.67)" in text
    # the courses in the reader's language only
    others = [COURSE[other] for other in COURSE if COURSE[other] != COURSE[lang]]
    assert not any(other in text for other in others)
    # no IIN, no birth date, no identity hash; a phone-sized page even with 60 courses
    assert issuer_helpers.row()["iin"] not in html and "2001-03-14" not in html
    assert "identityHash" not in html and "sha256$" not in html
    assert not re.search(r"\b\d{12}\b", text), "nothing that looks like an IIN"
    assert html.count("General education course number") == (60 - 1 if lang == "en" else 0)
    assert len(response.content) < 60 * 1024
    assert "<script" not in html.lower()


def test_json_twin_has_the_supplement_report(client, world):
    body = client.get(f"/api/v1/verify/{world['both']}").json()
    assert body["verdict"] == "valid"
    assert {"verdict", "checks", "credential", "verified_at"} <= set(body)
    assert len(body["related"]) == 1
    related = body["related"][0]
    assert related["verdict"] == "valid"
    assert related["credential"]["id"] == world["item"].supplement_id
    assert {"id": "related_resource", "status": "passed"}.items() <= {
        k: v for c in related["checks"] if c["id"] == "related_resource" for k, v in c.items()}.items()
    assert related["credential"]["supplement"]["gpa"] == "3.45"
    assert len(related["credential"]["supplement"]["courses"]) == 60
    # a diploma-only link: nothing related
    alone = client.get(f"/api/v1/verify/{world['alone']}").json()
    assert alone["verdict"] == "valid" and alone["related"] == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_diploma_only_link_shows_no_supplement(client, world, lang):
    html = client.get(f"/v/{world['alone']}?lang={lang}").text
    assert 'data-verdict="valid"' in html
    assert 'data-section="supplement"' not in html and SECTION[lang] not in html
    assert COURSE[lang] not in html


def _tamper(engine, supplement_id, change):
    from issuer.models import Supplement

    with Session(engine) as session:
        row = session.get(Supplement, supplement_id)
        credential = copy.deepcopy(row.credential)
        change(credential)
        row.credential = credential
        session.add(row)
        session.commit()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_tampered_supplement_is_invalid_while_the_diploma_stays_valid(client, world, engine, lang):
    def better_grade(credential):
        subject = credential["credentialSubject"]
        first = subject["achievement"]["id"] + "#course-1"
        grade = next(r for r in subject["result"] if r["resultDescription"] == first)
        assert grade["value"] == "A-"
        grade["value"] = "A"

    _tamper(engine, world["supplement_id"], better_grade)
    html = client.get(f"/v/{world['both']}?lang={lang}").text
    assert 'data-verdict="valid"' in html and 'class="verdict green"' in html
    assert 'data-supplement-verdict="invalid"' in html and 'class="line red"' in html
    assert SUPPLEMENT_INVALID[lang] in html and SUPPLEMENT_VALID[lang] not in html
    assert 'data-supplement-check="proof" data-status="failed"' in html
    body = client.get(f"/api/v1/verify/{world['both']}").json()
    assert body["verdict"] == "valid" and body["related"][0]["verdict"] == "invalid"


def test_a_supplement_of_another_diploma_is_invalid(client, world, engine):
    """A supplement whose relatedResource digest is not this diploma's (e.g. re-signed for an
    earlier version) does not belong to it, even with a valid signature of its own."""
    from verifier.tokens import related_report

    item = world["item"]
    vctx = client.app.state.ctx.extras["verification_context"]
    other = copy.deepcopy(item.diploma)
    other["credentialSubject"]["name"] = "Someone Else"
    report = related_report(other, item.supplement, vctx)
    assert report.verdict == "invalid"
    check = report.check("related_resource")
    assert check is not None and (check.status, check.code) == ("failed", "related_resource_mismatch")
    assert report.check("proof").status == "passed"
    assert related_report(item.diploma, item.supplement, vctx).verdict == "valid"


def test_hostile_supplement_text_is_escaped():
    from verifier.page import render_supplement
    from verifier.report import Check, VerificationReport
    from verifier.summary import credential_summary

    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    credential = {
        "type": ["VerifiableCredential", "DiplomaSupplementCredential"],
        "credentialSubject": {
            "holderOfQualification": {"familyName": hostile, "nameLatin": hostile, "iin": "010314500123"},
            "qualification": {"name": [{"@value": hostile, "@language": "en"}], "languageOfInstruction": hostile},
            "levelOfQualification": {"nqfLevel": hostile, "officialLength": {"years": hostile, "ectsCredits": hostile}},
            "contentsAndResults": {
                "modeOfStudy": hostile, "gpa": hostile, "gradingScheme": hostile, "overallClassification": hostile,
                "programmeDetails": [{"code": hostile, "title": [{"@value": hostile, "@language": "en"}],
                                      "credits": hostile, "grade": hostile, "gradePoints": hostile, "term": hostile}],
            },
            "nationalHigherEducationSystem": [{"@value": hostile, "@language": "en"}],
        },
    }
    # an unconfirmed supplement (its key could not be obtained) is shown, marked, and escaped
    report = VerificationReport(checks=[Check.make("format", "passed", "well_formed"),
                                        Check.make("proof", "indeterminate", "key_unavailable")],
                                credential={**credential_summary(credential), "confirmed": False})
    for lang in ("kk", "ru", "en"):
        html = render_supplement(report, lang)
        assert "<script" not in html.lower() and "<img" not in html.lower()
        assert "&lt;script&gt;" in html
        assert "010314500123" not in html
    # one whose signature failed shows none of what it claims
    forged = VerificationReport(checks=[Check.make("proof", "failed", "invalid_signature")],
                                credential=credential_summary(credential))
    assert "&lt;script&gt;" not in render_supplement(forged, "en")
