"""The diploma as an unsigned W3C VC 2.0 + Open Badges 3.0 ``OpenBadgeCredential``, the parts
it shares with the Diploma Supplement (:mod:`issuer.supplement`), and their JSON Schemas.

Only published contexts are named (VC 2.0, Open Badges 3.0.3): any conforming verifier, DCC's
verifier-core included, processes these credentials with the contexts it ships. Where Dalel
needs a name of its own it uses a mechanism that needs no Dalel context (:mod:`common.vocab`,
docs/ISSUANCE.md "Vocabulary"): an absolute type IRI for the kind of credential, and ``ext:``
values of the Open Badges extensible enumerations for the series and number, the honours and
the frameworks. No IIN and no date of birth ever enter a credential: the graduate is
identified by an ``identityHash`` whose salt is secret (docs/ISSUANCE.md, "Holder identity").

``digestMultibase`` (VC 2.0 related resources): ``u`` + base64url-no-padding of the
multihash ``0x12 0x20 || SHA-256(RFC 8785 JCS of the signed diploma)``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import rfc8785

from common import vocab
from common.degrees import DEGREE_TYPES
from common.i18n import N_, all_languages
from issuer.models import Graduate, Institution, Programme
from issuer.numbering import SERIES
from issuer.pii import PiiVault

CREDENTIALS_V2 = vocab.CREDENTIALS_V2
DALEL_V1 = vocab.LEGACY_CONTEXT  # the trust list's context (Dalel verifiers only); never a diploma's
LANGUAGES = ("kk", "ru", "en")

SCHEMAS_DIR = Path(__file__).with_name("schemas")
SCHEMA_NAMES = ("diploma", "supplement", "trust-list", "diploma-v2", "supplement-v2")
DIPLOMA_SCHEMA, SUPPLEMENT_SCHEMA = "diploma-v2", "supplement-v2"

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

SERIES_DEGREE_OVERRIDES = {"MBA": "Master of Business Administration", "DBA": "Doctor of Business Administration",
                           "PhD": "Doctor of Philosophy (PhD)"}

QF_EHEA_NAMES = {"short": "short cycle", "first": "first cycle", "second": "second cycle", "third": "third cycle"}
FRAMEWORK_URLS = {
    "NQF": "https://dalel.kz/ns/frameworks/kz-nqf",
    "EQF": "https://europass.europa.eu/en/europass-digital-tools/european-qualifications-framework",
    "ISCED": "https://uis.unesco.org/en/topic/international-standard-classification-education-isced",
    "QF-EHEA": "https://www.ehea.info/page-qualification-frameworks",
}

HONOURS_TEXT = all_languages(N_("with honours"))
HONOURS_NAME = all_languages(N_("Diploma with honours"))


def language_values(texts: Mapping[str, str | None]) -> list[dict[str, str]]:
    """``[{"@value": …, "@language": "kk"}, …]`` for each non-empty language."""
    return [{"@value": text, "@language": lang} for lang in LANGUAGES if (text := texts.get(lang))]


def iso_midnight(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def credential_url(public_url: str, uuid: str) -> str:
    return f"{public_url.rstrip('/')}/credentials/{uuid}"


def programme_url(public_url: str, institution: Institution, programme: Programme) -> str:
    return f"{public_url.rstrip('/')}/institutions/{institution.slug}/programmes/{programme.code}"


def schema_url(public_url: str, name: str) -> str:
    return f"{public_url.rstrip('/')}/schemas/{name}.json"


def degree_names(series: str, programme: Programme) -> dict[str, str]:
    """The qualification's name in each language: degree title — programme."""
    titles = DEGREE_TYPES[SERIES[series].achievement_type].title
    out = {}
    for lang in LANGUAGES:
        title = SERIES_DEGREE_OVERRIDES.get(series, titles[lang]) if lang == "en" else titles[lang]
        out[lang] = f"{title} — {programme.names()[lang]}"
    return out


def field_of_study(programme: Programme) -> str:
    broad = ISCED_F_BROAD.get(programme.isced_f[:2], "Field")
    return f"{broad} (ISCED-F {programme.isced_f})"


def alignment(target_type: str, name: Any, url: str, **extra: Any) -> dict[str, Any]:
    """An Open Badges 3.0 Alignment whose ``targetType`` is one of Dalel's ``ext:`` values."""
    item = {"type": ["Alignment"], "targetType": target_type, "targetName": name, "targetUrl": url}
    item.update({k: v for k, v in extra.items() if v not in (None, "", [])})
    return item


