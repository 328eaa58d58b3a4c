"""What a person reads of a credential: holder, degree, programme, institution, series and
number, award date, and the Diploma Supplement's sections, as plain values for pages, the CLI
and reports. Never an IIN, a birth date or an identity hash.

Pure functions of a credential in the compact shape the issuer writes (the verified view):
the v2 shape (VC 2.0 + Open Badges 3.0 terms, :mod:`common.vocab`) and the v1 shape (the Dalel
context). Names and other texts come back as {language: text} maps ("und" for a text without
a language), which :func:`pick` (or :mod:`verifier.display`) reads in the reader's language."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from common import vocab
from verifier.trust import issuer_of, parse_datetime

MAX_SUMMARY_COURSES = 400


def _types(value: Any) -> list[str]:
    """The strings of a ``type`` value (one string or a list)."""
    return [v for v in vocab.as_list(value) if isinstance(v, str)]


def _date_of(credential: dict[str, Any]) -> datetime | None:
    for name in ("validFrom", "issuanceDate"):
        try:
            moment = parse_datetime(credential.get(name))
        except ValueError:
            return None
        if moment is not None:
            return moment
    return None


def _awarded_at(credential: dict[str, Any]) -> datetime | None:
    """When it was awarded: Open Badges ``awardedDate`` (kept across re-issues), else validFrom."""
    try:
        moment = parse_datetime(credential.get("awardedDate"))
    except ValueError:
        moment = None
    return moment or _date_of(credential)


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


def language_map(value: Any) -> dict[str, str] | None:
    """Like :func:`language_values`, but a plain string too comes back as a map (``{"und": …}``)."""
    values = language_values(value)
    return {"und": values} if isinstance(values, str) else values


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


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _honours(credential: dict[str, Any], subject: dict[str, Any]) -> bool:
    if vocab.is_legacy(credential):
        return subject.get("honours") is True
    achievement_id = _str(_obj(subject.get("achievement")).get("id"))
    return bool(achievement_id) and _results(subject).get(achievement_id + vocab.FRAGMENT_HONOURS) == vocab.HONOURS_VALUE


def credential_summary(credential: dict[str, Any]) -> dict[str, Any]:
    """What a person needs to see: holder display name (``holder``) and the holder's name in
    each language (``holder_names``), degree, programme, institution, series and number,
    award date. Never an IIN, a birth date or an identity hash."""
    subject = vocab.subject_of(credential)
    achievement = _obj(subject.get("achievement"))
    issuer = credential.get("issuer")
    names = language_map(subject.get("name"))
    number = vocab.document_number(credential)
    award = _awarded_at(credential)
    return {
        "id": _str(credential.get("id")),
        "type": vocab.types(credential),
        "holder": pick(names, "en") or None if names else None,
        "holder_names": names,
        "degree": language_values(credential.get("name")) or language_values(achievement.get("name")),
        "achievement_type": _str(achievement.get("achievementType")),
        "programme": language_values(achievement.get("specialization")) or language_values(achievement.get("name")),
        "programme_code": _str(achievement.get("humanCode")),
        "institution": language_values(issuer.get("name")) if isinstance(issuer, dict) else None,
        "issuer": issuer_of(credential),
        "series_number": _display_number(number),
        "honours": _honours(credential, subject),
        "award_date": award.date().isoformat() if award else None,
        "awarded_at": award.isoformat().replace("+00:00", "Z") if award else None,
        "valid_until": credential.get("validUntil") or credential.get("expirationDate"),
        **({"supplement": supplement_of(credential)} if vocab.is_supplement(credential) else {}),
    }


def _display_number(number: tuple[str, str] | None) -> str | None:
    return f"{number[0]} {number[1]}" if number else None


def supplement_of(credential: dict[str, Any]) -> dict[str, Any]:
    """The Diploma Supplement's sections of `credential` (either shape)."""
    subject = vocab.subject_of(credential)
    if vocab.is_legacy(credential) or vocab.LEGACY_SUPPLEMENT_TYPE in vocab.types(credential):
        return supplement_summary(subject)
    return _supplement_v2(credential, subject)


# --------------------------------------------------------------------------- v2 shape


def _results(subject: dict[str, Any]) -> dict[str, str]:
    """ResultDescription id -> the graduate's value (the first, if a description has several)."""
    out: dict[str, str] = {}
    for item in vocab.as_list(subject.get("result")):
        if isinstance(item, dict) and isinstance(item.get("resultDescription"), str):
            value = _scalar(item.get("value"))
            if value is not None:
                out.setdefault(item["resultDescription"], value)
    return out


