"""JSON-LD processing for credentials, in a safe mode, with pinned contexts only.

* Contexts come only from ``keys/contexts/`` (see SOURCES.md): each file is checked against
  its SHA-256 in ``index.json`` before first use. An unknown URL is an error; nothing is
  ever fetched from the network.
* Safe mode: pyld silently drops JSON members that no context defines (VC 1.1 and VC 2.0
  documents alike: the final W3C v2 context has no ``@vocab``; a VC 2.0 document with
  undefined terms must end its ``@context`` with ``undefined-terms/v2``) and relative IRIs, so such data would not be signed while a
  page could still show it. Here every such drop is an error: a property that does not
  expand to an absolute IRI (reported by pyld's ``on_property_dropped`` hook at the point
  it drops it), and, walking the expanded document, any ``@type`` or ``@id`` that is not an
  absolute IRI or blank node, and any ``@index`` (not part of the RDF that is signed).
  JSON ``null`` property values (dropped by expansion) are rejected too.
* Redefining a ``@protected`` term is an error (pyld raises; mapped to a reason code).
* Canonicalisation is RDFC-1.0 (pyld's URDNA2015) to N-Quads, with a work limit in steps
  against dataset poisoning, per document and per request (:func:`work_budget`).

Processed contexts are cached at module level (a dedicated pyld context cache), so
repeated canonicalisation costs only the expansion and canonicalisation themselves.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from pyld import jsonld as _pyld
from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver
from pyld.identifier_issuer import IdentifierIssuer

from common.strictjson import utf8_ok

CONTEXTS_DIR = Path(__file__).with_name("contexts")
OWN_CONTEXT_PACKAGE = "dalel"

CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
UNDEFINED_TERMS_V2 = "https://www.w3.org/ns/credentials/undefined-terms/v2"  # @vocab, must be last
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
ED25519_2020_V1 = "https://w3id.org/security/suites/ed25519-2020/v1"
BITSTRING_STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DALEL_V1 = "https://dalel.kz/ns/credentials/v1"

# Reason codes of JsonLdError
UNKNOWN_CONTEXT = "unknown_context"
CONTEXT_INTEGRITY = "context_integrity"
UNDEFINED_TERM = "undefined_term"
RELATIVE_IRI = "relative_iri"
UNSIGNED_FEATURE = "unsigned_feature"
NULL_VALUE = "null_value"
PROTECTED_TERM_REDEFINITION = "protected_term_redefinition"
INLINE_CONTEXT = "inline_context"
MISSING_CONTEXT = "missing_context"
EMPTY_DOCUMENT = "empty_document"
CANONICALIZATION_LIMIT = "canonicalization_limit"
WORK_BUDGET_EXCEEDED = "work_budget_exceeded"
INVALID_JSONLD = "invalid_jsonld"
TOO_COMPLEX = "too_complex"

# Bounds on what Dalel processes (a diploma supplement with 100 courses is far inside them).
# They keep every step linear and small: the stack of recursive walks (depth), expansion and
# hashing (values), context processing (@context entries) and pyld's node map, which is
# quadratic in the values one node has for one property (fan-out).
MAX_DEPTH = 64
MAX_VALUES = 20_000
MAX_CONTEXT_ENTRIES = 32
MAX_INLINE_TERMS = 512  # term definitions in a document's own (inline) contexts, all scopes together
MAX_FANOUT = 1_000
MAX_FANOUT_WORK = 4_000_000  # sum over (node, property) of values squared: ~1 s of pyld's comparisons
# RDFC-1.0 steps one document may take (WorkBudget): a diploma takes none beyond the first
# degree; a clique of blank nodes reaches the bound in a few milliseconds instead of minutes
MIN_CANON_STEPS = 2_000
CANON_STEPS_PER_BLANK_NODE = 50


class JsonLdError(ValueError):
    """A document Dalel refuses to process as JSON-LD. `code` is a stable reason code
    (module constants above); `detail` names the term, IRI or URL concerned."""

    def __init__(self, code: str, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------- contexts


class ContextStore:
    """The pinned contexts of one directory (`index.json` + files). Every file is checked
    against its SHA-256 when the store is first used; a mismatch raises JsonLdError
    (`context_integrity`) and the store stays unusable."""

    def __init__(self, directory: Path | str = CONTEXTS_DIR) -> None:
        self.directory = Path(directory)
        self._documents: dict[str, dict[str, Any]] | None = None
        self._index: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._served: dict[str, tuple[Any, frozenset[int]]] = {}
        self._served_ids: set[int] = set()

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._documents is not None:
            return self._documents
        with self._lock:
            if self._documents is not None:
                return self._documents
            try:
                index = json.loads((self.directory / "index.json").read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise JsonLdError(CONTEXT_INTEGRITY, f"pinned context index unreadable: {exc}") from None
            documents: dict[str, dict[str, Any]] = {}
            for url, entry in index.items():
                path = self.directory / entry["file"]
                try:
                    data = path.read_bytes()
                except OSError:
                    raise JsonLdError(
                        CONTEXT_INTEGRITY, f"pinned context file missing: {entry['file']}", detail=url
                    ) from None
                if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                    raise JsonLdError(
                        CONTEXT_INTEGRITY,
                        f"pinned context {entry['file']} does not match its SHA-256 in index.json",
                        detail=url,
                    )
                documents[url] = json.loads(data)
            self._index = index
            self._documents = documents
            return documents

    def urls(self) -> list[str]:
        return sorted(self._load())

    def index(self) -> dict[str, dict[str, Any]]:
        self._load()
        return copy.deepcopy(self._index)

    def get(self, url: str) -> dict[str, Any]:
        """A copy of the pinned context document at `url`."""
        documents = self._load()
        if url not in documents:
            raise JsonLdError(UNKNOWN_CONTEXT, f"unknown JSON-LD context: {url}", detail=url)
        return copy.deepcopy(documents[url])

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and url in self._load()

    def document_loader(self, url: str, options: Any = None) -> dict[str, Any]:
        """A pyld document loader that serves only pinned contexts."""
        document = self.get(url)
        self._register(url, document)
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": document,
            "tag": "static",  # lets pyld cache the resolved context
        }

    def _register(self, url: str, document: Any) -> None:
        """Remember the objects of the copy handed to pyld: its scoped contexts are what
        :class:`_SafeProcessor` may memoise (the copy is kept alive, so ids stay unique)."""
        ids: set[int] = set()
        stack = [document]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                ids.add(id(item))
                stack.extend(item.values())
            elif isinstance(item, list):
                ids.add(id(item))
                stack.extend(item)
        with self._lock:
            previous = self._served.get(url)
            if previous is not None:
                self._served_ids.difference_update(previous[1])
            self._served[url] = (document, frozenset(ids))
            self._served_ids.update(ids)

    def is_pinned_object(self, value: Any) -> bool:
        return id(value) in self._served_ids


_default_store = ContextStore()
# processed contexts, shared across calls (pyld's own global cache holds only 100 entries
# and is shared with any other pyld user in the process)
_context_cache: LRUCache = LRUCache(maxsize=512)
_process_memo: LRUCache = LRUCache(maxsize=1024)  # see _SafeProcessor._process_context
_seen_pairs: LRUCache = LRUCache(maxsize=8192)  # keys (strings and ints only) seen once
_store_caches: dict[int, tuple[ContextStore, LRUCache, LRUCache]] = {}
# pyld's caches (ours above, and the per-context LRUs inside pyld) are not thread-safe, and
# FastAPI runs sync endpoints in a thread pool. pyld is pure Python, so the GIL already
# serialises it: one lock around context processing costs no parallelism and rules out a
# race turning a valid credential into a spurious failure.
_PYLD_LOCK = threading.RLock()


def default_store() -> ContextStore:
    return _default_store


def is_pinned(url: str) -> bool:
    return url in _default_store


def load_context(url: str) -> dict[str, Any]:
    return _default_store.get(url)


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    return _default_store.document_loader(url, options)


# --------------------------------------------------------------------------- safe mode


class _Dropped(Exception):
    def __init__(self, prop: str | None) -> None:
        super().__init__(prop)
        self.prop = prop


_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")


def _absolute(value: Any) -> bool:
    return isinstance(value, str) and bool(_IRI.match(value))


def _node_ref_ok(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith("_:") or _absolute(value))


class _SafeProcessor(_pyld.JsonLdProcessor):
    def __init__(self, memo: LRUCache | None = None, store: ContextStore | None = None) -> None:
        super().__init__(on_property_dropped=self._on_dropped)
        self._memo = memo
        self._store = store

    def _process_context(
        self,
        active_ctx,
        local_ctx,
        options,
        override_protected=False,
        propagate=True,
        validate_scoped=True,
        cycles=None,
    ):
        # pyld caches top-level contexts, but re-processes the type- and property-scoped
        # contexts of VC v2 and Open Badges on every call (fresh active contexts miss its
        # cache). Memoise (active context, pinned local context): the active context by its
        # pyld UUID (never reused), the local one by URL or, for a scoped context inside a
        # pinned document, by identity (the store keeps those objects alive). A pair is
        # stored on its second sighting, so contexts derived from a document's own inline
        # contexts, which never recur, do not fill the memo.
        memo, store = self._memo, self._store
        uuid_ = active_ctx.get("_uuid") if isinstance(active_ctx, Mapping) else None
        if isinstance(local_ctx, str):
            local_key: Any = local_ctx
        elif store is not None and isinstance(local_ctx, dict) and store.is_pinned_object(local_ctx):
            local_key = id(local_ctx)
        else:
            local_key = None
        if memo is None or uuid_ is None or local_key is None:
            return super()._process_context(
                active_ctx, local_ctx, options, override_protected, propagate, validate_scoped, cycles
            )
        key = (uuid_, local_key, override_protected, propagate, validate_scoped)
        hit = memo.get(key)
        if hit is not None and hit[0] is active_ctx and hit[1] is local_ctx:
            return hit[2]
        result = super()._process_context(
            active_ctx, local_ctx, options, override_protected, propagate, validate_scoped, cycles
        )
        if _seen_pairs.get(key):
            memo[key] = (active_ctx, local_ctx, result)
        else:
            _seen_pairs[key] = True
        return result

    @staticmethod
    def _on_dropped(prop: str | None) -> None:
        raise _Dropped(prop)

    def expand(self, input_: Any, options: Any) -> Any:
        expanded = super().expand(input_, options)
        _check_expanded(expanded)
        _check_fanout(expanded)
        return expanded


def _check_expanded(element: Any) -> None:
    if isinstance(element, list):
        for item in element:
            _check_expanded(item)
        return
    if not isinstance(element, dict):
        return
    if "@index" in element:
        raise JsonLdError(UNSIGNED_FEATURE, "@index values are not part of the signed data", detail="@index")
    if "@value" in element:
        return  # value objects: pyld already requires an absolute IRI datatype
    if "@id" in element and not _node_ref_ok(element["@id"]):
        raise JsonLdError(
            RELATIVE_IRI, f"identifier {element['@id']!r} is not an absolute IRI", detail=str(element["@id"])
        )
    for type_ in element.get("@type", []):
        if not _node_ref_ok(type_):
            raise JsonLdError(
                UNDEFINED_TERM, f"type {type_!r} is not defined by any context", detail=str(type_)
            )
    for key, value in element.items():
        if key in ("@id", "@type"):
            continue
        if not key.startswith("@") and not _node_ref_ok(key):
            raise JsonLdError(UNDEFINED_TERM, f"term {key!r} is not defined by any context", detail=key)
        _check_expanded(value)


_REFUSED_KEYWORDS = frozenset({"@graph", "@included"})


def _check_input(element: Any, *, strict_contexts: bool, store: ContextStore, top: bool = True) -> None:
    """Checks on the compacted input that expansion cannot report: nulls, and (strict mode)
    contexts that are not pinned URLs."""
    if isinstance(element, list):
        for item in element:
            _check_input(item, strict_contexts=strict_contexts, store=store, top=False)
        return
    if not isinstance(element, dict):
        return
    for key, value in element.items():
        if key == "@context":
            if strict_contexts:
                if not top:
                    raise JsonLdError(INLINE_CONTEXT, "embedded @context is not allowed", detail=key)
                for entry in value if isinstance(value, list) else [value]:
                    if not isinstance(entry, str):
                        raise JsonLdError(INLINE_CONTEXT, "inline @context objects are not allowed")
            continue
        if value is None:
            raise JsonLdError(NULL_VALUE, f"member {key!r} is null (null values are not signed)", detail=key)
        if key in _REFUSED_KEYWORDS:
            # free-floating nodes inside them are dropped by expansion, unsigned
            raise JsonLdError(UNSIGNED_FEATURE, f"{key} is not allowed in a credential", detail=key)
        _check_input(value, strict_contexts=strict_contexts, store=store, top=False)


class WorkBudget:
    """Canonicalisation work allowed to one request, in steps: one step per Hash N-Degree
    Quads call and one per blank node identifier issued while trying a permutation (the
    work a clique of blank nodes multiplies). :func:`work_budget` installs one for the code
    it wraps (a verification); every canonicalisation in it draws from the same budget."""

    def __init__(self, steps: int) -> None:
        self.limit = steps
        self.used = 0

    def charge(self, steps: int = 1) -> None:
        self.used += steps
        if self.used > self.limit:
            raise JsonLdError(
                WORK_BUDGET_EXCEEDED,
                f"canonicalisation work over this request's budget of {self.limit} steps",
                detail="budget",
            )


_budget: ContextVar[WorkBudget | None] = ContextVar("dalel_jsonld_budget", default=None)


def current_budget() -> WorkBudget | None:
    """The budget :func:`work_budget` installed for the running code, if any."""
    return _budget.get()


@contextmanager
def work_budget(steps: int) -> Iterator[WorkBudget]:
    """Run the enclosed code with a canonicalisation budget of `steps` (see WorkBudget)."""
    budget = WorkBudget(steps)
    token = _budget.set(budget)
    try:
        yield budget
    finally:
        _budget.reset(token)


class _CountingIssuer(IdentifierIssuer):
    """An identifier issuer that charges one step per identifier looked up or issued: Hash
    N-Degree Quads copies the issuer once per permutation and asks it for every related node."""

    def __init__(self, prefix: str, counter: _SafeURDNA2015) -> None:
        super().__init__(prefix)
        self._counter = counter

    def get_id(self, old: Any) -> Any:
        self._counter.step()
        return super().get_id(old)

    def __deepcopy__(self, memo: dict) -> _CountingIssuer:
        self._counter.step()
        clone = _CountingIssuer(self.prefix, self._counter)
        clone.counter = self.counter
        clone.existing = dict(self.existing)
        clone.order = list(self.order)
        return clone


class _SafeURDNA2015(URDNA2015):
    """RDFC-1.0 with bounded Hash N-Degree Quads work (dataset poisoning): at most
    `max_steps` steps for this document, and within the request's :class:`WorkBudget`."""

    def __init__(self, max_steps: int) -> None:
        super().__init__()
        self._steps = 0
        self._max_steps = max_steps
        self._budget = _budget.get()

    def step(self) -> None:
        self._steps += 1
        if self._steps > self._max_steps:
            raise JsonLdError(
                CANONICALIZATION_LIMIT,
                "canonicalisation aborted: too much blank node work (dataset poisoning?)",
            )
        if self._budget is not None:
            self._budget.charge()

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        self.step()
        if not isinstance(issuer, _CountingIssuer):
            counting = _CountingIssuer(issuer.prefix, self)
            counting.counter, counting.existing, counting.order = issuer.counter, dict(issuer.existing), list(issuer.order)
            issuer = counting
        return super().hash_n_degree_quads(id_, issuer)