def level_alignments(programme: Programme) -> list[dict[str, Any]]:
    """Where the qualification sits: NQF, EQF, ISCED 2011 level, ISCED-F field, QF-EHEA cycle."""
    level = programme.nqf_level
    items = [
        alignment(vocab.ALIGN_NQF, f"NQF level {level}", f"{FRAMEWORK_URLS['NQF']}#level-{level}",
                  targetFramework="National Qualifications Framework of the Republic of Kazakhstan",
                  targetCode=str(level)),
        alignment(vocab.ALIGN_EQF, f"EQF level {programme.eqf_level}", FRAMEWORK_URLS["EQF"],
                  targetFramework="European Qualifications Framework", targetCode=str(programme.eqf_level)),
    ]
    if programme.isced_level is not None:
        items.append(alignment(vocab.ALIGN_ISCED, f"ISCED 2011 level {programme.isced_level}", FRAMEWORK_URLS["ISCED"],
                               targetFramework="ISCED 2011", targetCode=str(programme.isced_level)))
    items.append(alignment(vocab.ALIGN_ISCED_F, field_of_study(programme), FRAMEWORK_URLS["ISCED"],
                           targetFramework="ISCED-F 2013", targetCode=programme.isced_f))
    if programme.qf_ehea_cycle:
        items.append(alignment(
            vocab.ALIGN_QF_EHEA, f"QF-EHEA {QF_EHEA_NAMES[programme.qf_ehea_cycle]}", FRAMEWORK_URLS["QF-EHEA"],
            targetFramework="Framework of Qualifications for the European Higher Education Area",
            targetCode=programme.qf_ehea_cycle,
        ))
    return items


def issuer_profile(institution: Institution, official: str | None = None) -> dict[str, Any]:
    """The Open Badges 3.0 Profile of the awarding institution, its name in kk, ru and en."""
    profile: dict[str, Any] = {"id": institution.did, "type": ["Profile"], "name": language_values(institution.names())}
    if institution.address:
        profile["address"] = {"type": ["Address"], "addressCountry": institution.country,
                              "streetAddress": institution.address}
    if official:
        profile["official"] = official
    return profile


def identity_object(iin: str, credential_id: str, vault: PiiVault) -> dict[str, Any]:
    """Open Badges 3.0 IdentityObject of the graduate in the credential `credential_id`: the
    hash of the IIN with a secret per-credential salt, which is not published (no ``salt``)."""
    return {
        "type": "IdentityObject",
        "identityHash": vault.identity_hash(iin, credential_id),
        "identityType": vocab.ID_NATIONAL,
        "hashed": True,
    }


def holder_names(graduate: Graduate) -> dict[str, str]:
    """The holder's name in the scripts the diploma is printed in: kk and ru in Cyrillic, en
    in the Latin spelling of the passport."""
    full = graduate.full_name()
    return {"kk": graduate.name_kk or full, "ru": graduate.name_ru or full,
            "en": graduate.name_en or graduate.name_latin}


def honours_description(achievement_id: str) -> dict[str, Any]:
    return {"id": achievement_id + vocab.FRAGMENT_HONOURS, "type": ["ResultDescription"],
            "name": language_values(HONOURS_NAME), "resultType": "PerformanceLevel",
            "allowedValue": [vocab.HONOURS_VALUE]}


def result(achievement_id: str, fragment: str, value: str) -> dict[str, Any]:
    return {"type": ["Result"], "resultDescription": achievement_id + fragment, "value": value}


def achievement_of(public_url: str, institution: Institution, programme: Programme, series: str) -> dict[str, Any]:
    """The qualification (one per programme and series): the same ``id`` on every graduate's
    diploma and supplement; the supplement adds its own alignments and result descriptions."""
    info = SERIES[series]
    achievement_id = programme_url(public_url, institution, programme)
    return {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": info.achievement_type,
        "name": language_values(degree_names(series, programme)),
        "description": language_values(info.names),
        "criteria": {"narrative": f"Completion of the educational programme {programme.code} "
                                  f"({programme.ects_credits} ECTS credits)."},
        "humanCode": programme.code,
        "fieldOfStudy": field_of_study(programme),
        "specialization": language_values(programme.names()),
        "creditsAvailable": programme.ects_credits,
        "inLanguage": programme.language_of_instruction,
        "alignment": level_alignments(programme),
        "resultDescription": [honours_description(achievement_id)],
    }


