"""Where Dalel's credentials say what: the published vocabularies they use, the few Dalel
names that resolve without Dalel's help, and readers that find the series and number or the
kind of credential in both shapes Dalel has issued (docs/ISSUANCE.md, "Vocabulary").

Shapes:

* ``v2`` (issued now): ``@context`` = VC 2.0 + Open Badges 3.0 only, which every conforming
  verifier ships. The credential kind is an absolute type IRI (:data:`DIPLOMA_TYPE`,
  :data:`SUPPLEMENT_TYPE`): an absolute IRI expands to itself, so no context is needed.
  Everything else is an Open Badges 3.0 term; Dalel's own distinctions are values of the
  extensible Open Badges enumerations (``ext:…``), plain strings that need no context either.
* ``v1`` (issued before): the Dalel context ``https://dalel.kz/ns/credentials/v1``, which no
  server answers; it stays pinned in ``keys/contexts`` so these credentials keep verifying in
  Dalel, and is never named by a diploma or supplement issued now.

Every reader here is a pure function of a credential in the compact shape the issuer writes
(a list of one element may arrive as the element itself)."""

from __future__ import annotations

import re
from typing import Any

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ISSUED_CONTEXT: tuple[str, ...] = (CREDENTIALS_V2, OPEN_BADGES_V3)

DALEL_NS = "https://dalel.kz/ns/credentials#"
DIPLOMA_TYPE = DALEL_NS + "DiplomaCredential"
SUPPLEMENT_TYPE = DALEL_NS + "DiplomaSupplementCredential"  # the IRI the v1 term expanded to
OPEN_BADGE_TYPE = "OpenBadgeCredential"

LEGACY_CONTEXT = "https://dalel.kz/ns/credentials/v1"
LEGACY_SUPPLEMENT_TYPE = "DiplomaSupplementCredential"  # a term of LEGACY_CONTEXT

# Open Badges 3.0 extensible enumerations: Dalel's values (the spec's "ext:" naming rule)
ID_DIPLOMA_NUMBER = "ext:DiplomaNumber"  # IdentityObject.identityType: "BD 00012345", not hashed
ID_NATIONAL = "nationalIdentityNumber"  # the hashed IIN (secret salt)

ALIGN_NQF = "ext:NQF"
ALIGN_EQF = "ext:EQF"
ALIGN_ISCED = "ext:ISCED2011"
ALIGN_ISCED_F = "ext:ISCED-F2013"
ALIGN_QF_EHEA = "ext:QF-EHEA"
ALIGN_COURSE = "ext:Course"  # on a course's ResultDescription: targetCode = the course code
ALIGN_LENGTH = "ext:OfficialLength"  # DS 3.2: targetCode = years (the ECTS are creditsAvailable)
ALIGN_ACCESS = "ext:AccessRequirements"  # DS 3.3
ALIGN_FURTHER_STUDY = "ext:AccessToFurtherStudy"  # DS 5.1
ALIGN_PROFESSIONAL = "ext:ProfessionalStatus"  # DS 5.2
ALIGN_GRADING = "ext:GradingScheme"  # DS 4.4
ALIGN_NATIONAL_SYSTEM = "ext:NationalSystem"  # DS 8
ALIGN_ACCREDITATION = "ext:Accreditation"  # DS 2.4 (status of the awarding institution)

RESULT_CREDITS = "ext:Credits"
RESULT_GRADE_POINTS = "ext:GradePoints"
RESULT_TERM = "ext:Term"
RESULT_MODE = "ext:ModeOfStudy"  # DS 4.1

# ResultDescription ids: the achievement's id + one of these fragments
FRAGMENT_HONOURS = "#honours"
FRAGMENT_GPA = "#gpa"
FRAGMENT_CLASSIFICATION = "#classification"
FRAGMENT_MODE = "#mode-of-study"
HONOURS_VALUE = "honours"


def course_fragment(index: int, part: str = "") -> str:
    """``#course-3`` (the grade) or ``#course-3-credits`` / ``-points`` / ``-term``."""
    return f"#course-{index}" + (f"-{part}" if part else "")


