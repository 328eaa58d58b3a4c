"""What a person reads of a credential: holder, degree, programme, institution, series and
number, award date, and the Diploma Supplement's sections, as plain values for pages, the CLI
and reports. Never an IIN, a birth date or an identity hash."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.trust import issuer_of, parse_datetime


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _date_of(credential: dict[str, Any]) -> datetime | None:
    for name in ("validFrom", "issuanceDate"):
        try:
            moment = parse_datetime(credential.get(name))
        except ValueError:
            return None
        if moment is not None:
            return moment
    return None


def language_values(value: Any) -> dict[str, str] | str | None:
    """A language-value list (``[{"@value", "@language"}]``) as {lang: text}; a plain string as is."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("@value"), str):
        value = [value]
    elif isinstance(value, dict):  # already a {language: text} map
        return {str(k): v for k, v in value.items() if isinstance(v, str)} or None
    if isinstance(value, list):
        out: dict[str, str] = {}
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("@value"), str):
                out.setdefault(str(item.get("@language") or "und"), item["@value"])
            elif isinstance(item, str):
                out.setdefault("und", item)
        return out or None
    return None


def pick(value: Any, lang: str) -> str:
    """One language of a language value (then en, ru, kk, anything)."""
    values = language_values(value)
    if values is None:
        return ""
    if isinstance(values, str):
        return values
    for candidate in (lang, "en", "ru", "kk", "und"):
        if candidate in values:
            return values[candidate]
    return next(iter(values.values()), "")


def credential_summary(credential: dict[str, Any]) -> dict[str, Any]:
    """What a person needs to see: holder display name, degree, programme, institution,
    series and number, award date. Never an IIN, a birth date or an identity hash."""
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement") if isinstance(subject.get("achievement"), dict) else {}
    issuer = credential.get("issuer")
    number = credential.get("documentNumber") if isinstance(credential.get("documentNumber"), dict) else {}
    series_number = " ".join(str(number[k]) for k in ("series", "number") if isinstance(number.get(k), str)) or None
    award = _date_of(credential)
    return {
        "id": credential.get("id") if isinstance(credential.get("id"), str) else None,
        "type": _types(credential.get("type")),
        "holder": subject.get("name") if isinstance(subject.get("name"), str) else None,
        "degree": language_values(credential.get("name")) or language_values(achievement.get("name")),
        "achievement_type": achievement.get("achievementType") if isinstance(achievement.get("achievementType"), str) else None,
        "programme": language_values(achievement.get("name")),
        "programme_code": achievement.get("humanCode") if isinstance(achievement.get("humanCode"), str) else None,
        "institution": language_values(issuer.get("name")) if isinstance(issuer, dict) else None,
        "issuer": issuer_of(credential),
        "series_number": series_number,
        "award_date": award.date().isoformat() if award else None,
        "valid_until": credential.get("validUntil") or credential.get("expirationDate"),
        **({"supplement": supplement_summary(subject)} if "DiplomaSupplementCredential" in _types(credential.get("type")) else {}),
    }


def _scalar(value: Any) -> str | None:
    """A text, or a number as text (never a bool, an object or a list)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return None


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


MAX_SUMMARY_COURSES = 400


def supplement_summary(subject: dict[str, Any]) -> dict[str, Any]:
    """What a recognition officer reads in a Diploma Supplement's 8 sections, from an allowlist
    of its fields (never the holder's identifier: no IIN, birth date or identity hash). Texts
    are strings or {language: text} maps; absent fields are absent."""
    holder = _obj(subject.get("holderOfQualification"))
    qualification = _obj(subject.get("qualification"))
    programme = _obj(qualification.get("programme"))
    level = _obj(subject.get("levelOfQualification"))
    length = _obj(level.get("officialLength"))
    contents = _obj(subject.get("contentsAndResults"))
    function = _obj(subject.get("functionOfQualification"))
    info = _obj(subject.get("additionalInformation"))
    certification = _obj(subject.get("certification"))
    native = " ".join(n for n in (_scalar(holder.get(k)) for k in ("familyName", "givenName", "patronymicName")) if n)
    courses = []
    details = contents.get("programmeDetails")
    for course in (details if isinstance(details, list) else [])[:MAX_SUMMARY_COURSES]:
        if not isinstance(course, dict):
            continue
        item = {
            "code": _scalar(course.get("code")),
            "title": language_values(course.get("title")),
            "credits": _scalar(course.get("credits")),
            "grade": _scalar(course.get("grade")),
            "grade_points": _scalar(course.get("gradePoints")),
            "term": _scalar(course.get("term")),
        }
        courses.append({k: v for k, v in item.items() if v is not None})
    out = {
        "holder": native or None,
        "holder_latin": _scalar(holder.get("nameLatin")),
        "qualification": language_values(qualification.get("name")),
        "programme": language_values(programme.get("name")),
        "programme_code": _scalar(programme.get("code")),
        "field_of_study": _scalar(qualification.get("fieldOfStudy")),
        "institution": language_values(_obj(qualification.get("awardingInstitution")).get("name")),
        "language_of_instruction": _scalar(qualification.get("languageOfInstruction")),
        "nqf_level": _scalar(level.get("nqfLevel")),
        "eqf_level": _scalar(level.get("eqfLevel")),
        "qf_ehea_cycle": _scalar(level.get("qfEheaCycle")),
        "years": _scalar(length.get("years")),
        "ects_credits": _scalar(length.get("ectsCredits")),
        "access_requirements": language_values(level.get("accessRequirements")),
        "mode_of_study": _scalar(contents.get("modeOfStudy")),
        "courses": courses,
        "grading_scheme": language_values(contents.get("gradingScheme")),
        "gpa": _scalar(contents.get("gpa")),
        "classification": language_values(contents.get("overallClassification")),
        "further_study": language_values(function.get("accessToFurtherStudy")),
        "professional_status": language_values(function.get("professionalStatus")),
        "award_date": _scalar(info.get("awardDate")),
        "certification_date": _scalar(certification.get("date")),
        "certified_by": " — ".join(n for n in (_scalar(certification.get(k)) for k in ("name", "capacity")) if n) or None,
        "national_system": language_values(subject.get("nationalHigherEducationSystem")),
    }
    return {k: v for k, v in out.items() if v not in (None, "", [])}