def subject_of(
    *, credential_id: str, graduate: Graduate, iin: str, vault: PiiVault, series: str, number: str,
    achievement: dict[str, Any], results: list[dict[str, Any]],
) -> dict[str, Any]:
    """The AchievementSubject: the holder's names, the hashed IIN, the series and number."""
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "name": language_values(holder_names(graduate)),
        "identifier": [identity_object(iin, credential_id, vault), vocab.number_identity(series, number)],
        "achievement": achievement,
    }
    if results:
        subject["result"] = results
    return subject


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
    names = degree_names(series, programme)
    achievement = achievement_of(public_url, institution, programme, series)
    credential_id = credential_url(public_url, uuid)
    results = [result(achievement["id"], vocab.FRAGMENT_HONOURS, vocab.HONOURS_VALUE)] if honours else []
    return credential_of(
        kind=vocab.DIPLOMA_TYPE, credential_id=credential_id, issuer=issuer_profile(institution),
        award_date=award_date, schema=schema_url(public_url, DIPLOMA_SCHEMA), status_entries=status_entries,
        name={lang: names[lang] + (f" ({HONOURS_TEXT[lang]})" if honours else "") for lang in LANGUAGES},
        credentialSubject=subject_of(credential_id=credential_id, graduate=graduate, iin=iin, vault=vault,
                                     series=series, number=number, achievement=achievement, results=results),
    )


def credential_of(
    *, kind: str, credential_id: str, issuer: dict[str, Any], award_date: date, name: dict[str, str], schema: str,
    status_entries: list[dict[str, Any]] | None, **members: Any,
) -> dict[str, Any]:
    """An unsigned Dalel credential of `kind` (a type IRI of :mod:`common.vocab`) in the
    published contexts, awarded on `award_date`, with `members` (subject, related resources)."""
    credential: dict[str, Any] = {
        "@context": list(vocab.ISSUED_CONTEXT),
        "id": credential_id,
        "type": ["VerifiableCredential", vocab.OPEN_BADGE_TYPE, kind],
        "issuer": issuer,
        "validFrom": iso_midnight(award_date),
        "awardedDate": iso_midnight(award_date),
        "name": language_values(name),
        **members,
        "credentialSchema": [{"id": schema, "type": "JsonSchema"}],
    }
    if status_entries:
        credential["credentialStatus"] = status_entries
    return compact_arrays(credential)


# terms whose JSON-LD definition is a @set or @list container: compaction keeps their arrays
_CONTAINER_TERMS = frozenset({"@context", "identifier", "alignment", "result", "resultDescription", "allowedValue"})


def compact_arrays(value: Any, key: str | None = None) -> Any:
    """The document as JSON-LD compaction writes it: a one-element array becomes its element
    except under a @set/@list term. An issued credential is therefore a fixed point of
    expand-then-compact against its own contexts, so the verifier's view of what was signed
    (the compacted document) is exactly what the issuer wrote (tests/issuer: round trip)."""
    if isinstance(value, dict):
        return {k: compact_arrays(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [compact_arrays(v) for v in value]
        return items[0] if len(items) == 1 and key not in _CONTAINER_TERMS else items
    return value


def digest_multibase(document: dict[str, Any]) -> str:
    digest = hashlib.sha256(rfc8785.dumps(document)).digest()
    return "u" + base64.urlsafe_b64encode(b"\x12\x20" + digest).rstrip(b"=").decode("ascii")


_OB_VOCAB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
_IDENTIFIER_TYPES = frozenset({_OB_VOCAB + "identityType", _OB_VOCAB + "identifierType"})


def numbered_document_marks(expanded: Any) -> list[str]:
    """What makes an expanded JSON-LD document a Dalel diploma or supplement (a numbered
    document of a series): any type or property IRI of Dalel's namespace (the v1 terms, the v2
    type IRIs) and any identifier of type ``ext:DiplomaNumber``. Read from the expanded form,
    so no spelling (an absolute IRI key, an inline context, an alias) hides one."""
    marks: set[str] = set()
    stack: list[Any] = [expanded]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict) or item.get("@type") == "@json":
            continue
        for key, value in item.items():
            if key.startswith(vocab.DALEL_NS):
                marks.add(key)
            elif key == "@type":
                marks.update(t for t in vocab.as_list(value) if isinstance(t, str) and t.startswith(vocab.DALEL_NS))
            elif key in _IDENTIFIER_TYPES:
                marks.update(v["@value"] for v in vocab.as_list(value)
                             if isinstance(v, dict) and v.get("@value") == vocab.ID_DIPLOMA_NUMBER)
            if isinstance(value, list | dict):
                stack.append(value)
    return sorted(marks)


# --------------------------------------------------------------------------- schemas


@lru_cache(maxsize=8)
def load_schema(name: str) -> dict[str, Any]:
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    return json.loads((SCHEMAS_DIR / f"{name}.json").read_text("utf-8"))


def schema_errors(name: str, document: dict[str, Any]) -> list[str]:
    """Messages of every JSON Schema violation (empty if valid)."""
    validator = jsonschema.Draft202012Validator(load_schema(name))
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or '(root)'}: {err.message}"
        for err in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    ]
