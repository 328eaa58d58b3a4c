"""Structural rules of the W3C Verifiable Credentials Data Model 2.0 that JSON-LD processing
does not enforce: what an issuer must refuse to sign and a verifier's ``format`` check reports.

:func:`credential_problems` returns a list of :class:`VcdmProblem` (empty when the credential
is well formed); each has a stable ``code``, the ``field`` concerned and a message in kk, ru
and en (``message(lang)``). Meaning (every term defined, no protected term redefined) is
checked separately by :mod:`keys.jsonld` when the credential is signed or verified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from common import i18n
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
        "vcdm.proof_invalid": {
            "kk": "Куәліктегі бар қолтаңбаның (proof) type мәні жоқ",
            "ru": "У существующей подписи (proof) удостоверения нет значения type",
            "en": "An existing proof of the credential has no type",
        },
    }
)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_DATETIME_STAMP = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
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
    if not isinstance(value, str) or not _DATETIME_STAMP.match(value):
        return None
    text = value.replace("Z", "+00:00")
    if "." in text:
        head, _, tail = text.partition(".")
        digits = re.match(r"\d+", tail)
        frac = digits.group(0) if digits else ""
        text = f"{head}.{(frac + '000000')[:6]}{tail[len(frac):]}"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


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
        if not isinstance(contexts, list) or not contexts or contexts[0] not in (CREDENTIALS_V2, CREDENTIALS_V1):
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
    stamps = ("validFrom", "validUntil") if v2 else ("issuanceDate", "expirationDate", "validFrom", "validUntil")
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

    # embedded proofs already present (a proof set being extended)
    if "proof" in credential:
        proofs = _as_list(credential["proof"])
        if not proofs or not all(isinstance(p, dict) and isinstance(p.get("type"), str) for p in proofs):
            problems.append(VcdmProblem("proof_invalid", "proof"))
    return problems
