"""The v1 credential shape, as issuer/credentials.py built it before the vocabulary change
(commit c05548a): diplomas and supplements naming the Dalel context
``https://dalel.kz/ns/credentials/v1``. Kept only for tests, which sign credentials of this
shape at test time to show that credentials issued before the change still verify in Dalel.
Nothing in the product issues this shape any more."""

from __future__ import annotations

from datetime import date
from typing import Any

from issuer.credentials import (
    HONOURS_TEXT,
    credential_url,
    degree_names,
    digest_multibase,
    field_of_study,
    identity_object,
    iso_midnight,
    language_values,
    level_alignments,
    programme_url,
    schema_url,
)
from issuer.models import Graduate, Institution, Programme
from issuer.numbering import SERIES
from issuer.pii import PiiVault
from issuer.supplement import ACCESS_REQUIREMENTS, DEFAULT_GRADING_SCHEME, FURTHER_STUDY, NATIONAL_SYSTEM

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DALEL_V1 = "https://dalel.kz/ns/credentials/v1"
DIPLOMA_CONTEXT = [CREDENTIALS_V2, OPEN_BADGES_V3, DALEL_V1]
SUPPLEMENT_CONTEXT = [CREDENTIALS_V2, DALEL_V1]


def alignments(programme: Programme) -> list[dict[str, Any]]:
    """The v1 alignments: the v2 ones without their ``targetType``."""
    return [{k: v for k, v in a.items() if k != "targetType"} for a in level_alignments(programme)]


def issuer_profile(institution: Institution) -> dict[str, Any]:
    profile: dict[str, Any] = {"id": institution.did, "type": ["Profile"], "name": institution.name_en}
    if institution.address:
        profile["address"] = {"type": ["Address"], "addressCountry": institution.country,
                              "streetAddress": institution.address}
    return profile


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
