"""Checking a ``BitstringStatusListEntry`` (W3C Bitstring Status List v1.0) for any issuer.

:func:`check_status` follows the specification's validate algorithm, with Dalel's extra rules:

1. the entry is well formed (``statusListIndex`` a base-10 string, ``statusSize`` a positive
   integer, ``statusListCredential`` an http(s) URL), else ``failed`` (MALFORMED_VALUE_ERROR);
2. the list is fetched through the caller's ``fetch_json`` (the allowlisted fetcher or an
   offline bundle). When it cannot be obtained the result is ``indeterminate``, never
   "not revoked" (STATUS_RETRIEVAL_ERROR);
3. every proof of the list credential verifies (:func:`keys.dataintegrity.verify_proofs`),
   its issuer is the credential's issuer, its type is ``BitstringStatusListCredential``, its
   ``id`` (when present) is the URL of the entry, and its ``statusPurpose`` includes the
   entry's purpose (STATUS_VERIFICATION_ERROR: ``failed``; an unreachable key:
   ``indeterminate``);
4. the list is within its validity period at the time of the check, read after the fetch and
   allowing :data:`CLOCK_SKEW` for a ``validFrom`` just ahead of our clock (an expired list
   cannot tell the current status: ``indeterminate``);
5. ``encodedList`` is decoded with limits — at most :data:`MAX_ENCODED_CHARS` characters, at
   most :data:`MAX_DECODED_BYTES` once decompressed (a gzip bomb stops there), at least
   131,072 entries (STATUS_LIST_LENGTH_ERROR), the index inside the list (RANGE_ERROR);
6. the entry's bits are read (index 0 is the left-most bit) and a non-zero value means
   revoked / suspended.

Decoded, verified lists are kept in a :class:`StatusListCache` when one is given: reused
without fetching for ``min(ttl, max_age_seconds)`` (0 by default, so a revocation is seen at
once), and reused without re-verifying as long as the fetched document is byte-for-byte the
same one (its fingerprint plays the role of an ETag). This module never imports ``issuer``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from common import i18n
from common.errors import ResourceUnavailable

MIN_ENTRIES = 131_072
MAX_ENCODED_CHARS = 2 * 1024 * 1024  # a list of 16,777,216 random bits stays well under this
MAX_DECODED_BYTES = 4 * 1024 * 1024  # 33,554,432 entries of one bit
# a list whose validFrom is this little ahead of our clock is current, not "not yet valid"
# (the issuer's clock may run a little ahead of the verifier's)
CLOCK_SKEW = timedelta(seconds=60)
_INDEX = re.compile(r"^(0|[1-9][0-9]{0,15})$")
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$")

PASSED, FAILED, INDETERMINATE = "passed", "failed", "indeterminate"

# code -> (status, spec error when one applies)
CODES: dict[str, str] = {
    "not_revoked": PASSED,
    "not_suspended": PASSED,
    "revoked": FAILED,
    "suspended": FAILED,
    "malformed_entry": FAILED,  # MALFORMED_VALUE_ERROR
    "list_unavailable": INDETERMINATE,  # STATUS_RETRIEVAL_ERROR
    "list_key_unavailable": INDETERMINATE,
    "list_proof_invalid": FAILED,  # STATUS_VERIFICATION_ERROR
    "list_issuer_mismatch": FAILED,
    "list_id_mismatch": FAILED,
    "purpose_mismatch": FAILED,
    "list_malformed": FAILED,
    "list_not_yet_valid": INDETERMINATE,
    "list_expired": INDETERMINATE,
    "list_too_short": FAILED,  # STATUS_LIST_LENGTH_ERROR
    "list_too_large": FAILED,
    "index_out_of_range": FAILED,  # RANGE_ERROR
    "unsupported_purpose": INDETERMINATE,
    "unsupported_status_type": INDETERMINATE,
    "history_unavailable": INDETERMINATE,
}

SPEC_ERRORS = {
    "malformed_entry": "MALFORMED_VALUE_ERROR",
    "list_malformed": "MALFORMED_VALUE_ERROR",
    "list_too_large": "MALFORMED_VALUE_ERROR",
    "list_unavailable": "STATUS_RETRIEVAL_ERROR",
    "history_unavailable": "STATUS_RETRIEVAL_ERROR",
    "list_proof_invalid": "STATUS_VERIFICATION_ERROR",
    "list_key_unavailable": "STATUS_VERIFICATION_ERROR",
    "list_issuer_mismatch": "STATUS_VERIFICATION_ERROR",
    "list_id_mismatch": "STATUS_VERIFICATION_ERROR",
    "purpose_mismatch": "STATUS_VERIFICATION_ERROR",
    "list_not_yet_valid": "STATUS_VERIFICATION_ERROR",
    "list_expired": "STATUS_VERIFICATION_ERROR",
    "list_too_short": "STATUS_LIST_LENGTH_ERROR",
    "index_out_of_range": "RANGE_ERROR",
}

i18n.register(
    {
        "status.not_revoked": {
            "kk": "Құжат кері қайтарылмаған",
            "ru": "Документ не отозван",
            "en": "The credential has not been revoked",
        },
        "status.not_suspended": {
            "kk": "Құжаттың әрекеті тоқтатылмаған",
            "ru": "Действие документа не приостановлено",
            "en": "The credential is not suspended",
        },
        "status.revoked": {
            "kk": "Эмитент бұл құжатты кері қайтарып алған",
            "ru": "Издатель отозвал этот документ",
            "en": "The issuer has revoked this credential",
        },
        "status.suspended": {
            "kk": "Эмитент бұл құжаттың әрекетін тоқтатқан",
            "ru": "Издатель приостановил действие этого документа",
            "en": "The issuer has suspended this credential",
        },
        "status.malformed_entry": {
            "kk": "Құжаттағы күй жазбасы қате жазылған",
            "ru": "Запись статуса в документе составлена неверно",
            "en": "The credential's status entry is malformed",
        },
        "status.list_unavailable": {
            "kk": "Күй тізімін алу мүмкін болмады: құжаттың күйі белгісіз",
            "ru": "Не удалось получить список статусов: статус документа неизвестен",
            "en": "The status list could not be retrieved: the credential's status is unknown",
        },
        "status.list_key_unavailable": {
            "kk": "Күй тізімінің қолтаңба кілтін алу мүмкін болмады",
            "ru": "Не удалось получить ключ подписи списка статусов",
            "en": "The key that signed the status list could not be retrieved",
        },
        "status.list_proof_invalid": {
            "kk": "Күй тізімінің қолтаңбасы жарамсыз: тізім өзгертілген немесе жалған",
            "ru": "Подпись списка статусов недействительна: список изменён или подделан",
            "en": "The status list's signature is invalid: the list was altered or forged",
        },
        "status.list_issuer_mismatch": {
            "kk": "Күй тізіміне құжат эмитенті емес, басқа біреу қол қойған",
            "ru": "Список статусов подписан не издателем документа",
            "en": "The status list was not issued by the credential's issuer",
        },
        "status.list_id_mismatch": {
            "kk": "Алынған күй тізімі құжатта көрсетілген тізім емес",
            "ru": "Полученный список статусов не тот, на который ссылается документ",
            "en": "The status list retrieved is not the one the credential refers to",
        },
        "status.purpose_mismatch": {
            "kk": "Күй тізімінің мақсаты жазбаның мақсатына сәйкес емес",
            "ru": "Назначение списка статусов не совпадает с назначением записи",
            "en": "The status list's purpose does not match the entry's purpose",
        },
        "status.list_malformed": {
            "kk": "Күй тізімі қате құрастырылған",
            "ru": "Список статусов составлен неверно",
            "en": "The status list is malformed",
        },
        "status.list_not_yet_valid": {
            "kk": "Күй тізімі әлі күшіне енбеген",
            "ru": "Список статусов ещё не вступил в силу",
            "en": "The status list is not yet valid",
        },
        "status.list_expired": {
            "kk": "Күй тізімінің жарамдылық мерзімі өткен: құжаттың қазіргі күйі белгісіз",
            "ru": "Срок действия списка статусов истёк: текущий статус документа неизвестен",
            "en": "The status list has expired: the credential's current status is unknown",
        },
        "status.list_too_short": {
            "kk": "Күй тізімі тым қысқа (кемінде 131 072 жазба қажет)",
            "ru": "Список статусов слишком короткий (нужно не менее 131 072 записей)",
            "en": "The status list is too short (at least 131,072 entries are required)",
        },
        "status.list_too_large": {
            "kk": "Күй тізімі рұқсат етілген көлемнен үлкен",
            "ru": "Список статусов превышает допустимый размер",
            "en": "The status list exceeds the allowed size",
        },
        "status.index_out_of_range": {
            "kk": "Күй жазбасының нөмірі тізімнен тыс",
            "ru": "Номер записи статуса выходит за пределы списка",
            "en": "The status entry's index is outside the list",
        },
        "status.unsupported_purpose": {
            "kk": "Күй жазбасының бұл мақсатына қолдау көрсетілмейді",
            "ru": "Это назначение записи статуса не поддерживается",
            "en": "This status purpose is not supported",
        },
        "status.unsupported_status_type": {
            "kk": "Күй жазбасының бұл түріне қолдау көрсетілмейді",
            "ru": "Этот тип записи статуса не поддерживается",
            "en": "This type of status entry is not supported",
        },
        "status.history_unavailable": {
            "kk": "Көрсетілген күнгі күй тізімін алу мүмкін болмады",
            "ru": "Не удалось получить список статусов на указанную дату",
            "en": "The status list as of the requested date could not be retrieved",
        },
    }
)

FetchJson = Callable[[str], Any]


@dataclass(frozen=True)
class StatusCheck:
    """The outcome of checking one status entry."""

    status: str  # passed | failed | indeterminate
    code: str
    purpose: str | None
    list_url: str | None
    message_key: str
    index: int | None = None
    detail: str | None = None  # technical, English, for logs and developers

    @property
    def spec_error(self) -> str | None:
        """The specification's error name (STATUS_RETRIEVAL_ERROR …), if one applies."""
        return SPEC_ERRORS.get(self.code)

    def message(self, lang: str | None = None) -> str:
        return i18n.t(self.message_key, lang)

    def messages(self) -> dict[str, str]:
        return i18n.all_languages(self.message_key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "code": self.code,
            "purpose": self.purpose,
            "statusListCredential": self.list_url,
            "statusListIndex": self.index,
            "message": self.messages(),
        }