def _alignments(achievement: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for item in vocab.as_list(achievement.get("alignment")):
        if isinstance(item, dict) and isinstance(item.get("targetType"), str):
            out.setdefault(item["targetType"], []).append(item)
    return out


def _first(aligned: dict[str, list[dict[str, Any]]], target_type: str, field: str) -> Any:
    items = aligned.get(target_type) or [{}]
    return items[0].get(field)


def _courses(achievement_id: str, descriptions: dict[str, dict[str, Any]], results: dict[str, str]) -> list:
    pattern = re.compile(re.escape(achievement_id) + r"#course-([0-9]{1,4})$")
    indexes = sorted(int(m.group(1)) for m in map(pattern.match, descriptions) if m)
    courses = []
    for index in indexes[:MAX_SUMMARY_COURSES]:
        grade_id = achievement_id + vocab.course_fragment(index)
        code = _first(_alignments(descriptions[grade_id]), vocab.ALIGN_COURSE, "targetCode")

        def part(name: str, _index: int = index) -> str | None:
            fragment = achievement_id + vocab.course_fragment(_index, name)
            return results.get(fragment) if fragment in descriptions else None

        courses.append(_course(code, descriptions[grade_id].get("name"), part("credits"), results.get(grade_id),
                               part("points"), part("term")))
    return courses


def _course(code: Any, title: Any, credits: Any, grade: Any, points: Any, term: Any) -> dict[str, Any]:
    """One course of a supplement as a page shows it (absent parts absent)."""
    item = {"code": _scalar(code), "title": language_values(title), "credits": _scalar(credits),
            "grade": _scalar(grade), "grade_points": _scalar(points), "term": _scalar(term)}
    return {k: v for k, v in item.items() if v is not None}


def _supplement_v2(credential: dict[str, Any], subject: dict[str, Any]) -> dict[str, Any]:
    achievement = _obj(subject.get("achievement"))
    aid = _str(achievement.get("id")) or ""
    descriptions = {
        rd["id"]: rd for rd in vocab.as_list(achievement.get("resultDescription"))
        if isinstance(rd, dict) and isinstance(rd.get("id"), str)
    }
    # a result counts only with its description in the signed achievement (Open Badges 3.0)
    results = {k: v for k, v in _results(subject).items() if k in descriptions} if aid else {}
    aligned = _alignments(achievement)
    names = language_map(subject.get("name")) or {}
    award = _awarded_at(credential)
    issuer = _obj(credential.get("issuer"))
    classification = language_map(results.get(aid + vocab.FRAGMENT_CLASSIFICATION))
    if classification is None and results.get(aid + vocab.FRAGMENT_HONOURS) == vocab.HONOURS_VALUE:
        classification = language_values(descriptions[aid + vocab.FRAGMENT_HONOURS].get("name"))
    out = {
        "holder": names.get("kk") or names.get("ru") or names.get("und"),
        "holder_latin": names.get("en"),
        "holder_names": names or None,
        "qualification": language_values(achievement.get("name")),
        "programme": language_values(achievement.get("specialization")),
        "programme_code": _scalar(achievement.get("humanCode")),
        "field_of_study": _scalar(achievement.get("fieldOfStudy")),
        "institution": language_values(issuer.get("name")),
        "language_of_instruction": _scalar(achievement.get("inLanguage")),
        "nqf_level": _scalar(_first(aligned, vocab.ALIGN_NQF, "targetCode")),
        "eqf_level": _scalar(_first(aligned, vocab.ALIGN_EQF, "targetCode")),
        "qf_ehea_cycle": _scalar(_first(aligned, vocab.ALIGN_QF_EHEA, "targetCode")),
        "years": _scalar(_first(aligned, vocab.ALIGN_LENGTH, "targetCode")),
        "ects_credits": _scalar(achievement.get("creditsAvailable")),
        "access_requirements": language_values(_first(aligned, vocab.ALIGN_ACCESS, "targetName")),
        "mode_of_study": results.get(aid + vocab.FRAGMENT_MODE),
        "courses": _courses(aid, descriptions, results) if aid else [],
        "grading_scheme": language_values(_first(aligned, vocab.ALIGN_GRADING, "targetDescription")),
        "gpa": results.get(aid + vocab.FRAGMENT_GPA),
        "classification": classification,
        "further_study": language_values(_first(aligned, vocab.ALIGN_FURTHER_STUDY, "targetName")),
        "professional_status": language_values(_first(aligned, vocab.ALIGN_PROFESSIONAL, "targetName")),
        "award_date": award.date().isoformat() if award else None,
        "awarded_at": award.isoformat().replace("+00:00", "Z") if award else None,
        "certification_date": award.date().isoformat() if award else None,
        "certified_by": _scalar(issuer.get("official")),
        "national_system": language_values(_first(aligned, vocab.ALIGN_NATIONAL_SYSTEM, "targetDescription")),
    }
    return {k: v for k, v in out.items() if v not in (None, "", [], {})}


# --------------------------------------------------------------------------- v1 shape


def supplement_summary(subject: dict[str, Any]) -> dict[str, Any]:
    """What a recognition officer reads in a v1 Diploma Supplement's 8 sections, from an
    allowlist of its fields (never the holder's identifier: no IIN, birth date or identity
    hash). Texts are strings or {language: text} maps; absent fields are absent."""
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
    latin = _scalar(holder.get("nameLatin"))
    courses = []
    details = contents.get("programmeDetails")
    for course in (details if isinstance(details, list) else [])[:MAX_SUMMARY_COURSES]:
        if not isinstance(course, dict):
            continue
        courses.append(_course(*(course.get(k) for k in ("code", "title", "credits", "grade", "gradePoints", "term"))))
    out = {
        "holder": native or None,
        "holder_latin": latin,
        "holder_names": {k: v for k, v in (("kk", native), ("ru", native), ("en", latin)) if v} or None,
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
