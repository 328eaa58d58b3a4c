"""The v1 credential shape, as issuer/credentials.py built it before the vocabulary change
(commit c05548a): diplomas and supplements naming the Dalel context
``https://dalel.kz/ns/credentials/v1``. Kept only for tests, which sign credentials of this
shape at test time to show that credentials issued before the change still verify in Dalel.
Nothing in the product issues this shape any more."""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from typing import Any

import rfc8785

from issuer.models import Graduate, Institution, Programme
from issuer.numbering import SERIES
from issuer.pii import PiiVault

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DALEL_V1 = "https://dalel.kz/ns/credentials/v1"
DIPLOMA_CONTEXT = [CREDENTIALS_V2, OPEN_BADGES_V3, DALEL_V1]
SUPPLEMENT_CONTEXT = [CREDENTIALS_V2, DALEL_V1]
LANGUAGES = ("kk", "ru", "en")


# ISCED-F 2013 broad fields (first two digits of the detailed field code)
ISCED_F_BROAD: dict[str, str] = {
    "00": "Generic programmes and qualifications",
    "01": "Education",
    "02": "Arts and humanities",
    "03": "Social sciences, journalism and information",
    "04": "Business, administration and law",
    "05": "Natural sciences, mathematics and statistics",
    "06": "Information and Communication Technologies",
    "07": "Engineering, manufacturing and construction",
    "08": "Agriculture, forestry, fisheries and veterinary",
    "09": "Health and welfare",
    "10": "Services",
}

DEGREE_TITLES: dict[str, dict[str, str]] = {
    "BachelorDegree": {"kk": "Бакалавр", "ru": "Бакалавр", "en": "Bachelor"},
    "MasterDegree": {"kk": "Магистр", "ru": "Магистр", "en": "Master"},
    "DoctoralDegree": {"kk": "Доктор", "ru": "Доктор", "en": "Doctor"},
    "Diploma": {"kk": "Біліктілік", "ru": "Квалификация", "en": "Qualification"},
    "Certificate": {"kk": "Сертификат", "ru": "Сертификат", "en": "Certificate"},
}
SERIES_DEGREE_OVERRIDES = {"MBA": "Master of Business Administration", "DBA": "Doctor of Business Administration",
                           "PhD": "Doctor of Philosophy (PhD)"}

QF_EHEA_NAMES = {"short": "short cycle", "first": "first cycle", "second": "second cycle", "third": "third cycle"}
FRAMEWORK_URLS = {
    "NQF": "https://dalel.kz/ns/frameworks/kz-nqf",
    "EQF": "https://europass.europa.eu/en/europass-digital-tools/european-qualifications-framework",
    "ISCED": "https://uis.unesco.org/en/topic/international-standard-classification-education-isced",
    "QF-EHEA": "https://www.ehea.info/page-qualification-frameworks",
}

HONOURS_TEXT = {"kk": "үздік", "ru": "с отличием", "en": "with honours"}


def language_values(texts: dict[str, str]) -> list[dict[str, str]]:
    """``[{"@value": …, "@language": "kk"}, …]`` for each non-empty language."""
    return [{"@value": texts[lang], "@language": lang} for lang in LANGUAGES if texts.get(lang)]


