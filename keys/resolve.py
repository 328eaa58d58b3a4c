"""Resolving verification methods for verifiers: ``did:key`` by computation, ``did:web``
through a fetcher the caller supplies (the project's allowlisted fetcher, or an offline
bundle behind the same callable).

``DidResolver(fetch_json).resolve_key(vm_url)`` returns a :class:`keys.signer.PublicKey`
with ``revoked``/``expires`` filled from the document, after checking that the method belongs
to the DID (``controller``) and is referenced from ``assertionMethod``. Failures raise
:class:`keys.signer.KeyResolutionError` with a ``code`` (translated as
``key_resolution.<code>``) and ``unreachable=True`` when the document could not be obtained
(the verdict is then indeterminate, not invalid).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from common import i18n
from common.errors import ResourceUnavailable
from keys._time import parse_datetime
from keys.did import DidError, did_key_document, did_web_urls, split_did_url
from keys.jwk import JwkError, jwk_to_public_key
from keys.multikey import MultikeyError, decode_multikey, encode_multikey
from keys.signer import KeyResolutionError, PublicKey

__all__ = [
    "DidResolver",
    "FetchJson",
]

FetchJson = Callable[[str], Any]

_MULTIBASE_TYPES = frozenset({"Multikey", "Ed25519VerificationKey2020"})
_JWK_TYPES = frozenset({"JsonWebKey", "JsonWebKey2020"})

i18n.register(
    {
        "key_resolution.invalid_did": {
            "kk": "Кілт идентификаторы (DID) қате жазылған",
            "ru": "Идентификатор ключа (DID) записан неверно",
            "en": "The key identifier (DID) is malformed",
        },
        "key_resolution.unsupported_did_method": {
            "kk": "Бұл DID әдісіне қолдау көрсетілмейді",
            "ru": "Этот метод DID не поддерживается",
            "en": "This DID method is not supported",
        },
        "key_resolution.did_unreachable": {
            "kk": "Эмитенттің DID құжатын алу мүмкін болмады",
            "ru": "Не удалось получить DID-документ издателя",
            "en": "The issuer's DID document could not be retrieved",
        },
        "key_resolution.did_document_invalid": {
            "kk": "Эмитенттің DID құжаты жарамсыз",
            "ru": "DID-документ издателя недействителен",
            "en": "The issuer's DID document is invalid",
        },
        "key_resolution.key_not_found": {
            "kk": "Қолтаңба кілті эмитенттің DID құжатында жоқ",
            "ru": "Ключ подписи отсутствует в DID-документе издателя",
            "en": "The signing key is not in the issuer's DID document",
        },
        "key_resolution.not_assertion_method": {
            "kk": "Бұл кілт эмитент атынан құжаттарға қол қоюға арналмаған (assertionMethod)",
            "ru": "Этот ключ не предназначен для подписи документов издателя (assertionMethod)",
            "en": "This key is not authorised to sign for the issuer (assertionMethod)",
        },
        "key_resolution.controller_mismatch": {
            "kk": "Кілт басқа иесіне тиесілі",
            "ru": "Ключ принадлежит другому владельцу",
            "en": "The key belongs to a different controller",
        },
        "key_resolution.unsupported_key_type": {
            "kk": "Кілт түріне қолдау көрсетілмейді",
            "ru": "Тип ключа не поддерживается",
            "en": "The key type is not supported",
        },
        "key_resolution.key_revoked": {
            "kk": "Қолтаңба кілттің құпиясы ашылғаннан кейін жасалған",
            "ru": "Подпись создана после компрометации ключа",
            "en": "The signature was made after the key was compromised",
        },
        "key_resolution.key_expired": {
            "kk": "Қолтаңба кілттің қолданылу мерзімі біткеннен кейін жасалған",
            "ru": "Подпись создана после истечения срока действия ключа",
            "en": "The signature was made after the key expired",
        },
    }
)


def _fail(code: str, message: str, *, unreachable: bool = False) -> KeyResolutionError:
    return KeyResolutionError(message, unreachable=unreachable, code=code)


class DidResolver:
    """Resolves DIDs and verification methods. `fetch_json(url)` returns the parsed JSON at
    `url`, raising :class:`common.errors.ResourceUnavailable` when it cannot be obtained and
    ValueError when the body is not JSON. Without `fetch_json` only did:key resolves.

    An instance is a :data:`keys.signer.KeyResolver` (call it with a DID URL)."""

    def __init__(self, fetch_json: FetchJson | None = None, *, allow_http_localhost: bool = False) -> None:
        self._fetch_json = fetch_json
        self._allow_http_localhost = allow_http_localhost

    def __call__(self, verification_method: str) -> PublicKey:
        return self.resolve_key(verification_method)

    def resolve(self, did: str) -> dict[str, Any]:
        """The DID document of `did`."""
        if not isinstance(did, str) or not did.startswith("did:"):
            raise _fail("invalid_did", f"not a DID: {did!r}")
        if did.startswith("did:key:"):
            try:
                return did_key_document(did)
            except DidError as exc:
                raise _fail("invalid_did", str(exc)) from None
        if did.startswith("did:web:"):
            return self._resolve_web(did)
        raise _fail("unsupported_did_method", f"unsupported DID method: {did.split(':')[1]!r}")

    def _resolve_web(self, did: str) -> dict[str, Any]:
        try:
            urls = did_web_urls(did, allow_http_localhost=self._allow_http_localhost)
        except DidError as exc:
            raise _fail("invalid_did", f"{did}: {exc}") from None
        if self._fetch_json is None:
            raise _fail("did_unreachable", f"{did}: no fetcher for did:web", unreachable=True)
        failure: ResourceUnavailable | None = None
        for url in urls:  # a local host: http, then its https twin
            try:
                document = self._fetch_json(url)
                break
            except ResourceUnavailable as exc:
                failure = failure or exc  # the first reason is the one to report
            except ValueError as exc:
                raise _fail("did_document_invalid", f"{did}: {exc}") from None
        else:
            raise _fail("did_unreachable", f"{did}: {failure}", unreachable=True)
        if not isinstance(document, dict):
            raise _fail("did_document_invalid", f"{did}: DID document is not a JSON object")
        if document.get("id") != did:
            raise _fail("did_document_invalid", f"{did}: DID document id is {document.get('id')!r}")
        return document

    def resolve_key(self, verification_method: str) -> PublicKey:
        """The public key of an assertion method, e.g. ``did:web:uni.kz:institutions:x#key-…``."""
        try:
            did, fragment = split_did_url(verification_method)
        except DidError as exc:
            raise _fail("invalid_did", f"{verification_method!r}: {exc}") from None
        if not fragment:
            raise _fail("invalid_did", f"{verification_method}: a verification method needs a #fragment")
        document = self.resolve(did)
        vm_id = f"{did}#{fragment}"

        def absolute(ref: object) -> object:
            return did + ref if isinstance(ref, str) and ref.startswith("#") else ref

        candidates: list[dict[str, Any]] = []
        for section in ("verificationMethod", "assertionMethod"):
            entries = document.get(section, [])
            if not isinstance(entries, list):
                raise _fail("did_document_invalid", f"{did}: {section} is not a list")
            candidates += [e for e in entries if isinstance(e, dict) and absolute(e.get("id")) == vm_id]
        if not candidates:
            raise _fail("key_not_found", f"{vm_id} is not in the DID document")
        if any(c != candidates[0] for c in candidates[1:]):
            raise _fail("did_document_invalid", f"{vm_id} is defined more than once")
        method = candidates[0]
        assertion = document.get("assertionMethod", [])
        referenced = any(
            absolute(ref if isinstance(ref, str) else ref.get("id") if isinstance(ref, dict) else None) == vm_id
            for ref in assertion
        )
        if not referenced:
            raise _fail("not_assertion_method", f"{vm_id} is not an assertionMethod of {did}")
        if method.get("controller") != did:
            raise _fail("controller_mismatch", f"{vm_id} is controlled by {method.get('controller')!r}")

        try:
            if method.get("type") in _MULTIBASE_TYPES and "publicKeyMultibase" in method:
                multibase = method["publicKeyMultibase"]
                algorithm, raw = decode_multikey(multibase)
            elif method.get("type") in _JWK_TYPES and "publicKeyJwk" in method:
                algorithm, raw = jwk_to_public_key(method["publicKeyJwk"])
                multibase = encode_multikey(algorithm, raw)
            else:
                raise _fail("unsupported_key_type", f"{vm_id}: unsupported type {method.get('type')!r}")
        except (MultikeyError, JwkError) as exc:
            raise _fail("unsupported_key_type", f"{vm_id}: {exc}") from None

        times = {}
        for name in ("revoked", "expires"):
            if name in method:
                try:
                    times[name] = parse_datetime(method[name])
                except ValueError:
                    raise _fail("did_document_invalid", f"{vm_id}: {name} is not a dateTimeStamp") from None
        return PublicKey(
            id=vm_id,
            controller=did,
            algorithm=algorithm,
            raw=raw,
            public_key_multibase=multibase,
            revoked=times.get("revoked"),
            expires=times.get("expires"),
        )
