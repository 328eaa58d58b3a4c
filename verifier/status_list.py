"""A Bitstring Status List credential: obtained, verified, decoded, cached.

* :func:`decode_encoded_list` — ``encodedList`` (multibase ``u`` base64url of GZIP) with
  limits: at most :data:`MAX_ENCODED_CHARS` characters, at most :data:`MAX_DECODED_BYTES`
  once decompressed (a gzip bomb stops there);
* :func:`obtain` — fetch the list through the caller's ``fetch_json``, verify every proof,
  its type, ``id`` and dates, read through its verified view (:mod:`verifier.view`), and keep
  it in a :class:`StatusListCache`: reused without fetching for ``min(ttl, max_age_seconds)``
  (0 by default, so a revocation is seen at once), and without re-verifying while the fetched
  document is byte-for-byte the same (its fingerprint plays the role of an ETag);
* :func:`accept_signer` — whose list it is: the credential's issuer, or a DID whose key the
  issuer's DID document lists as an assertion method (a ``did:key`` of the issuer's own key).

Failures raise :class:`Reject` with a code of :data:`verifier.status.CODES`.
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
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from common.errors import ResourceUnavailable
from keys.dataintegrity import verify_proofs
from keys.signer import KeyResolutionError
from verifier.values import as_list
from verifier.view import ViewError, build_view

MAX_ENCODED_CHARS = 2 * 1024 * 1024  # a list of 16,777,216 random bits stays well under this
MAX_DECODED_BYTES = 4 * 1024 * 1024  # 33,554,432 entries of one bit
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$")

FetchJson = Callable[[str], Any]


class Reject(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def decode_encoded_list(
    encoded: Any, *, max_encoded_chars: int = MAX_ENCODED_CHARS, max_decoded_bytes: int = MAX_DECODED_BYTES
) -> bytes:
    """The bitstring of an ``encodedList``: multibase ``u`` + base64url (no padding) of GZIP
    bytes. Raises Reject (``list_malformed`` / ``list_too_large``) on anything else; never
    decompresses more than `max_decoded_bytes` + 1 bytes."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise Reject("list_malformed", "encodedList is not multibase base64url ('u' prefix)")
    if len(encoded) > max_encoded_chars:
        raise Reject("list_too_large", f"encodedList longer than {max_encoded_chars} characters")
    body = encoded[1:]
    if not _BASE64URL.match(body) or len(body) % 4 == 1:
        raise Reject("list_malformed", "encodedList is not base64url without padding")
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (ValueError, TypeError):
        raise Reject("list_malformed", "encodedList is not base64url") from None
    if len(compressed) < 18 or compressed[:2] != b"\x1f\x8b":
        raise Reject("list_malformed", "encodedList is not GZIP data")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        bits = inflater.decompress(compressed, max_decoded_bytes + 1)
    except zlib.error:
        raise Reject("list_malformed", "encodedList is not valid GZIP data") from None
    if len(bits) > max_decoded_bytes:
        raise Reject("list_too_large", f"the decompressed list exceeds {max_decoded_bytes} bytes")
    if not inflater.eof:
        raise Reject("list_malformed", "the GZIP data is truncated")
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
class Cached:
    fingerprint: str
    bits: bytes
    verified_at: float  # monotonic
    fresh_until: float  # monotonic: no refetch before this
    facts: dict[str, Any]  # issuer, signers, purposes, valid_from, valid_until, ttl_seconds


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
        self._items: OrderedDict[str, Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, url: str) -> Cached | None:
        with self._lock:
            item = self._items.get(url)
            if item is not None:
                self._items.move_to_end(url)
            return item

    def put(self, url: str, item: Cached) -> None:
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


# --------------------------------------------------------------------------- verifying a list


def now() -> datetime:
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


def _signers(results: list[Any], resolve_key: Callable[[str], Any]) -> list[tuple[str, bytes, datetime | None]]:
    """(algorithm, raw public key, proof created) of each key that signed the list."""
    out = []
    for result in results:
        try:
            key = resolve_key(result.verification_method)
        except Exception:  # noqa: BLE001 - resolved a moment ago for the proof itself
            continue
        out.append((key.algorithm, key.raw, _parse_time(result.created)))
    return out