_NUMBER = re.compile(r"^([A-Za-z]{2,3}) ([0-9]{1,12})$")


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def types(credential: Any) -> list[str]:
    value = credential.get("type") if isinstance(credential, dict) else None
    return [v for v in as_list(value) if isinstance(v, str)]


def contexts(credential: Any) -> list[Any]:
    return as_list(credential.get("@context")) if isinstance(credential, dict) else []


def is_legacy(credential: Any) -> bool:
    """A credential in the v1 shape (names the Dalel context)."""
    return LEGACY_CONTEXT in contexts(credential)


def is_supplement(credential: Any) -> bool:
    """A Dalel Diploma Supplement of either shape, by its signed type only (a v1 term without
    the Dalel context cannot pass the format check, but is still held to a supplement's rules)."""
    kinds = types(credential)
    return SUPPLEMENT_TYPE in kinds or LEGACY_SUPPLEMENT_TYPE in kinds


def is_diploma(credential: Any) -> bool:
    """A Dalel diploma of either shape (by its signed type and context only)."""
    kinds = types(credential)
    if DIPLOMA_TYPE in kinds:
        return True
    return OPEN_BADGE_TYPE in kinds and is_legacy(credential) and not is_supplement(credential)


def subject_of(credential: Any) -> dict[str, Any]:
    subjects = as_list(credential.get("credentialSubject")) if isinstance(credential, dict) else []
    return subjects[0] if subjects and isinstance(subjects[0], dict) else {}


def number_identity(series: str, number: str) -> dict[str, Any]:
    """The IdentityObject that carries a diploma's series and number (v2 shape)."""
    return {"type": "IdentityObject", "identityType": ID_DIPLOMA_NUMBER, "hashed": False,
            "identityHash": f"{series} {number}"}


def document_number(credential: Any) -> tuple[str, str] | None:
    """(series, number) of a Dalel diploma or supplement of either shape, else None (also when
    the v2 shape carries more than one number: a credential says one number or none)."""
    if not isinstance(credential, dict):
        return None
    legacy = credential.get("documentNumber")
    if isinstance(legacy, dict):
        series, number = legacy.get("series"), legacy.get("number")
        if isinstance(series, str) and isinstance(number, str) and series and number:
            return series, number
        return None
    found = [
        obj.get("identityHash")
        for obj in as_list(subject_of(credential).get("identifier"))
        if isinstance(obj, dict) and obj.get("identityType") == ID_DIPLOMA_NUMBER and obj.get("hashed") is False
    ]
    if len(found) != 1 or not isinstance(found[0], str):
        return None
    match = _NUMBER.match(found[0])
    return (match.group(1), match.group(2)) if match else None


LANGUAGE_TAGS: tuple[str, ...] = ("kk", "ru", "en")


def language_map(value: Any) -> dict[str, str]:
    """A name as ``{lang: text}`` for kk, ru and en, from any shape a credential writes it in:
    a plain string (the same in every language), a ``{"@value", "@language"}`` object or a list
    of them (a value without one of the three tags fills the languages it lacks), or a
    ``{lang: text}`` map. Empty when there is no text."""
    if isinstance(value, str):
        return dict.fromkeys(LANGUAGE_TAGS, value)
    if isinstance(value, dict):
        if "@value" in value:
            return language_map([value])
        return {k: str(v) for k, v in value.items() if k in LANGUAGE_TAGS and v}
    if not isinstance(value, list):
        return {}
    out: dict[str, str] = {}
    plain: str | None = None
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("@value"), str):
            if item.get("@language") in LANGUAGE_TAGS:
                out.setdefault(item["@language"], item["@value"])
            else:
                plain = plain or item["@value"]
        elif isinstance(item, str):
            plain = plain or item
    if plain:
        for lang in LANGUAGE_TAGS:
            out.setdefault(lang, plain)
    return out


def pick(values: dict[str, str], lang: str) -> str:
    """The text of `lang` in a :func:`language_map`, else English, Russian, Kazakh, anything."""
    for candidate in (lang, "en", "ru", "kk"):
        if values.get(candidate):
            return values[candidate]
    return next(iter(values.values()), "")
