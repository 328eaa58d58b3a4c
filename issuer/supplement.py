"""The Diploma Supplement (the 8 sections of the European Commission / Council of Europe /
UNESCO model) as an unsigned W3C VC 2.0 + Open Badges 3.0 ``OpenBadgeCredential``, linked to
its signed diploma. Where each section goes (docs/ISSUANCE.md, "Vocabulary"):

1. holder: ``credentialSubject.name`` (kk, ru, en) and ``identifier`` (hashed IIN, number);
2. qualification: the ``achievement`` (name, ``specialization``, ``humanCode``,
   ``fieldOfStudy``, ``inLanguage``) and the ``issuer`` Profile; the institution's
   accreditation as ``ext:Accreditation`` alignments;
3. level: the level alignments, ``creditsAvailable`` (ECTS) and ``ext:OfficialLength`` (years),
   ``ext:AccessRequirements``;
4. contents and results: one ``ResultDescription`` per course (grade, credits, grade points,
   term) and per GPA, classification, honours and mode of study, with the graduate's
   ``Result`` for each; the grading scheme as an ``ext:GradingScheme`` alignment;
5. function: an ``ext:AccessToFurtherStudy`` alignment (``ext:ProfessionalStatus`` is read, not yet
   issued: Dalel records no professional status);
6. additional information: ``awardedDate`` and ``relatedResource`` (the diploma, by digest);
7. certification: ``awardedDate`` and the ``issuer.official`` who certified it;
8. national system: an ``ext:NationalSystem`` alignment.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from common import vocab
from common.degrees import DEGREE_TYPES
from common.i18n import N_, all_languages
from issuer.credentials import (
    FRAMEWORK_URLS,
    HONOURS_TEXT,
    SUPPLEMENT_SCHEMA,
    achievement_of,
    alignment,
    credential_of,
    credential_url,
    degree_names,
    digest_multibase,
    issuer_profile,
    language_values,
    result,
    schema_url,
    subject_of,
)
from issuer.models import Graduate, Institution, Programme
from issuer.pii import PiiVault

NATIONAL_SYSTEM_NAME = all_languages(N_("Higher education in the Republic of Kazakhstan"))
NATIONAL_SYSTEM = all_languages(N_(
    "Higher education in the Republic of Kazakhstan: bachelor's programmes (NQF level 6, at least "
    "240 ECTS), master's programmes (level 7, 60–120 ECTS), doctoral programmes (PhD and doctor by "
    "profile; level 8, 180 ECTS). Credits follow ECTS principles (1 credit = 30 hours). Kazakhstan "
    "is a party to the Lisbon Recognition Convention."
))
FURTHER_STUDY = {
    6: all_languages(N_("Gives access to master's (second-cycle) programmes")),
    7: all_languages(N_("Gives access to doctoral (third-cycle) programmes")),
    8: all_languages(N_("Highest academic level")),
}
ACCESS_REQUIREMENTS = {
    6: all_languages(N_("Completed secondary or technical and vocational education; Unified National Testing")),
    7: DEGREE_TYPES["BachelorDegree"].name,
    8: DEGREE_TYPES["MasterDegree"].name,
}
DEFAULT_GRADING_SCHEME = (
    "Letter grades with GPA points: A 4.0 (95-100), A- 3.67 (90-94), B+ 3.33 (85-89), B 3.0 (80-84), "
    "B- 2.67 (75-79), C+ 2.33 (70-74), C 2.0 (65-69), C- 1.67 (60-64), D+ 1.33 (55-59), D 1.0 (50-54), F 0 (0-49)"
)
OFFICIAL_LENGTH_NAME = all_languages(N_("Official length of the programme (years)"))
GRADING_SCHEME_NAME = all_languages(N_("Grading scheme"))
GPA_NAME = all_languages(N_("Grade point average (GPA)"))
CLASSIFICATION_NAME = all_languages(N_("Overall classification"))
MODE_NAME = all_languages(N_("Mode of study"))
SUPPLEMENT_NAME = all_languages(N_("Diploma Supplement"))
SUPPLEMENT_DESCRIPTION = all_languages(N_(
    "Diploma Supplement following the model of the European Commission, Council of Europe and UNESCO"
))
ECTS_URL = "https://education.ec.europa.eu/education-levels/higher-education/inclusive-and-connected-higher-education/european-credit-transfer-and-accumulation-system"
EHEA_KAZAKHSTAN_URL = "https://www.ehea.info/page-kazakhstan"
NQF_FRAMEWORK = "National Qualifications Framework of the Republic of Kazakhstan"


def _number_text(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _courses(achievement_id: str, courses: list[dict[str, Any]], programme_url: str) -> tuple[list, list]:
    """A ResultDescription and the graduate's Result for each course's grade and credits (and
    grade points and term, when given); the course code is an ``ext:Course`` alignment."""
    descriptions: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for index, course in enumerate(courses, start=1):
        title = course["title"]
        label = next((t["@value"] for t in title if t["@language"] == "en"), title[0]["@value"])
        grade_id = vocab.course_fragment(index)
        descriptions.append({
            "id": achievement_id + grade_id, "type": ["ResultDescription"], "name": title,
            "resultType": "LetterGrade",
            "alignment": [alignment(vocab.ALIGN_COURSE, label, programme_url, targetCode=course["code"])],
        })
        results.append(result(achievement_id, grade_id, course["grade"]))
        parts = [("credits", vocab.RESULT_CREDITS, _number_text(course["credits"]))]
        if course.get("gradePoints"):
            parts.append(("points", vocab.RESULT_GRADE_POINTS, course["gradePoints"]))
        if course.get("term"):
            parts.append(("term", vocab.RESULT_TERM, course["term"]))
        for part, result_type, value in parts:
            fragment = vocab.course_fragment(index, part)
            descriptions.append({"id": achievement_id + fragment, "type": ["ResultDescription"], "name": title,
                                 "resultType": result_type})
            results.append(result(achievement_id, fragment, value))
    return descriptions, results


def _accreditation_alignments(accreditations: list[dict[str, Any]], trust_list_url: str) -> list[dict[str, Any]]:
    items = []
    for a in accreditations:
        scope = a["scope"] + (f" {a['programme']}" if a.get("programme") else "")
        period = f"{a['validFrom']} – {a.get('validUntil') or '…'}"
        items.append(alignment(vocab.ALIGN_ACCREDITATION, f"{a['agency']}: {scope}", trust_list_url,
                               targetFramework=a["agency"], targetCode=scope, targetDescription=period))
    return items


def build_supplement(
    *,
    public_url: str,
    uuid: str,
    diploma: dict[str, Any],
    institution: Institution,
    programme: Programme,
    graduate: Graduate,
    iin: str,
    vault: PiiVault,
    series: str,
    number: str,
    award_date: date,
    honours: bool,
    courses: list[dict[str, Any]],
    gpa: str | None,
    grading_scheme: str | None,
    classification: str | None,
    certified_by: dict[str, str] | None = None,
    accreditations: list[dict[str, Any]] | None = None,
    status_entries: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The unsigned Diploma Supplement, linked to the signed `diploma`."""
    names = degree_names(series, programme)
    level = programme.nqf_level
    achievement = achievement_of(public_url, institution, programme, series)
    aid = achievement["id"]
    base = public_url.rstrip("/")
    years = round(programme.ects_credits / 60, 1)
    achievement["alignment"] += [
        alignment(vocab.ALIGN_LENGTH, language_values(OFFICIAL_LENGTH_NAME), ECTS_URL, targetCode=f"{years:g}",
                  targetDescription=f"{years:g} × 60 ECTS = {programme.ects_credits} ECTS"),
        alignment(vocab.ALIGN_ACCESS, language_values(ACCESS_REQUIREMENTS.get(level, {})) or "—",
                  f"{FRAMEWORK_URLS['NQF']}#level-{level}", targetFramework=NQF_FRAMEWORK),
        alignment(vocab.ALIGN_FURTHER_STUDY, language_values(FURTHER_STUDY.get(level, {})) or "—",
                  FRAMEWORK_URLS["QF-EHEA"], targetFramework=NQF_FRAMEWORK),
        alignment(vocab.ALIGN_GRADING, language_values(GRADING_SCHEME_NAME), ECTS_URL,
                  targetDescription=grading_scheme or DEFAULT_GRADING_SCHEME),
        alignment(vocab.ALIGN_NATIONAL_SYSTEM, language_values(NATIONAL_SYSTEM_NAME), EHEA_KAZAKHSTAN_URL,
                  targetDescription=language_values(NATIONAL_SYSTEM)),
        *_accreditation_alignments(accreditations or [], f"{base}/trust-list"),
    ]
    descriptions, results = _courses(aid, courses, aid)
    achievement["resultDescription"] += [
        {"id": aid + vocab.FRAGMENT_MODE, "type": ["ResultDescription"], "name": language_values(MODE_NAME),
         "resultType": vocab.RESULT_MODE},
        {"id": aid + vocab.FRAGMENT_GPA, "type": ["ResultDescription"], "name": language_values(GPA_NAME),
         "resultType": "GradePointAverage", "valueMin": "0.00", "valueMax": "4.00"},
        {"id": aid + vocab.FRAGMENT_CLASSIFICATION, "type": ["ResultDescription"],
         "name": language_values(CLASSIFICATION_NAME), "resultType": "PerformanceLevel"},
        *descriptions,
    ]
    results = [result(aid, vocab.FRAGMENT_MODE, programme.mode_of_study)] + results
    if gpa:
        results.append(result(aid, vocab.FRAGMENT_GPA, gpa))
    if classification:
        results.append(result(aid, vocab.FRAGMENT_CLASSIFICATION, classification))
    if honours:
        results.append(result(aid, vocab.FRAGMENT_HONOURS, vocab.HONOURS_VALUE))
    credential_id = credential_url(public_url, uuid)
    certifier = certified_by or {}
    official = " — ".join(v for v in (certifier.get("name"), certifier.get("capacity")) if v) or None
    return credential_of(
        kind=vocab.SUPPLEMENT_TYPE, credential_id=credential_id, issuer=issuer_profile(institution, official),
        award_date=award_date, schema=schema_url(public_url, SUPPLEMENT_SCHEMA), status_entries=status_entries,
        name={lang: f"{SUPPLEMENT_NAME[lang]} — {names[lang]}" + (f" ({HONOURS_TEXT[lang]})" if honours else "")
              for lang in names},
        description=language_values(SUPPLEMENT_DESCRIPTION),
        credentialSubject=subject_of(credential_id=credential_id, graduate=graduate, iin=iin, vault=vault,
                                     series=series, number=number, achievement=achievement, results=results),
        relatedResource=[{"id": diploma["id"], "digestMultibase": digest_multibase(diploma)}],
    )
