"""Checking a ``BitstringStatusListEntry`` (W3C Bitstring Status List v1.0) for any issuer.

:func:`check_status` follows the specification's validate algorithm, with Dalel's extra rules:

1. the entry is well formed (``statusListIndex`` a base-10 string, ``statusSize`` an integer
   from 1 to 8, ``statusListCredential`` an http(s) URL; a one-element array counts as its
   element, the same RDF), else ``failed`` (MALFORMED_VALUE_ERROR);
2. the list is fetched through the caller's ``fetch_json`` (the allowlisted fetcher or an
   offline bundle). When it cannot be obtained the result is ``indeterminate``, never
   "not revoked" (STATUS_RETRIEVAL_ERROR);
3. every proof of the list credential verifies, its type is ``BitstringStatusListCredential``,
   its ``id`` (when present) is the URL of the entry, and its ``statusPurpose`` includes the
   entry's purpose (STATUS_VERIFICATION_ERROR: ``failed``; an unreachable key:
   ``indeterminate``). Its signer is the credential's issuer, **or** a DID whose key the
   issuer's DID document lists as an assertion method (a list signed by the ``did:key`` of the
   issuer's ``did:web`` key is common); any other signer leaves the status unknown
   (``indeterminate``: ``list_issuer_mismatch``), never "revoked";
4. the list is within its validity period at the time of the check, read after the fetch and
   allowing :data:`CLOCK_SKEW` for a ``validFrom`` just ahead of our clock (an expired list
   cannot tell the current status: ``indeterminate``);
5. ``encodedList`` is decoded with limits (:mod:`verifier.status_list`), at least 131,072
   entries (STATUS_LIST_LENGTH_ERROR), the index inside the list (RANGE_ERROR);
6. the entry's bits are read (index 0 is the left-most bit) and a non-zero value means
   revoked / suspended.

Lists are read through their verified view and cached (:class:`StatusListCache`). This module
never imports ``issuer``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from common import i18n
from verifier import status_messages as _messages  # noqa: F401 - registers the catalogue
from verifier.status_list import (
    MAX_DECODED_BYTES,
    MAX_ENCODED_CHARS,
    Reject,
    StatusListCache,
    accept_signer,
    decode_encoded_list,
    obtain,
    read_status,
    timestamped,
)
from verifier.values import one

__all__ = [
    "CODES", "MAX_DECODED_BYTES", "MAX_ENCODED_CHARS", "MIN_ENTRIES", "StatusCheck", "StatusListCache",
    "check_credential_status", "check_status", "decode_encoded_list", "read_status",
]

MIN_ENTRIES = 131_072
# a list whose validFrom is this little ahead of our clock is current, not "not yet valid"
# (the issuer's clock may run a little ahead of the verifier's)
CLOCK_SKEW = timedelta(seconds=60)
_INDEX = re.compile(r"^(0|[1-9][0-9]{0,15})$")

PASSED, FAILED, INDETERMINATE = "passed", "failed", "indeterminate"

CODES: dict[str, str] = {
    "not_revoked": PASSED,
    "not_suspended": PASSED,
    "revoked": FAILED,
    "suspended": FAILED,
    "malformed_entry": FAILED,  # MALFORMED_VALUE_ERROR
    "list_unavailable": INDETERMINATE,  # STATUS_RETRIEVAL_ERROR
    "list_key_unavailable": INDETERMINATE,
    "list_proof_invalid": FAILED,  # STATUS_VERIFICATION_ERROR
    "list_issuer_mismatch": INDETERMINATE,
    "list_issuer_unconfirmed": INDETERMINATE,
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
    "list_issuer_unconfirmed": "STATUS_VERIFICATION_ERROR",
    "list_id_mismatch": "STATUS_VERIFICATION_ERROR",
    "purpose_mismatch": "STATUS_VERIFICATION_ERROR",
    "list_not_yet_valid": "STATUS_VERIFICATION_ERROR",
    "list_expired": "STATUS_VERIFICATION_ERROR",
    "list_too_short": "STATUS_LIST_LENGTH_ERROR",
    "index_out_of_range": "RANGE_ERROR",
}

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


def _now() -> datetime:
    """The verifier's clock (one place, so tests can move it)."""
    return datetime.now(UTC)


