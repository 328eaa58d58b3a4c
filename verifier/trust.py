"""Trust lists: signed ``DalelTrustListCredential`` documents naming institutions (DID, names,
country, accreditation periods). The verifier loads one or more (national and foreign) from
URLs or files, verifies each one's proof against the configured trust anchors (the DIDs
allowed to sign trust lists), reads it through its verified view (:mod:`verifier.view`), and
caches it.

A list is usable only within its own validity period, judged by the verifier's clock now:
a list whose ``validFrom`` is in the future (beyond :data:`CLOCK_SKEW`) or whose
``validUntil`` has passed is refused, whatever moment a verification asks about (``at=``
judges the credential, not which trust lists are current), and a cached list is dropped when
its ``validUntil`` passes.

Format (CONTRACTS.md): ``credentialSubject = {"id", "type": "DalelTrustList", "jurisdiction",
"entries": [{"id": <DID>, "name", "country", "accreditations": [{"agency", "scope":
"institution"|"programme", "programme", "validFrom", "validUntil"}]}]}``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from common import timestamps
from common.errors import ResourceUnavailable
from keys.dataintegrity import verify_proofs
from keys.signer import KeyResolver
from verifier.view import ViewError, build_view

log = logging.getLogger("dalel.verifier.trust")

TRUST_LIST_TYPE = "DalelTrustListCredential"
MAX_TRUST_LIST_BYTES = 1024 * 1024
CLOCK_SKEW = timedelta(seconds=60)


class TrustListError(Exception):
    """A trust list that could not be obtained (`unavailable`) or is not acceptable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Accreditation:
    agency: str
    scope: str  # institution | programme
    programme: str | None
    valid_from: date | None
    valid_until: date | None

    def covers(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)


@dataclass(frozen=True)
class TrustEntry:
    id: str
    name: Any
    country: str | None
    accreditations: tuple[Accreditation, ...]


@dataclass
class TrustList:
    source: str
    issuer: str
    jurisdiction: str | None
    valid_from: datetime | None
    valid_until: datetime | None
    entries: dict[str, TrustEntry] = field(default_factory=dict)
    subject_id: str | None = None

    @property
    def label(self) -> str:
        where = self.subject_id if self.subject_id else self.source if "://" in self.source else Path(self.source).name
        return f"{self.jurisdiction or '?'} ({where})"


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("a date must be a string")
    return date.fromisoformat(value[:10])