def iso_midnight(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def credential_url(public_url: str, uuid: str) -> str:
    return f"{public_url.rstrip('/')}/credentials/{uuid}"


def programme_url(public_url: str, institution: Institution, programme: Programme) -> str:
    return f"{public_url.rstrip('/')}/institutions/{institution.slug}/programmes/{programme.code}"


def schema_url(public_url: str, name: str) -> str:
    return f"{public_url.rstrip('/')}/schemas/{name}.json"


def degree_names(series: str, programme: Programme) -> dict[str, str]:
    info = SERIES[series]
    titles = DEGREE_TITLES[info.achievement_type]
    out = {}
    for lang in LANGUAGES:
        title = SERIES_DEGREE_OVERRIDES.get(series, titles[lang]) if lang == "en" else titles[lang]
        out[lang] = f"{title} — {programme.names()[lang]}"
    return out


def field_of_study(programme: Programme) -> str:
    broad = ISCED_F_BROAD.get(programme.isced_f[:2], "Field")
    return f"{broad} (ISCED-F {programme.isced_f})"


def alignments(programme: Programme) -> list[dict[str, Any]]:
    level = programme.nqf_level
    items = [
        {
            "type": ["Alignment"],
            "targetName": f"NQF level {level}",
            "targetFramework": "National Qualifications Framework of the Republic of Kazakhstan",
            "targetCode": str(level),
            "targetUrl": f"{FRAMEWORK_URLS['NQF']}#level-{level}",
        },
        {
            "type": ["Alignment"],
            "targetName": f"EQF level {programme.eqf_level}",
            "targetFramework": "European Qualifications Framework",
            "targetCode": str(programme.eqf_level),
            "targetUrl": FRAMEWORK_URLS["EQF"],
        },
    ]
    if programme.isced_level is not None:
        items.append(
            {
                "type": ["Alignment"],
                "targetName": f"ISCED 2011 level {programme.isced_level}",
                "targetFramework": "ISCED 2011",
                "targetCode": str(programme.isced_level),
                "targetUrl": FRAMEWORK_URLS["ISCED"],
            }
        )
    items.append(
        {
            "type": ["Alignment"],
            "targetName": field_of_study(programme),
            "targetFramework": "ISCED-F 2013",
            "targetCode": programme.isced_f,
            "targetUrl": FRAMEWORK_URLS["ISCED"],
        }
    )
    if programme.qf_ehea_cycle:
        items.append(
            {
                "type": ["Alignment"],
                "targetName": f"QF-EHEA {QF_EHEA_NAMES[programme.qf_ehea_cycle]}",
                "targetFramework": "Framework of Qualifications for the European Higher Education Area",
                "targetCode": programme.qf_ehea_cycle,
                "targetUrl": FRAMEWORK_URLS["QF-EHEA"],
            }
        )
    return items


def issuer_profile(institution: Institution) -> dict[str, Any]:
    profile: dict[str, Any] = {"id": institution.did, "type": ["Profile"], "name": institution.name_en}
    if institution.address:
        profile["address"] = {"type": ["Address"], "addressCountry": institution.country,
                              "streetAddress": institution.address}
    return profile


def identity_object(iin: str, credential_id: str, vault: PiiVault) -> dict[str, Any]:
    """Open Badges 3.0 IdentityObject of the graduate in the credential `credential_id`: the
    hash of the IIN with a secret per-credential salt, which is not published (no ``salt``)."""
    return {
        "type": "IdentityObject",
        "identityHash": vault.identity_hash(iin, credential_id),
        "identityType": "nationalIdentityNumber",
        "hashed": True,
    }


def build_diploma(
    *,
    public_url: str,
    uuid: str,
    institution: Institution,
    programme: Programme,
    graduate: Graduate,
    iin: str,
    vault: PiiVault,
    series: str,
    number: str,
    award_date: date,
    honours: bool = False,
    status_entries: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The unsigned diploma credential."""
    info = SERIES[series]
    names = degree_names(series, programme)
    achievement: dict[str, Any] = {
        "id": programme_url(public_url, institution, programme),
        "type": ["Achievement"],
        "achievementType": info.achievement_type,
        "name": language_values(names),
        "description": language_values(info.names),
        "criteria": {"narrative": f"Completion of the educational programme {programme.code} "
                                  f"({programme.ects_credits} ECTS credits)."},
        "humanCode": programme.code,
        "fieldOfStudy": field_of_study(programme),
        "specialization": language_values(programme.names()),
        "creditsAvailable": programme.ects_credits,
        "inLanguage": programme.language_of_instruction,
        "alignment": alignments(programme),
    }
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "name": graduate.name_latin,
        "identifier": [identity_object(iin, credential_url(public_url, uuid), vault)],
        "achievement": achievement,
    }
    if honours:
        subject["honours"] = True
    credential: dict[str, Any] = {
        "@context": list(DIPLOMA_CONTEXT),
        "id": credential_url(public_url, uuid),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(institution),
        "validFrom": iso_midnight(award_date),
        "awardedDate": iso_midnight(award_date),
        "name": names["en"] + (f" ({HONOURS_TEXT['en']})" if honours else ""),
        "documentNumber": {"series": series, "number": number},
        "credentialSubject": subject,
        "credentialSchema": [{"id": schema_url(public_url, "diploma"), "type": "JsonSchema"}],
    }
    if status_entries:
        credential["credentialStatus"] = status_entries
    return credential


def digest_multibase(document: dict[str, Any]) -> str:
    digest = hashlib.sha256(rfc8785.dumps(document)).digest()
    return "u" + base64.urlsafe_b64encode(b"\x12\x20" + digest).rstrip(b"=").decode("ascii")


NATIONAL_SYSTEM = {
    "kk": "Қазақстан Республикасының жоғары білім беру жүйесі: бакалавриат (ҰБШ 6-деңгейі, кемінде 240 ECTS), "
          "магистратура (7-деңгей, 60–120 ECTS), докторантура (PhD, бейіні бойынша доктор; 8-деңгей, 180 ECTS). "
          "Кредиттер ECTS қағидаттарына сәйкес (1 кредит = 30 сағат). Қазақстан Лиссабон тану конвенциясына қатысушы.",
    "ru": "Система высшего образования Республики Казахстан: бакалавриат (6 уровень НРК, не менее 240 ECTS), "
          "магистратура (7 уровень, 60–120 ECTS), докторантура (PhD, доктор по профилю; 8 уровень, 180 ECTS). "
          "Кредиты по принципам ECTS (1 кредит = 30 часов). Казахстан — участник Лиссабонской конвенции о признании.",
    "en": "Higher education in the Republic of Kazakhstan: bachelor's programmes (NQF level 6, at least 240 ECTS), "
          "master's programmes (level 7, 60–120 ECTS), doctoral programmes (PhD and doctor by profile; level 8, "
          "180 ECTS). Credits follow ECTS principles (1 credit = 30 hours). Kazakhstan is a party to the Lisbon "
          "Recognition Convention.",
}

FURTHER_STUDY = {
    6: {"kk": "Магистратураға түсуге құқық береді", "ru": "Даёт право поступления в магистратуру",
        "en": "Gives access to master's (second-cycle) programmes"},
    7: {"kk": "Докторантураға түсуге құқық береді", "ru": "Даёт право поступления в докторантуру",
        "en": "Gives access to doctoral (third-cycle) programmes"},
    8: {"kk": "Ең жоғары академиялық деңгей", "ru": "Высший академический уровень",
        "en": "Highest academic level"},
}
ACCESS_REQUIREMENTS = {
    6: {"kk": "Жалпы орта немесе техникалық және кәсіптік білім, ҰБТ", "ru": "Общее среднее или ТиПО, ЕНТ",
        "en": "Completed secondary or technical and vocational education; Unified National Testing"},
    7: {"kk": "Бакалавр дәрежесі", "ru": "Степень бакалавра", "en": "Bachelor's degree"},
    8: {"kk": "Магистр дәрежесі", "ru": "Степень магистра", "en": "Master's degree"},
}
DEFAULT_GRADING_SCHEME = (
    "Letter grades with GPA points: A 4.0 (95-100), A- 3.67 (90-94), B+ 3.33 (85-89), B 3.0 (80-84), "
    "B- 2.67 (75-79), C+ 2.33 (70-74), C 2.0 (65-69), C- 1.67 (60-64), D+ 1.33 (55-59), D 1.0 (50-54), F 0 (0-49)"
)


def _without_nulls(value: Any) -> Any:
    """JSON without null members (JSON-LD safe mode rejects nulls; absent means unknown)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


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
    years = round(programme.ects_credits / 60, 1)
    subject: dict[str, Any] = {
        "type": ["DiplomaSupplement"],
        "holderOfQualification": {
            "familyName": graduate.family_name,
            "givenName": graduate.given_name,
            "patronymicName": graduate.patronymic,
            "nameLatin": graduate.name_latin,
            "identifier": identity_object(iin, credential_url(public_url, uuid), vault),
        },
        "qualification": {
            "name": language_values(names),
            "series": series,
            "number": number,
            "fieldOfStudy": field_of_study(programme),
            "programme": {"code": programme.code, "name": language_values(programme.names())},
            "awardingInstitution": {
                "id": institution.did,
                "name": language_values(institution.names()),
                "country": institution.country,
                "status": accreditations or [],
            },
            "languageOfInstruction": programme.language_of_instruction,
        },
        "levelOfQualification": {
            "nqfLevel": level,
            "eqfLevel": programme.eqf_level,
            "iscedLevel": programme.isced_level,
            "qfEheaCycle": programme.qf_ehea_cycle,
            "officialLength": {"years": years, "ectsCredits": programme.ects_credits},
            "accessRequirements": language_values(ACCESS_REQUIREMENTS.get(level, {})),
        },
        "contentsAndResults": {
            "modeOfStudy": programme.mode_of_study,
            "programmeDetails": courses,
            "gradingScheme": grading_scheme or DEFAULT_GRADING_SCHEME,
            "gpa": gpa,
            "overallClassification": classification or (HONOURS_TEXT["en"] if honours else None),
        },
        "functionOfQualification": {
            "accessToFurtherStudy": language_values(FURTHER_STUDY.get(level, {})),
            "professionalStatus": None,
        },
        "additionalInformation": {
            "awardDate": award_date.isoformat(),
            "verify": diploma.get("id"),
        },
        "certification": {
            "date": award_date.isoformat(),
            **(certified_by or {}),
        },
        "nationalHigherEducationSystem": language_values(NATIONAL_SYSTEM),
    }
    subject = _without_nulls(subject)
    credential: dict[str, Any] = {
        "@context": list(SUPPLEMENT_CONTEXT),
        "id": credential_url(public_url, uuid),
        "type": ["VerifiableCredential", "DiplomaSupplementCredential"],
        "issuer": {"id": institution.did, "name": institution.name_en},
        "validFrom": iso_midnight(award_date),
        "name": f"Diploma Supplement — {names['en']}",
        "documentNumber": {"series": series, "number": number},
        "credentialSubject": subject,
        "relatedResource": [{"id": diploma["id"], "digestMultibase": digest_multibase(diploma)}],
        "credentialSchema": [{"id": schema_url(public_url, "supplement"), "type": "JsonSchema"}],
    }
    if status_entries:
        credential["credentialStatus"] = status_entries
    return credential
