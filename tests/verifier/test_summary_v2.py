"""verifier.summary on the v2 shape: only what the signed achievement describes is read (a
result whose description is not in the achievement is ignored, as Open Badges 3.0 says), no
identity hash ever comes out, and hostile texts are escaped on the page."""

from __future__ import annotations

from common import vocab
from verifier.summary import credential_summary

AID = "https://uni.example/institutions/u/programmes/6B06101"
HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def _supplement(value: str = "A") -> dict:
    def rd(fragment, result_type, **extra):
        return {"id": AID + fragment, "type": "ResultDescription", "name": {"@value": HOSTILE, "@language": "en"},
                "resultType": result_type, **extra}

    return {
        "@context": list(vocab.ISSUED_CONTEXT),
        "type": ["VerifiableCredential", "OpenBadgeCredential", vocab.SUPPLEMENT_TYPE],
        "issuer": {"id": "did:web:uni.example", "type": "Profile", "name": {"@value": HOSTILE, "@language": "en"},
                   "official": HOSTILE},
        "validFrom": "2025-06-30T00:00:00Z",
        "awardedDate": "2025-06-29T19:00:00Z",  # 30 June in Almaty
        "credentialSubject": {
            "type": "AchievementSubject",
            "name": [{"@value": HOSTILE, "@language": "kk"}, {"@value": "Latin Name", "@language": "en"}],
            "identifier": [{"type": "IdentityObject", "identityType": "nationalIdentityNumber", "hashed": True,
                            "identityHash": "sha256$" + "0" * 64},
                           vocab.number_identity("BD", "00000007")],
            "achievement": {
                "id": AID, "type": "Achievement", "name": {"@value": HOSTILE, "@language": "en"},
                "alignment": [{"type": "Alignment", "targetType": vocab.ALIGN_NATIONAL_SYSTEM, "targetName": "x",
                               "targetUrl": "https://x", "targetDescription": HOSTILE}],
                "resultDescription": [
                    rd("#course-1", "LetterGrade", alignment=[{"type": "Alignment", "targetType": vocab.ALIGN_COURSE,
                                                              "targetName": HOSTILE, "targetUrl": "https://x",
                                                              "targetCode": HOSTILE}]),
                    rd("#course-1-credits", "ext:Credits"), rd("#gpa", "GradePointAverage"),
                ],
            },
            "result": [
                {"type": "Result", "resultDescription": AID + "#course-1", "value": value},
                {"type": "Result", "resultDescription": AID + "#course-1-credits", "value": HOSTILE},
                {"type": "Result", "resultDescription": AID + "#gpa", "value": HOSTILE},
                {"type": "Result", "resultDescription": AID + "#course-2", "value": "F"},  # not described
                {"type": "Result", "resultDescription": "https://other.example/a#gpa", "value": "4.00"},
            ],
        },
    }


def test_v2_supplement_summary():
    summary = credential_summary(_supplement())
    assert summary["series_number"] == "BD 00000007" and summary["award_date"] == "2025-06-29"
    section = summary["supplement"]
    assert section["courses"] == [{"code": HOSTILE, "title": {"en": HOSTILE}, "credits": HOSTILE, "grade": "A"}]
    assert section["gpa"] == HOSTILE and section["certified_by"] == HOSTILE
    assert "sha256$" not in repr(summary) and "identityHash" not in repr(summary)


def test_v2_supplement_page_escapes_and_localises():
    import re

    from verifier.page import render_supplement
    from verifier.report import Check, VerificationReport

    # a supplement whose signature held: its (hostile) content is shown, escaped
    report = VerificationReport(checks=[Check.make("proof", "passed", "valid")],
                                credential=credential_summary(_supplement()))
    for lang in ("kk", "ru", "en"):
        html = render_supplement(report, lang)
        assert "<script" not in html.lower() and "<img" not in html.lower() and "&lt;script&gt;" in html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", render_supplement(report, "en")))
    assert "June 30, 2025" in text  # the award moment read in Asia/Almaty