def verify_list(
    document: Any, url: str, resolve_key: Callable[[str], Any], moment: datetime
) -> tuple[bytes, dict[str, Any]]:
    """Structure, proof and dates of a fetched list credential; returns (bits, facts)."""
    if not isinstance(document, dict):
        raise Reject("list_malformed", "the status list is not a JSON object")
    raw_subject = document.get("credentialSubject")
    if "BitstringStatusListCredential" not in as_list(document.get("type")) or not isinstance(raw_subject, dict):
        raise Reject("list_malformed", "the document is not a BitstringStatusListCredential")
    results = verify_proofs(document, resolve_key, now=moment)
    if not results or not all(r.ok for r in results):
        bad = next((r for r in results if not r.ok), None)
        code = getattr(bad, "code", "no_proof")
        if code == "key_unreachable":
            raise Reject("list_key_unavailable", f"status list proof: {code}")
        raise Reject("list_proof_invalid", f"status list proof: {code}")
    try:
        view = build_view(document).document
    except ViewError as exc:
        raise Reject("list_malformed", f"the status list cannot be read as signed: {exc.code}") from None
    if "BitstringStatusListCredential" not in as_list(view.get("type")):
        raise Reject("list_malformed", "the document is not a BitstringStatusListCredential")
    subject = view.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and len(subject) == 1 else subject
    if not isinstance(subject, dict) or "BitstringStatusList" not in as_list(subject.get("type")):
        raise Reject("list_malformed", "credentialSubject is not a BitstringStatusList")
    issuer = _issuer_id(view)
    if not isinstance(issuer, str):
        raise Reject("list_malformed", "the status list names no issuer")
    list_id = view.get("id")
    if list_id is not None and (not isinstance(list_id, str) or _strip_query(list_id) != _strip_query(url)):
        raise Reject("list_id_mismatch", f"status list id {list_id!r} is not {url!r}")
    purposes = as_list(subject.get("statusPurpose"))
    if not purposes or not all(isinstance(p, str) for p in purposes):
        raise Reject("list_malformed", "credentialSubject.statusPurpose is not one or more strings")
    dates = {}
    for name in ("validFrom", "validUntil"):
        dates[name] = _parse_time(view.get(name)) if name in view else None
        if name in view and dates[name] is None:
            raise Reject("list_malformed", f"{name} is not a date-time")
    ttl = subject.get("ttl")
    bits = decode_encoded_list(subject.get("encodedList"))
    facts = {
        "issuer": issuer,
        "signers": _signers(results, resolve_key),
        "purposes": purposes,
        "valid_from": dates["validFrom"],
        "valid_until": dates["validUntil"],
        "ttl_seconds": ttl / 1000 if isinstance(ttl, int | float) and not isinstance(ttl, bool) and ttl > 0 else None,
    }
    return bits, facts


def accept_signer(facts: dict[str, Any], credential_issuer: str, resolve_key: Any) -> None:
    """Accept the list for a credential of `credential_issuer`: its own list, or one signed by
    a key that the issuer's DID document lists as an assertion method (e.g. the ``did:key`` of
    that key). Raises Reject ``list_issuer_unconfirmed`` (the DID document could not be
    read) or ``list_issuer_mismatch`` (the key is not the issuer's): the status is unknown."""
    if facts["issuer"] == credential_issuer:
        return
    resolve_did = getattr(resolve_key, "resolve", None)
    if resolve_did is None or not credential_issuer:
        raise Reject("list_issuer_mismatch", f"status list issuer {facts['issuer']!r} is not {credential_issuer!r}")
    try:
        document = resolve_did(credential_issuer)
    except KeyResolutionError as exc:
        code = "list_issuer_unconfirmed" if exc.unreachable else "list_issuer_mismatch"
        raise Reject(code, f"{credential_issuer}: {exc}") from None
    except ResourceUnavailable as exc:
        raise Reject("list_issuer_unconfirmed", f"{credential_issuer}: {exc}") from None
    references = document.get("assertionMethod") if isinstance(document, dict) else None
    for reference in references if isinstance(references, list) else []:
        vm = reference.get("id") if isinstance(reference, dict) else reference
        if not isinstance(vm, str):
            continue
        vm = credential_issuer + vm if vm.startswith("#") else vm
        try:
            key = resolve_key(vm)
        except Exception:  # noqa: BLE001 - a method that does not resolve lists no key here
            continue
        for algorithm, raw, created in facts["signers"]:
            if (key.algorithm, key.raw) == (algorithm, raw) and (created is None or key.usable_at(created) is None):
                return
    raise Reject("list_issuer_mismatch", f"no key of {facts['issuer']!r} is an assertion method of {credential_issuer!r}")


def _fingerprint(document: Any) -> str:
    try:
        text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(document)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def timestamped(url: str, at: datetime) -> str:
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{url}{'&' if '?' in url else '?'}timestamp={quote(stamp)}"


def obtain(
    url: str,
    fetch_url: str,
    fetch_json: FetchJson,
    resolve_key: Callable[[str], Any],
    moment: datetime | None,
    cache: StatusListCache | None,
) -> tuple[bytes, dict[str, Any]]:
    """The decoded bits and facts of the list at `fetch_url`; its proofs are checked as of
    `moment` (None: the clock after the fetch)."""
    clock = time.monotonic()
    cached = cache.get(fetch_url) if cache is not None else None
    if cached is not None and clock < cached.fresh_until:
        return cached.bits, cached.facts
    try:
        document = fetch_json(fetch_url)
    except ResourceUnavailable as exc:
        raise Reject("list_unavailable", str(exc) or "status list unavailable") from None
    except Exception as exc:  # noqa: BLE001 - a fetcher failure is never "not revoked"
        raise Reject("list_unavailable", f"status list fetch failed: {type(exc).__name__}") from None
    fingerprint = _fingerprint(document)
    if (
        cached is not None
        and cached.fingerprint == fingerprint
        and clock - cached.verified_at < (cache.reverify_seconds if cache else 0)
    ):
        bits, facts = cached.bits, cached.facts
        verified_at = cached.verified_at
    else:
        bits, facts = verify_list(document, url, resolve_key, moment or now())
        verified_at = clock
    if cache is not None:
        max_age = cache.max_age_seconds
        if facts.get("ttl_seconds") is not None:
            max_age = min(max_age, facts["ttl_seconds"])
        cache.put(fetch_url, Cached(fingerprint, bits, verified_at, clock + max_age, facts))
    return bits, facts