def _pyld_errors(exc: BaseException) -> Iterator[BaseException]:
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or cur.__context__


def _translate(exc: BaseException) -> JsonLdError:
    for err in _pyld_errors(exc):
        if isinstance(err, JsonLdError):
            return err
        if isinstance(err, _Dropped):
            if err.prop is None:
                return JsonLdError(UNDEFINED_TERM, "a member name that looks like a keyword is not allowed")
            return JsonLdError(
                UNDEFINED_TERM, f"term {err.prop!r} is not defined by any context", detail=str(err.prop)
            )
    codes = [getattr(err, "code", None) for err in _pyld_errors(exc)]
    if "protected term redefinition" in codes:
        term = None
        for err in _pyld_errors(exc):
            details = getattr(err, "details", None)
            if isinstance(details, dict):
                if details.get("term"):
                    term = str(details["term"])
                elif isinstance(details.get("context"), dict):
                    term = ", ".join(k for k in details["context"] if not k.startswith("@")) or None
                break
        return JsonLdError(
            PROTECTED_TERM_REDEFINITION,
            f"a context redefines a protected term ({term})"
            if term
            else "a context redefines a protected term",
            detail=term,
        )
    if isinstance(exc, RecursionError):
        return JsonLdError(INVALID_JSONLD, "document nested too deeply")
    code = next((c for c in codes if c), None)
    deepest = list(_pyld_errors(exc))[-1]
    if isinstance(deepest, _pyld.JsonLdError):
        message = str(deepest.args[0]) if deepest.args else "error"
    else:
        message = f"{type(deepest).__name__}: {deepest}"
    return JsonLdError(
        INVALID_JSONLD, f"invalid JSON-LD ({code or 'processing error'}): {message}", detail=code
    )