def parse_datetime(value: Any) -> datetime | None:
    return None if value in (None, "") else timestamps.parse_datetime(value, assume_utc=True)


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def issuer_of(credential: dict[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def parse_trust_list(source: str, document: Any) -> TrustList:
    """The entries of a trust list credential (its proof is checked separately)."""
    if not isinstance(document, dict) or TRUST_LIST_TYPE not in _types(document.get("type")):
        raise TrustListError("not_a_trust_list", f"{source}: not a {TRUST_LIST_TYPE}")
    subject = document.get("credentialSubject")
    if not isinstance(subject, dict) or not isinstance(subject.get("entries"), list):
        raise TrustListError("not_a_trust_list", f"{source}: credentialSubject.entries missing")
    issuer = issuer_of(document)
    if not issuer:
        raise TrustListError("not_a_trust_list", f"{source}: no issuer")
    try:
        trust_list = TrustList(
            source=source,
            issuer=issuer,
            jurisdiction=subject.get("jurisdiction") if isinstance(subject.get("jurisdiction"), str) else None,
            valid_from=parse_datetime(document.get("validFrom")),
            valid_until=parse_datetime(document.get("validUntil")),
            subject_id=subject.get("id") if isinstance(subject.get("id"), str) else None,
        )
        for raw in subject["entries"]:
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                continue
            accreditations = []
            for acc in raw.get("accreditations") or []:
                if not isinstance(acc, dict):
                    continue
                scope = acc.get("scope") if acc.get("scope") in ("institution", "programme") else "institution"
                programme = acc.get("programme") if isinstance(acc.get("programme"), str) else None
                accreditations.append(
                    Accreditation(
                        agency=str(acc.get("agency") or ""),
                        scope=scope,
                        programme=programme,
                        valid_from=_parse_date(acc.get("validFrom")),
                        valid_until=_parse_date(acc.get("validUntil")),
                    )
                )
            trust_list.entries[raw["id"]] = TrustEntry(
                id=raw["id"],
                name=raw.get("name"),
                country=raw.get("country") if isinstance(raw.get("country"), str) else None,
                accreditations=tuple(accreditations),
            )
    except ValueError as exc:
        raise TrustListError("not_a_trust_list", f"{source}: {exc}") from None
    return trust_list


def did_hosts(did: str) -> str | None:
    """The host a did:web resolves at (for the fetcher's allowlist)."""
    if not did.startswith("did:web:"):
        return None
    host = unquote(did[len("did:web:"):].split(":")[0]).split(":")[0]
    return host.lower() or None


VerifyProofs = Callable[[dict[str, Any]], list[Any]]


class TrustStore:
    """Loads, verifies and caches the configured trust lists.

    `sources`: URLs or file paths; `anchors`: DIDs allowed to sign trust lists; `fetch_json`:
    the fetcher (``Fetcher.get_json``); `resolve_key`: a key resolver for the lists' proofs."""

    def __init__(
        self,
        sources: Iterable[str],
        anchors: Iterable[str],
        *,
        fetcher: Any = None,
        resolve_key: KeyResolver | None = None,
        ttl: float = 300.0,
        failure_ttl: float = 15.0,
        allow_entry_hosts: bool = True,
    ) -> None:
        self.sources = [str(s) for s in sources]
        self.anchors = {str(a) for a in anchors}
        self.fetcher = fetcher
        self.resolve_key = resolve_key
        self.ttl = ttl
        self.failure_ttl = failure_ttl
        self.allow_entry_hosts = allow_entry_hosts
        self._cache: dict[str, tuple[float, TrustList | TrustListError]] = {}
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        return bool(self.sources)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def _read(self, source: str) -> Any:
        if "://" in source:
            if self.fetcher is None:
                raise TrustListError("trust_list_unavailable", f"{source}: no fetcher")
            try:
                return self.fetcher.get_json(source, max_bytes=MAX_TRUST_LIST_BYTES)
            except ResourceUnavailable as exc:
                raise TrustListError("trust_list_unavailable", f"{source}: {exc}") from None
            except ValueError as exc:
                raise TrustListError("not_a_trust_list", f"{source}: {exc}") from None
        path = Path(source)
        try:
            if path.stat().st_size > MAX_TRUST_LIST_BYTES:
                raise TrustListError("not_a_trust_list", f"{source}: too large")
            return json.loads(path.read_text("utf-8"))
        except OSError as exc:
            raise TrustListError("trust_list_unavailable", f"{source}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise TrustListError("not_a_trust_list", f"{source}: {exc}") from None

    def _verify(self, source: str, document: Any, now: datetime) -> TrustList:
        parse_trust_list(source, document)  # the right kind of document, before any proof work
        results = verify_proofs(document, self.resolve_key) if self.resolve_key else []
        if not results or not all(r.ok for r in results):
            unreachable = any(getattr(r, "code", "") == "key_unreachable" for r in results)
            code = "trust_list_unavailable" if unreachable else "trust_list_proof_invalid"
            first = next((r for r in results if not r.ok), None)
            raise TrustListError(code, f"{source}: proof {getattr(first, 'code', 'missing')}")
        try:
            trust_list = parse_trust_list(source, build_view(document).document)
        except ViewError as exc:
            raise TrustListError("not_a_trust_list", f"{source}: not readable as signed ({exc.code})") from None
        if trust_list.issuer not in self.anchors:
            raise TrustListError("untrusted_trust_list", f"{source}: signed by {trust_list.issuer}, not a trust anchor")
        if trust_list.valid_from is not None and trust_list.valid_from > now + CLOCK_SKEW:
            raise TrustListError("trust_list_not_yet_valid", f"{source}: valid from {trust_list.valid_from.isoformat()}")
        if trust_list.valid_until is not None and trust_list.valid_until < now:
            raise TrustListError("trust_list_expired", f"{source}: expired {trust_list.valid_until.isoformat()}")
        return trust_list

    def _load(self, source: str, now: datetime) -> TrustList | TrustListError:
        try:
            trust_list = self._verify(source, self._read(source), now)
        except TrustListError as exc:
            log.warning("trust list not usable", extra={"source": source, "code": exc.code})
            return exc
        if self.allow_entry_hosts and self.fetcher is not None and hasattr(self.fetcher, "allow_host"):
            for did in trust_list.entries:
                host = did_hosts(did)
                if host:
                    self.fetcher.allow_host(host)
        return trust_list

    def lists(self, now: datetime | None = None) -> tuple[list[TrustList], list[TrustListError]]:
        """(usable trust lists, errors of those that are not), judged by the clock now; `now`
        is accepted for compatibility and ignored (see the module docstring)."""
        now = datetime.now(UTC)
        usable: list[TrustList] = []
        errors: list[TrustListError] = []
        for source in self.sources:
            with self._lock:
                cached = self._cache.get(source)
            expired = (
                cached is not None and isinstance(cached[1], TrustList)
                and cached[1].valid_until is not None and cached[1].valid_until < now
            )
            if cached is None or cached[0] < time.monotonic() or expired:
                result = self._load(source, now)
                ttl = self.ttl if isinstance(result, TrustList) else self.failure_ttl
                with self._lock:
                    self._cache[source] = (time.monotonic() + ttl, result)
            else:
                result = cached[1]
            if isinstance(result, TrustList):
                usable.append(result)
            else:
                errors.append(result)
        return usable, errors

    def find(self, did: str, now: datetime | None = None) -> tuple[list[tuple[TrustList, TrustEntry]], list[TrustListError]]:
        usable, errors = self.lists(now)
        return [(tl, tl.entries[did]) for tl in usable if did in tl.entries], errors