def _result(code: str, purpose: Any, url: Any, index: int | None = None, detail: str | None = None) -> StatusCheck:
    return StatusCheck(
        status=CODES[code],
        code=code,
        purpose=purpose if isinstance(purpose, str) else None,
        list_url=url if isinstance(url, str) else None,
        message_key=f"status.{code}",
        index=index,
        detail=detail,
    )


class _Reject(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------- decoding


def decode_encoded_list(
    encoded: Any, *, max_encoded_chars: int = MAX_ENCODED_CHARS, max_decoded_bytes: int = MAX_DECODED_BYTES
) -> bytes:
    """The bitstring of an ``encodedList``: multibase ``u`` + base64url (no padding) of GZIP
    bytes. Raises ``_Reject`` (``list_malformed`` / ``list_too_large``) on anything else; never
    decompresses more than `max_decoded_bytes` + 1 bytes."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise _Reject("list_malformed", "encodedList is not multibase base64url ('u' prefix)")
    if len(encoded) > max_encoded_chars:
        raise _Reject("list_too_large", f"encodedList longer than {max_encoded_chars} characters")
    body = encoded[1:]
    if not _BASE64URL.match(body) or len(body) % 4 == 1:
        raise _Reject("list_malformed", "encodedList is not base64url without padding")
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (ValueError, TypeError):
        raise _Reject("list_malformed", "encodedList is not base64url") from None
    if len(compressed) < 18 or compressed[:2] != b"\x1f\x8b":
        raise _Reject("list_malformed", "encodedList is not GZIP data")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        bits = inflater.decompress(compressed, max_decoded_bytes + 1)
    except zlib.error:
        raise _Reject("list_malformed", "encodedList is not valid GZIP data") from None
    if len(bits) > max_decoded_bytes:
        raise _Reject("list_too_large", f"the decompressed list exceeds {max_decoded_bytes} bytes")
    if not inflater.eof:
        raise _Reject("list_malformed", "the GZIP data is truncated")
    return bits


def read_status(bits: bytes, index: int, size: int = 1) -> int:
    """The `size`-bit value at entry `index` (index 0 = the left-most bit)."""
    value = 0
    start = index * size
    for position in range(start, start + size):
        value = (value << 1) | ((bits[position >> 3] >> (7 - (position & 7))) & 1)
    return value


# --------------------------------------------------------------------------- cache


@dataclass
class _Cached:
    fingerprint: str
    bits: bytes
    verified_at: float  # monotonic
    fresh_until: float  # monotonic: no refetch before this
    facts: dict[str, Any]  # issuer, purposes, id, valid_from, valid_until


class StatusListCache:
    """A small in-process cache of verified, decoded status lists (thread-safe, LRU).

    ``max_age_seconds``: how long a list is reused without fetching it again (capped by the
    list's ``ttl``; 0 = always refetch, so a change is seen at once). ``reverify_seconds``: how
    long an unchanged document (same fingerprint) is trusted without verifying its proof
    again (keys can be found compromised)."""

    def __init__(self, max_entries: int = 64, max_age_seconds: float = 0.0, reverify_seconds: float = 300.0) -> None:
        self.max_entries = max_entries
        self.max_age_seconds = max_age_seconds
        self.reverify_seconds = reverify_seconds
        self._items: OrderedDict[str, _Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, url: str) -> _Cached | None:
        with self._lock:
            item = self._items.get(url)
            if item is not None:
                self._items.move_to_end(url)
            return item

    def put(self, url: str, item: _Cached) -> None:
        with self._lock:
            self._items[url] = item
            self._items.move_to_end(url)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


# --------------------------------------------------------------------------- checking


def _now() -> datetime:
    """The verifier's clock (one place, so tests can move it)."""
    return datetime.now(UTC)


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _issuer_id(document: dict[str, Any]) -> Any:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _strip_query(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def _verify_list(
    document: Any, url: str, credential_issuer: str, resolve_key: Callable[[str], Any], now: datetime
) -> tuple[bytes, dict[str, Any]]:
    """Structure, proof and issuer of a fetched list credential; returns (bits, facts)."""
    from keys.dataintegrity import verify_proofs

    if not isinstance(document, dict):
        raise _Reject("list_malformed", "the status list is not a JSON object")
    types = document.get("type")
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or "BitstringStatusListCredential" not in types:
        raise _Reject("list_malformed", "the document is not a BitstringStatusListCredential")
    subject = document.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("type") != "BitstringStatusList":
        raise _Reject("list_malformed", "credentialSubject is not a BitstringStatusList")
    results = verify_proofs(document, resolve_key, now=now)
    if not results or not all(r.ok for r in results):
        bad = next((r for r in results if not r.ok), None)
        code = getattr(bad, "code", "no_proof")
        if code == "key_unreachable":
            raise _Reject("list_key_unavailable", f"status list proof: {code}")
        raise _Reject("list_proof_invalid", f"status list proof: {code}")
    issuer = _issuer_id(document)
    if not isinstance(issuer, str) or issuer != credential_issuer:
        raise _Reject("list_issuer_mismatch", f"status list issuer {issuer!r} is not {credential_issuer!r}")
    list_id = document.get("id")
    if list_id is not None and (not isinstance(list_id, str) or _strip_query(list_id) != _strip_query(url)):
        raise _Reject("list_id_mismatch", f"status list id {list_id!r} is not {url!r}")
    purposes = subject.get("statusPurpose")
    purposes = [purposes] if isinstance(purposes, str) else purposes
    if not isinstance(purposes, list) or not purposes or not all(isinstance(p, str) for p in purposes):
        raise _Reject("list_malformed", "credentialSubject.statusPurpose is not one or more strings")
    valid_from = _parse_time(document.get("validFrom")) if "validFrom" in document else None
    valid_until = _parse_time(document.get("validUntil")) if "validUntil" in document else None
    if ("validFrom" in document and valid_from is None) or ("validUntil" in document and valid_until is None):
        raise _Reject("list_malformed", "validFrom / validUntil is not a date-time")
    ttl = subject.get("ttl")
    bits = decode_encoded_list(subject.get("encodedList"))
    facts = {
        "issuer": issuer,
        "purposes": purposes,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "ttl_seconds": ttl / 1000 if isinstance(ttl, int | float) and not isinstance(ttl, bool) and ttl > 0 else None,
    }
    return bits, facts


def _fingerprint(document: Any) -> str:
    try:
        text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(document)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _timestamped(url: str, at: datetime) -> str:
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{url}{'&' if '?' in url else '?'}timestamp={quote(stamp)}"


def _obtain(
    url: str,
    fetch_url: str,
    credential_issuer: str,
    fetch_json: FetchJson,
    resolve_key: Callable[[str], Any],
    now: datetime | None,
    cache: StatusListCache | None,
) -> tuple[bytes, dict[str, Any]]:
    """The decoded bits and facts of the list at `fetch_url`; its proofs are checked as of
    `now` (None: the clock after the fetch)."""
    clock = time.monotonic()
    cached = cache.get(fetch_url) if cache is not None else None
    if cached is not None and clock < cached.fresh_until and cached.facts["issuer"] == credential_issuer:
        return cached.bits, cached.facts
    try:
        document = fetch_json(fetch_url)
    except ResourceUnavailable as exc:
        raise _Reject("list_unavailable", str(exc) or "status list unavailable") from None
    except Exception as exc:  # noqa: BLE001 - a fetcher failure is never "not revoked"
        raise _Reject("list_unavailable", f"status list fetch failed: {type(exc).__name__}") from None
    fingerprint = _fingerprint(document)
    if (
        cached is not None
        and cached.fingerprint == fingerprint
        and clock - cached.verified_at < (cache.reverify_seconds if cache else 0)
        and cached.facts["issuer"] == credential_issuer
    ):
        bits, facts = cached.bits, cached.facts
        verified_at = cached.verified_at
    else:
        bits, facts = _verify_list(document, url, credential_issuer, resolve_key, now or _now())
        verified_at = clock
    if cache is not None:
        max_age = cache.max_age_seconds
        if facts.get("ttl_seconds") is not None:
            max_age = min(max_age, facts["ttl_seconds"])
        cache.put(fetch_url, _Cached(fingerprint, bits, verified_at, clock + max_age, facts))
    return bits, facts


def check_status(
    entry: dict[str, Any],
    credential_issuer: str,
    *,
    fetch_json: FetchJson,
    resolve_key: Callable[[str], Any],
    at: datetime | None = None,
    cache: StatusListCache | None = None,
    min_entries: int = MIN_ENTRIES,
) -> StatusCheck:
    """Check one status entry of a credential issued by `credential_issuer` (its DID).

    `at`: the status as of that instant — the list is fetched with the specification's
    ``timestamp`` parameter and must have been valid from before `at`; where the issuer cannot
    answer, a revocation bit that is clear today still proves "not revoked" then (revocation
    is final), anything else is ``indeterminate``."""
    if not isinstance(entry, dict):
        return _result("malformed_entry", None, None, detail="the status entry is not an object")
    purpose = entry.get("statusPurpose")
    url = entry.get("statusListCredential")
    if entry.get("type") != "BitstringStatusListEntry":
        return _result("unsupported_status_type", purpose, url, detail=f"status type {entry.get('type')!r}")
    raw_index = entry.get("statusListIndex")
    if not isinstance(raw_index, str) or not _INDEX.match(raw_index):
        return _result("malformed_entry", purpose, url, detail="statusListIndex is not a base-10 integer string")
    index = int(raw_index)
    size = entry.get("statusSize", 1)
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 8:
        return _result("malformed_entry", purpose, url, index, "statusSize is not an integer from 1 to 8")
    if not isinstance(purpose, str) or not purpose:
        return _result("malformed_entry", purpose, url, index, "statusPurpose is not a string")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        return _result("malformed_entry", purpose, url, index, "statusListCredential is not an http(s) URL")
    if purpose not in ("revocation", "suspension"):
        return _result("unsupported_purpose", purpose, url, index, f"status purpose {purpose!r}")
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    current = at is None  # the status now (else as of `at`, unless only today's list answers)
    try:
        if at is None:
            bits, facts = _obtain(url, url, credential_issuer, fetch_json, resolve_key, None, cache)
        else:
            try:
                bits, facts = _obtain(url, _timestamped(url, at), credential_issuer, fetch_json, resolve_key, at, None)
                if facts["valid_from"] is None or facts["valid_from"] > at:
                    raise _Reject("history_unavailable", "the issuer did not serve the list as of that time")
            except _Reject as history_failure:
                if history_failure.code not in ("list_unavailable", "history_unavailable"):
                    raise
                # revocation is final: clear today means clear then
                bits, facts = _obtain(url, url, credential_issuer, fetch_json, resolve_key, None, cache)
                current = True
                if purpose != "revocation" or _read(bits, index, size, min_entries) != 0:
                    raise _Reject("history_unavailable", history_failure.detail) from None
        if purpose not in facts["purposes"]:
            raise _Reject("purpose_mismatch", f"list purposes {facts['purposes']!r}, entry purpose {purpose!r}")
        if current:
            # the clock is read after the fetch: a list the issuer re-signed while we were
            # fetching it (validFrom = the change that prompted it) is the current list
            now = _now()
            if facts["valid_from"] is not None and facts["valid_from"] > now + CLOCK_SKEW:
                raise _Reject("list_not_yet_valid", "validFrom is in the future")
            if facts["valid_until"] is not None and facts["valid_until"] < now:
                raise _Reject("list_expired", "validUntil has passed")
        value = _read(bits, index, size, min_entries)
    except _Reject as reject:
        return _result(reject.code, purpose, url, index, reject.detail)
    if value:
        return _result("revoked" if purpose == "revocation" else "suspended", purpose, url, index)
    return _result("not_revoked" if purpose == "revocation" else "not_suspended", purpose, url, index)


def _read(bits: bytes, index: int, size: int, min_entries: int) -> int:
    entries = len(bits) * 8 // size
    if entries < min_entries:
        raise _Reject("list_too_short", f"{entries} entries, at least {min_entries} required")
    if index >= entries:
        raise _Reject("index_out_of_range", f"index {index} outside a list of {entries} entries")
    return read_status(bits, index, size)


def check_credential_status(
    credential: dict[str, Any],
    *,
    fetch_json: FetchJson,
    resolve_key: Callable[[str], Any],
    at: datetime | None = None,
    cache: StatusListCache | None = None,
) -> list[StatusCheck]:
    """One :class:`StatusCheck` per ``credentialStatus`` entry of `credential` (revocation and
    suspension entries; an entry of an unknown type is ``indeterminate``)."""
    raw = credential.get("credentialStatus") if isinstance(credential, dict) else None
    entries = [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    issuer = _issuer_id(credential) if isinstance(credential, dict) else None
    checks = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("type") == "BitstringStatusListEntry":
            if entry.get("statusPurpose") not in ("revocation", "suspension"):
                continue
        checks.append(
            check_status(
                entry,
                issuer if isinstance(issuer, str) else "",
                fetch_json=fetch_json,
                resolve_key=resolve_key,
                at=at,
                cache=cache,
            )
        )
    return checks