def _read(bits: bytes, index: int, size: int, min_entries: int) -> int:
    entries = len(bits) * 8 // size
    if entries < min_entries:
        raise Reject("list_too_short", f"{entries} entries, at least {min_entries} required")
    if index >= entries:
        raise Reject("index_out_of_range", f"index {index} outside a list of {entries} entries")
    return read_status(bits, index, size)


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
    purpose = one(entry.get("statusPurpose"))
    url = one(entry.get("statusListCredential"))
    if one(entry.get("type")) != "BitstringStatusListEntry":
        return _result("unsupported_status_type", purpose, url, detail=f"status type {entry.get('type')!r}")
    raw_index = one(entry.get("statusListIndex"))
    if not isinstance(raw_index, str) or not _INDEX.match(raw_index):
        return _result("malformed_entry", purpose, url, detail="statusListIndex is not a base-10 integer string")
    index = int(raw_index)
    size = one(entry.get("statusSize", 1))
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
    try:
        bits, facts, current = _list_for(url, purpose, index, size, min_entries, fetch_json, resolve_key, at, cache)
        accept_signer(facts, credential_issuer, resolve_key)
        if purpose not in facts["purposes"]:
            raise Reject("purpose_mismatch", f"list purposes {facts['purposes']!r}, entry purpose {purpose!r}")
        if current:
            # the clock is read after the fetch: a list the issuer re-signed while we were
            # fetching it (validFrom = the change that prompted it) is the current list
            moment = _now()
            if facts["valid_from"] is not None and facts["valid_from"] > moment + CLOCK_SKEW:
                raise Reject("list_not_yet_valid", "validFrom is in the future")
            if facts["valid_until"] is not None and facts["valid_until"] < moment:
                raise Reject("list_expired", "validUntil has passed")
        value = _read(bits, index, size, min_entries)
    except Reject as reject:
        return _result(reject.code, purpose, url, index, reject.detail)
    if value:
        return _result("revoked" if purpose == "revocation" else "suspended", purpose, url, index)
    return _result("not_revoked" if purpose == "revocation" else "not_suspended", purpose, url, index)


def _list_for(
    url: str, purpose: str, index: int, size: int, min_entries: int, fetch_json: FetchJson,
    resolve_key: Callable[[str], Any], at: datetime | None, cache: StatusListCache | None,
) -> tuple[bytes, dict[str, Any], bool]:
    """(bits, facts, whether this is today's list) for the status now, or as of `at`."""
    if at is None:
        bits, facts = obtain(url, url, fetch_json, resolve_key, None, cache)
        return bits, facts, True
    try:
        bits, facts = obtain(url, timestamped(url, at), fetch_json, resolve_key, at, None)
        if facts["valid_from"] is None or facts["valid_from"] > at:
            raise Reject("history_unavailable", "the issuer did not serve the list as of that time")
        return bits, facts, False
    except Reject as history_failure:
        if history_failure.code not in ("list_unavailable", "history_unavailable"):
            raise
        # revocation is final: clear today means clear then
        bits, facts = obtain(url, url, fetch_json, resolve_key, None, cache)
        if purpose != "revocation" or _read(bits, index, size, min_entries) != 0:
            raise Reject("history_unavailable", history_failure.detail) from None
        return bits, facts, True


def _issuer_id(document: dict[str, Any]) -> Any:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def check_credential_status(
    credential: dict[str, Any],
    *,
    fetch_json: FetchJson,
    resolve_key: Callable[[str], Any],
    at: datetime | None = None,
    cache: StatusListCache | None = None,
) -> list[StatusCheck]:
    """One :class:`StatusCheck` per ``credentialStatus`` entry of `credential` (its verified
    view): revocation and suspension entries, and an entry of an unknown type
    (``indeterminate``). A Bitstring Status List entry of another purpose (``message``,
    ``refresh``) is not checked here."""
    raw = credential.get("credentialStatus") if isinstance(credential, dict) else None
    entries = [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    issuer = _issuer_id(credential) if isinstance(credential, dict) else None
    checks = []
    for entry in entries:
        purpose = one(entry.get("statusPurpose")) if isinstance(entry, dict) else None
        if isinstance(entry, dict) and one(entry.get("type")) == "BitstringStatusListEntry":
            if isinstance(purpose, str) and purpose not in ("revocation", "suspension"):
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
