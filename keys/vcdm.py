"""Structural rules of the W3C Verifiable Credentials Data Model 2.0 that JSON-LD processing
does not enforce: what an issuer must refuse to sign and a verifier's ``format`` check reports.

:func:`credential_problems` returns a list of :class:`VcdmProblem` (empty when the credential
is well formed); each has a stable ``code``, the ``field`` concerned and a message in kk, ru
and en (``message(lang)``). Meaning (every term defined, no protected term redefined) is
checked separately by :mod:`keys.jsonld` when the credential is signed or verified.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from common import i18n, timestamps
from keys.jsonld import CREDENTIALS_V1, CREDENTIALS_V2

__all__ = ["VcdmProblem", "credential_problems", "is_url"]

i18n.register(
    {
        "vcdm.not_object": {
            "kk": "Куәлік JSON нысаны болуы керек",
            "ru": "Удостоверение должно быть JSON-объектом",
            "en": "The credential must be a JSON object",
        },
        "vcdm.context_missing": {
            "kk": "@context өрісі жоқ",
            "ru": "Отсутствует поле @context",
            "en": "The @context property is missing",
        },
        "vcdm.context_first": {
            "kk": "@context тізімі https://www.w3.org/ns/credentials/v2 мекенжайынан басталуы керек",
            "ru": "Список @context должен начинаться с https://www.w3.org/ns/credentials/v2",
            "en": "@context must be a list that starts with https://www.w3.org/ns/credentials/v2",
        },
        "vcdm.context_item": {
            "kk": "@context элементтері URL немесе JSON-LD контекст нысаны болуы керек",
            "ru": "Элементы @context должны быть URL или объектами контекста JSON-LD",
            "en": "@context entries must be URLs or JSON-LD context objects",
        },
        "vcdm.type_missing": {
            "kk": "type өрісінде VerifiableCredential болуы керек",
            "ru": "Поле type должно содержать VerifiableCredential",
            "en": "type must include VerifiableCredential",
        },
        "vcdm.type_invalid": {
            "kk": "{field} өрісіндегі type мәні жол немесе жолдар тізімі болуы керек",
            "ru": "Значение type в поле {field} должно быть строкой или списком строк",
            "en": "The type of {field} must be a string or a list of strings",
        },
        "vcdm.type_required": {
            "kk": "{field} өрісінің type мәні болуы керек",
            "ru": "Для поля {field} обязательно значение type",
            "en": "{field} must have a type",
        },
        "vcdm.id_invalid": {
            "kk": "{field} бір ғана URL болуы керек",
            "ru": "{field} должно быть одним URL",
            "en": "{field} must be a single URL",
        },
        "vcdm.issuer_invalid": {
            "kk": "issuer — URL немесе id өрісі URL болатын нысан болуы керек",
            "ru": "issuer должен быть URL или объектом, поле id которого является URL",
            "en": "issuer must be a URL or an object whose id is a URL",
        },
        "vcdm.subject_missing": {
            "kk": "credentialSubject өрісі жоқ",
            "ru": "Отсутствует поле credentialSubject",
            "en": "The credentialSubject property is missing",
        },
        "vcdm.subject_empty": {
            "kk": "Әр credentialSubject кемінде бір мәлімдемеден тұруы керек",
            "ru": "Каждый credentialSubject должен содержать хотя бы одно утверждение",
            "en": "Each credentialSubject must make at least one claim",
        },
        "vcdm.datetime_invalid": {
            "kk": "{field} уақыт белдеуі бар XML Schema dateTimeStamp болуы керек",
            "ru": "{field} должно быть значением XML Schema dateTimeStamp с часовым поясом",
            "en": "{field} must be an XML Schema dateTimeStamp with a time zone",
        },
        "vcdm.validity_order": {
            "kk": "validUntil мерзімі validFrom мерзімінен бұрын",
            "ru": "Срок validUntil раньше validFrom",
            "en": "validUntil is before validFrom",
        },
        "vcdm.language_value_invalid": {
            "kk": "{field} жол немесе тек @value, @language, @direction өрістері бар нысан болуы керек",
            "ru": "{field} должно быть строкой или объектом только с полями @value, @language, @direction",
            "en": "{field} must be a string or an object with only @value, @language and @direction",
        },
        "vcdm.object_invalid": {
            "kk": "{field} нысан немесе нысандар тізімі болуы керек",
            "ru": "{field} должно быть объектом или списком объектов",
            "en": "{field} must be an object or a list of objects",
        },
        "vcdm.related_resource_invalid": {
            "kk": "relatedResource: әр нысанда бірегей URL id және digestSRI немесе digestMultibase болуы керек",
            "ru": "relatedResource: у каждого объекта должны быть уникальный URL id и digestSRI или digestMultibase",
            "en": "relatedResource: each object needs a unique URL id and a digestSRI or digestMultibase",
        },
        "vcdm.status_entry_invalid": {
            "kk": "BitstringStatusListEntry қате: statusPurpose жолы, statusListIndex ондық сан жолы, statusListCredential URL болуы керек ({field})",
            "ru": "Неверный BitstringStatusListEntry: нужны строка statusPurpose, десятичное число-строка statusListIndex и URL statusListCredential ({field})",
            "en": "Malformed BitstringStatusListEntry: statusPurpose must be a string, statusListIndex a base-10 integer string, statusListCredential a URL ({field})",
        },
        "vcdm.proof_invalid": {
            "kk": "Куәліктегі бар қолтаңбаның (proof) type мәні жоқ",
            "ru": "У существующей подписи (proof) удостоверения нет значения type",
            "en": "An existing proof of the credential has no type",
        },
    }
)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_LANGUAGE_VALUE_KEYS = frozenset({"@value", "@language", "@direction"})


@dataclass(frozen=True)
class VcdmProblem:
    code: str
    field: str
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return i18n.t(f"vcdm.{self.code}", lang, field=self.field, **self.params)

    def to_dict(self, lang: str | None = None) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "message": self.message(lang)}


def is_url(value: Any) -> bool:
    """An absolute URL/IRI (a scheme, no whitespace), as VC 2.0 uses the word."""
    return isinstance(value, str) and bool(_URL.match(value))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _datetime_stamp(value: Any) -> datetime | None:
    return timestamps.parse_datetime_or_none(value)


def _check_types(value: Any, name: str, problems: list[VcdmProblem], *, required: bool) -> None:
    if value is None:
        if required:
            problems.append(VcdmProblem("type_required", name))
        return
    values = _as_list(value)
    if not values or not all(isinstance(v, str) and v for v in values):
        problems.append(VcdmProblem("type_invalid", name))


def _check_id(obj: dict[str, Any], name: str, problems: list[VcdmProblem]) -> None:
    if "id" in obj and not is_url(obj["id"]):
        problems.append(VcdmProblem("id_invalid", f"{name}.id" if name else "id"))


def _check_language_values(obj: dict[str, Any], prefix: str, problems: list[VcdmProblem]) -> None:
    for key in ("name", "description"):
        if key not in obj:
            continue
        for value in _as_list(obj[key]):
            if isinstance(value, str):
                continue
            if (
                isinstance(value, dict)
                and isinstance(value.get("@value"), str)
                and set(value) <= _LANGUAGE_VALUE_KEYS
                and all(isinstance(value.get(k, ""), str) for k in ("@language", "@direction"))
            ):
                continue
            problems.append(VcdmProblem("language_value_invalid", f"{prefix}{key}"))
            break


def _objects(credential: dict[str, Any], key: str, problems: list[VcdmProblem]) -> list[dict[str, Any]]:
    if key not in credential:
        return []
    values = _as_list(credential[key])
    if not values or not all(isinstance(v, dict) for v in values):
        problems.append(VcdmProblem("object_invalid", key))
        return []
    return values


_SRI = re.compile(r"^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$")  # SRI uses standard base64
_SRI_LENGTHS = {"256": 32, "384": 48, "512": 64}


def _sri_ok(value: str) -> bool:
    match = _SRI.match(value)
    if not match:
        return False
    try:
        digest = base64.b64decode(value.split("-", 1)[1], validate=True)
    except (ValueError, binascii.Error):
        return False
    return len(digest) == _SRI_LENGTHS[match.group(1)]


def _multibase_digest_ok(value: str) -> bool:
    body = value[1:]
    if value[:1] == "u" and body and re.fullmatch(r"[A-Za-z0-9_-]+", body):
        return len(body) >= 43  # at least 32 bytes
    return value[:1] == "z" and len(body) >= 40 and bool(re.fullmatch(r"[1-9A-HJ-NP-Za-km-z]+", body))


_INDEX = re.compile(r"^(0|[1-9][0-9]*)$")


def _typed_objects(value: Any, type_name: str, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            if type_name in _as_list(item.get("type")):
                found.append((where or "(root)", item))
            for key, member in item.items():
                if key != "@context":
                    stack.append((f"{where}.{key}" if where else key, member))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", member) for i, member in enumerate(item))
    return found


def _status_entry_ok(entry: dict[str, Any]) -> bool:
    if not isinstance(entry.get("statusPurpose"), str) or not entry["statusPurpose"]:
        return False
    index = entry.get("statusListIndex")
    if not isinstance(index, str) or not _INDEX.match(index):
        return False
    if not is_url(entry.get("statusListCredential")):
        return False
    size = entry.get("statusSize")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 1):
        return False
    messages = entry.get("statusMessage")
    if messages is not None and not (
        isinstance(messages, list)
        and all(
            isinstance(m, dict) and isinstance(m.get("status"), str) and isinstance(m.get("message"), str)
            for m in messages
        )
        and (size is None or len(messages) == size)
    ):
        return False
    return not (size is not None and size > 1 and messages is None)


def credential_problems(credential: Any, *, require_issuer: bool = True) -> list[VcdmProblem]:
    """What makes `credential` a non-conforming VC 2.0 credential (VC 1.1 documents, with the
    ``credentials/v1`` base context, are checked for the parts the two versions share)."""
    if not isinstance(credential, dict):
        return [VcdmProblem("not_object", "")]
    problems: list[VcdmProblem] = []

    # @context
    if "@context" not in credential:
        problems.append(VcdmProblem("context_missing", "@context"))
    else:
        contexts = credential["@context"]
        if (
            not isinstance(contexts, list)
            or not contexts
            or contexts[0] not in (CREDENTIALS_V2, CREDENTIALS_V1)
        ):
            problems.append(VcdmProblem("context_first", "@context"))
        if isinstance(contexts, list):
            for item in contexts[1:]:
                if not (is_url(item) or isinstance(item, dict)):
                    problems.append(VcdmProblem("context_item", "@context"))
                    break
    v2 = isinstance(credential.get("@context"), list) and credential["@context"][:1] == [CREDENTIALS_V2]

    # type
    types = credential.get("type")
    if types is None or "VerifiableCredential" not in _as_list(types):
        problems.append(VcdmProblem("type_missing", "type"))
    else:
        _check_types(types, "type", problems, required=True)

    # id
    _check_id(credential, "", problems)

    # issuer
    if "issuer" in credential or require_issuer:
        issuer = credential.get("issuer")
        if isinstance(issuer, dict):
            if not is_url(issuer.get("id")):
                problems.append(VcdmProblem("issuer_invalid", "issuer"))
            _check_language_values(issuer, "issuer.", problems)
        elif not is_url(issuer):
            problems.append(VcdmProblem("issuer_invalid", "issuer"))

    # credentialSubject
    if "credentialSubject" not in credential:
        problems.append(VcdmProblem("subject_missing", "credentialSubject"))
    else:
        subjects = _as_list(credential["credentialSubject"])
        if not subjects or not all(isinstance(s, dict) for s in subjects):
            problems.append(VcdmProblem("object_invalid", "credentialSubject"))
        else:
            for subject in subjects:
                if not subject:
                    problems.append(VcdmProblem("subject_empty", "credentialSubject"))
                    break
                _check_id(subject, "credentialSubject", problems)

    # names and descriptions
    _check_language_values(credential, "", problems)

    # validity period (VC 2.0) / issuanceDate, expirationDate (VC 1.1)
    stamps = (
        ("validFrom", "validUntil") if v2 else ("issuanceDate", "expirationDate", "validFrom", "validUntil")
    )
    parsed: dict[str, datetime] = {}
    for key in stamps:
        if key in credential:
            moment = _datetime_stamp(credential[key])
            if moment is None:
                problems.append(VcdmProblem("datetime_invalid", key))
            else:
                parsed[key] = moment
    if "validFrom" in parsed and "validUntil" in parsed and parsed["validUntil"] < parsed["validFrom"]:
        problems.append(VcdmProblem("validity_order", "validUntil"))

    # typed extension objects
    for key, id_required in (
        ("credentialStatus", False),
        ("credentialSchema", True),
        ("evidence", False),
        ("termsOfUse", False),
        ("refreshService", False),
    ):
        for obj in _objects(credential, key, problems):
            _check_types(obj.get("type"), key, problems, required=True)
            if id_required and "id" not in obj:
                problems.append(VcdmProblem("id_invalid", f"{key}.id"))
            else:
                _check_id(obj, key, problems)

    # related resources: a unique URL id and a digest each
    if "relatedResource" in credential:
        resources = _as_list(credential["relatedResource"])
        ids = [r.get("id") if isinstance(r, dict) else None for r in resources]
        if (
            not resources
            or not all(isinstance(r, dict) for r in resources)
            or not all(is_url(i) for i in ids)
            or len(set(ids)) != len(ids)
            or not all(
                isinstance(r.get("digestSRI"), str) or isinstance(r.get("digestMultibase"), str)
                for r in resources
            )
            or not all(_sri_ok(r["digestSRI"]) for r in resources if isinstance(r.get("digestSRI"), str))
            or not all(
                _multibase_digest_ok(r["digestMultibase"])
                for r in resources
                if isinstance(r.get("digestMultibase"), str)
            )
        ):
            problems.append(VcdmProblem("related_resource_invalid", "relatedResource"))

    # Bitstring Status List entries, wherever they appear
    for path, entry in _typed_objects(credential, "BitstringStatusListEntry"):
        if not _status_entry_ok(entry):
            problems.append(VcdmProblem("status_entry_invalid", path))

    # embedded proofs already present (a proof set being extended)
    if "proof" in credential:
        proofs = _as_list(credential["proof"])
        if not proofs or not all(isinstance(p, dict) and isinstance(p.get("type"), str) for p in proofs):
            problems.append(VcdmProblem("proof_invalid", "proof"))
    return problems