def _caches(store: ContextStore) -> tuple[LRUCache, LRUCache]:
    if store is _default_store:
        return _context_cache, _process_memo
    caches = _store_caches.get(id(store))
    if caches is None or caches[0] is not store:
        caches = (store, LRUCache(maxsize=128), LRUCache(maxsize=1024))
        _store_caches[id(store)] = caches
    return caches[1], caches[2]


def _processor(store: ContextStore) -> _SafeProcessor:
    return _SafeProcessor(_caches(store)[1], store)


def _options(store: ContextStore) -> dict[str, Any]:
    cache = _caches(store)[0]
    return {
        "documentLoader": store.document_loader,
        "contextResolver": ContextResolver(cache, store.document_loader),
        "base": None,  # keep relative IRIs relative (pyld would resolve them against an example base)
        "processingMode": "json-ld-1.1",
    }


def check_structure(document: Any) -> None:
    """Raise JsonLdError (``too_complex`` or ``invalid_jsonld``) unless `document` is JSON
    Dalel can process in bounded work: nesting at most MAX_DEPTH, at most MAX_VALUES values,
    at most MAX_CONTEXT_ENTRIES entries in any ``@context`` and MAX_INLINE_TERMS term
    definitions in inline contexts (pyld processes each of them, and every scope they open),
    finite numbers and Unicode text (no unpaired surrogate). Iterative: safe on any input. Call
    it before walking a presented document."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    count = 0
    inline_terms = 0
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise JsonLdError(TOO_COMPLEX, f"more than {MAX_VALUES} JSON values", detail="values")
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                raise JsonLdError(TOO_COMPLEX, f"nested deeper than {MAX_DEPTH} levels", detail="depth")
            context = item.get("@context")
            if isinstance(context, list) and len(context) > MAX_CONTEXT_ENTRIES:
                raise JsonLdError(TOO_COMPLEX, f"more than {MAX_CONTEXT_ENTRIES} @context entries", detail="@context")
            if context is not None and not isinstance(context, str):
                inline_terms += _inline_terms(context)
                if inline_terms > MAX_INLINE_TERMS:
                    raise JsonLdError(TOO_COMPLEX, f"more than {MAX_INLINE_TERMS} inline term definitions", detail="@context")
            for key, member in item.items():
                if not isinstance(key, str) or not utf8_ok(key):
                    raise JsonLdError(INVALID_JSONLD, "a member name is not Unicode text")
                stack.append((member, depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                raise JsonLdError(TOO_COMPLEX, f"nested deeper than {MAX_DEPTH} levels", detail="depth")
            stack.extend((member, depth + 1) for member in item)
        elif isinstance(item, str):
            if not utf8_ok(item):
                raise JsonLdError(INVALID_JSONLD, "a string is not Unicode text (unpaired surrogate)")
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                raise JsonLdError(INVALID_JSONLD, "NaN and Infinity are not JSON numbers")
        elif not (item is None or isinstance(item, bool | int)):
            raise JsonLdError(INVALID_JSONLD, f"{type(item).__name__} is not a JSON value")


def _inline_terms(context: Any) -> int:
    """How many term definitions the inline parts of a ``@context`` value hold, nested ones too
    (bounded: the caller has bounded the values of the document)."""
    count, stack = 0, [context]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            count += sum(1 for key in item if not key.startswith("@"))
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return count


def _check_fanout(expanded: Any) -> None:
    """Refuse more than MAX_FANOUT values of one property of one node (counted across every
    object that names the same node), and more than MAX_FANOUT_WORK pairwise comparisons in
    all, before pyld's node map compares each property's values pairwise."""
    sizes: dict[tuple[Any, str], int] = {}
    stack = [expanded]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict) or "@value" in item:
            continue
        node = item["@id"] if isinstance(item.get("@id"), str) else id(item)
        for key, value in item.items():
            if key.startswith("@") and key not in ("@type", "@list", "@set", "@reverse"):
                continue
            values = value if isinstance(value, list) else [value]
            size = sizes.get((node, key), 0) + len(values)
            sizes[(node, key)] = size
            if size > MAX_FANOUT:
                raise JsonLdError(
                    TOO_COMPLEX, f"more than {MAX_FANOUT} values of one property ({key})", detail="fan-out"
                )
            stack.extend(values)
    if sum(size * size for size in sizes.values()) > MAX_FANOUT_WORK:
        raise JsonLdError(TOO_COMPLEX, "too many values under too few properties", detail="fan-out")


def _precheck(document: Any, strict_contexts: bool, store: ContextStore) -> None:
    if not isinstance(document, dict):
        raise JsonLdError(INVALID_JSONLD, "a JSON-LD document must be a JSON object")
    if "@context" not in document:
        raise JsonLdError(MISSING_CONTEXT, "the document has no @context")
    check_structure(document)
    _check_input(document, strict_contexts=strict_contexts, store=store)


def _memo_key(document: Any, strict_contexts: bool, store: ContextStore) -> tuple | None:
    """The content key of `document` (SHA-256 of its sorted JSON): any change is a miss."""
    try:
        text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None  # not plain JSON: no memo
    return hashlib.sha256(text.encode("utf-8")).digest(), strict_contexts, id(store)


# Expanded forms and canonical N-Quads, by content, failures included: a document that failed
# (an undefined term, too much blank node work) fails again at once, never by redoing the work
_EXPAND_MEMO: LRUCache = LRUCache(maxsize=128)
_CANON_MEMO: LRUCache = LRUCache(maxsize=128)
_CANON_MEMO_LOCK = threading.Lock()


def _memoised(memo: LRUCache, key: tuple | None, compute: Any) -> Any:
    if key is not None:
        with _CANON_MEMO_LOCK:
            cached = memo.get(key)
        if isinstance(cached, JsonLdError):
            raise JsonLdError(cached.code, str(cached), detail=cached.detail)
        if cached is not None:
            return cached
    try:
        value = compute()
    except JsonLdError as exc:
        if key is not None and exc.code != WORK_BUDGET_EXCEEDED:  # the request's budget, not the document
            with _CANON_MEMO_LOCK:
                memo[key] = exc
        raise
    if key is not None:
        with _CANON_MEMO_LOCK:
            memo[key] = value
    return value


def _expanded(document: Any, strict_contexts: bool, store: ContextStore, key: tuple | None) -> list:
    """The memoised expanded form (shared: callers must not change it)."""

    def compute() -> list:
        try:
            with _PYLD_LOCK:
                return _processor(store).expand(document, _options(store))
        except Exception as exc:  # pyld raises many kinds; all become a JsonLdError
            raise _translate(exc) from None

    return _memoised(_EXPAND_MEMO, key, compute)


def expand(
    document: dict[str, Any], *, strict_contexts: bool = False, store: ContextStore | None = None
) -> list:
    """The expanded form of `document`, in safe mode (see the module docstring). Memoised by
    content (failures too); the caller gets its own copy."""
    store = store or _default_store
    _precheck(document, strict_contexts, store)
    expanded = _expanded(document, strict_contexts, store, _memo_key(document, strict_contexts, store))
    return json.loads(json.dumps(expanded))


def expanded_shared(
    document: dict[str, Any], *, strict_contexts: bool = False, store: ContextStore | None = None
) -> list:
    """:func:`expand` without the copy, for readers that never change what they get (the
    verifier's view compacts it): the same object the canonicalisation of `document` uses."""
    store = store or _default_store
    _precheck(document, strict_contexts, store)
    return _expanded(document, strict_contexts, store, _memo_key(document, strict_contexts, store))


def canonize(
    document: dict[str, Any], *, strict_contexts: bool = False, store: ContextStore | None = None
) -> str:
    """RDFC-1.0 canonical N-Quads of `document` in safe mode. Raises JsonLdError.

    `strict_contexts` also refuses inline ``@context`` objects and embedded contexts, so
    only pinned context URLs can give terms their meaning.

    Results are memoised by the document's exact content (a verifier's format check and its
    proof check canonicalise the same unsecured document; a status list is re-checked per
    credential): the key is a SHA-256 of the sorted JSON, so any change is a miss. Failures
    are memoised too, except a request running out of its :class:`WorkBudget`."""
    store = store or _default_store
    _precheck(document, strict_contexts, store)  # bounded structure first: the key walks it too
    key = _memo_key(document, strict_contexts, store)
    return _memoised(_CANON_MEMO, key, lambda: _canonize(document, strict_contexts, store, key))


def _canonize(document: dict[str, Any], strict_contexts: bool, store: ContextStore, key: tuple | None) -> str:
    """canonize() without the memo; the caller has run _precheck. One expansion (memoised,
    shared with :func:`expanded_shared`), then the node map and RDFC-1.0 over it."""
    expanded = json.loads(json.dumps(_expanded(document, strict_contexts, store, key)))  # the node map edits it
    try:
        options = _options(store)
        options["produceGeneralizedRdf"] = False
        issuer = IdentifierIssuer("_:b")
        node_map: dict[str, Any] = {"@default": {}}
        processor = _processor(store)
        with _PYLD_LOCK:
            processor._create_node_map(expanded, node_map, "@default", issuer)
            dataset = {
                name: processor._graph_to_rdf(graph, issuer, options)
                for name, graph in sorted(node_map.items())
                if name == "@default" or _pyld._is_absolute_iri(name)
            }
        blank_nodes = {
            c["value"]
            for triples in dataset.values()
            for t in triples
            for c in (t["subject"], t["object"])
            if c["type"] == "blank node"
        }
        limit = max(MIN_CANON_STEPS, CANON_STEPS_PER_BLANK_NODE * len(blank_nodes))
        nquads = _SafeURDNA2015(limit).main(dataset, {"format": "application/n-quads"})
    except Exception as exc:
        raise _translate(exc) from None
    if not nquads:
        raise JsonLdError(EMPTY_DOCUMENT, "the document expresses no statements")
    return nquads


def rehash_own_contexts(directory: Path | str = CONTEXTS_DIR) -> list[str]:
    """Update index.json hashes of Dalel's own contexts (package ``dalel``) after editing them."""
    directory = Path(directory)
    index_path = directory / "index.json"
    index = json.loads(index_path.read_text("utf-8"))
    changed = []
    for url, entry in index.items():
        if entry.get("package") != OWN_CONTEXT_PACKAGE:
            continue
        data = (directory / entry["file"]).read_bytes()
        json.loads(data)  # must stay valid JSON
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry["sha256"]:
            entry["sha256"] = digest
            changed.append(url)
    index_path.write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return changed


if __name__ == "__main__":  # pragma: no cover - maintenance command
    import sys

    if sys.argv[1:] == ["--rehash-own"]:
        for url in rehash_own_contexts():
            print(f"rehashed {url}")
    else:
        print("usage: python -m keys.jsonld --rehash-own", file=sys.stderr)
        sys.exit(2)
