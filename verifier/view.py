"""The verified view: the credential as its signature covers it, in the compact JSON shape the
checks, the summary and the page read.

A Data Integrity signature (RDFC) covers the RDF graph, not the JSON: a member can be spelled
with its term (``credentialStatus``), its absolute IRI, a compact IRI, a keyword or an alias
defined inline, and the signature still holds. The checks read terms. So no check reads the
presented JSON; each reads the view built here, once per document:

1. the unsecured document is expanded with the pinned contexts in safe mode
   (:func:`keys.jsonld.expanded_shared`: undefined terms, relative IRIs, nulls, unknown
   contexts refused; the same expansion the proof check canonicalises);
2. it is compacted again with the document's own ``@context``
   (:func:`keys.jsonld_compact.compact`). An inline context that gives a second name to an
   IRI a pinned context already names (an alias, which compaction would prefer, being
   shorter) is left out of that compaction context, so the view uses the pinned term;
3. the compacted form is compared with the presented one *modulo* three normalisations, each
   the same RDF: member order; a one-element array versus its element (JSON-LD's
   ``compactArrays``); an object holding only an ``id`` versus that IRI as a string (a term
   typed ``@id``). Equal: the view **is** the presented document (the usual case: Dalel and
   every conforming issuer write their terms). Different: the view is the compacted form,
   with the presented document's one-element arrays and ``{"id"}`` objects kept where the two
   agree on the member (so a respelled diploma keeps the issued shape its schema describes),
   and ``respelled`` is set;
4. refused (format failed, with a translated reason): a top-level statement the view would
   not show under its term (``unreadable_term``), a credential-level statement written in an
   object inside the credential that carries the credential's own ``id`` (``duplicate_node``:
   the same node, so the same RDF, but a check reading the top would miss it), an
   inline alias inside a scoped context (``inline_alias``), a proof member outside Data
   Integrity's (``proof_member``).

Views (and refusals) are memoised by content. The view of a VC-JWT is built the same way
from its payload, after the JWS is checked. A document over the request's work budget raises
:class:`verifier.limits.OverBudget` (422).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from cachetools import LRUCache

from keys import jsonld
from keys.jsonld_compact import compact, term_iris
from verifier.limits import over_budget
from verifier.values import as_list

CRED = "https://www.w3.org/2018/credentials#"
# statements a check decides on: each must be visible under its term at the top of the view
READ_TERMS = {
    CRED + "credentialStatus": "credentialStatus",
    CRED + "validFrom": "validFrom",
    CRED + "validUntil": "validUntil",
    CRED + "issuanceDate": "issuanceDate",
    CRED + "expirationDate": "expirationDate",
    CRED + "issuer": "issuer",
    CRED + "credentialSubject": "credentialSubject",
    CRED + "credentialSchema": "credentialSchema",
    CRED + "relatedResource": "relatedResource",
    CRED + "evidence": "evidence",
    CRED + "termsOfUse": "termsOfUse",
    CRED + "refreshService": "refreshService",
}
PROOF_MEMBERS = frozenset({
    "@context", "id", "type", "cryptosuite", "created", "expires", "verificationMethod", "proofPurpose",
    "proofValue", "challenge", "domain", "nonce", "previousProof",
})
_MAX_MEMO = 256


class ViewError(Exception):
    """The document cannot be read as signed; `code` is a format reason code."""

    def __init__(self, code: str, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class VerifiedView:
    """What every check reads. `document`: the unsecured credential (no ``proof``) in compact
    JSON, the issued shape; `proofs`: its proof objects (members checked); `respelled`: the
    presented JSON spelled some members otherwise (read here through compaction). Never
    change a view: it may be shared."""

    document: dict[str, Any]
    proofs: tuple[dict[str, Any], ...] = ()
    respelled: bool = False
    jwt: str | None = None
    jwt_header: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.document.get(name, default)


_memo: LRUCache = LRUCache(maxsize=_MAX_MEMO)
_lock = threading.Lock()
_SAME = object()  # memo marker: the presented document is its own view


def _content_key(document: dict[str, Any]) -> bytes | None:
    try:
        text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None
    return hashlib.sha256(text.encode("utf-8")).digest()


def build_view(credential: dict[str, Any], *, jwt: str | None = None, jwt_header: dict[str, Any] | None = None) -> VerifiedView:
    """The view of `credential` (a JSON object; for a VC-JWT, its payload credential). Raises
    ViewError, or OverBudget."""
    if not isinstance(credential, dict):
        raise ViewError("not_a_credential", "a credential is a JSON object")
    proofs = tuple(p for p in as_list(credential.get("proof")) if isinstance(p, dict))
    for proof in proofs:
        unknown = sorted(k for k in proof if k not in PROOF_MEMBERS)
        if unknown:
            raise ViewError("proof_member", f"proof member {unknown[0]!r} is not a Data Integrity member", unknown[0])
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    key = _content_key(unsecured)
    cached = None
    if key is not None:
        with _lock:
            cached = _memo.get(key)
    if cached is None:
        try:
            cached = _read(unsecured)
        except ViewError as exc:
            cached = exc
        if key is not None:
            with _lock:
                _memo[key] = cached
    if isinstance(cached, ViewError):
        raise ViewError(cached.code, str(cached), cached.detail)
    document, respelled = (unsecured, False) if cached is _SAME else (cached, True)
    return VerifiedView(document, proofs, respelled, jwt, dict(jwt_header or {}))


def _read(unsecured: dict[str, Any]) -> Any:
    """_SAME, or the compacted view; raises ViewError / OverBudget."""
    context = unsecured.get("@context")
    try:
        expanded = jsonld.expanded_shared(unsecured)
        compacted = compact(expanded, _compaction_context(context))
    except jsonld.JsonLdError as exc:
        problem = over_budget(exc)
        if problem is not None:
            raise problem from None
        raise ViewError(exc.code, str(exc), exc.detail) from None
    compacted.pop("@context", None)
    top = expanded[0] if len(expanded) == 1 and isinstance(expanded[0], dict) else None
    if top is None:
        raise ViewError(jsonld.INVALID_JSONLD, "the document does not describe exactly one thing")
    presented = {k: v for k, v in unsecured.items() if k != "@context"}
    if _same(compacted, presented):
        view = unsecured
        result: Any = _SAME
    else:
        view = {"@context": context, **_keep_arrays(compacted, presented)}
        result = view
    for iri, term in READ_TERMS.items():
        if iri in top and term not in view:
            raise ViewError("unreadable_term", f"{term} is present but not under its term", term)
    _check_nodes(view)
    return result


def _compaction_context(context: Any) -> Any:
    """The document's @context, without inline terms that alias a pinned context's term."""
    entries = as_list(context)
    inline = [e for e in entries if isinstance(e, dict)]
    if not inline:
        return context
    pinned = term_iris([e for e in entries if isinstance(e, str)])
    everything = term_iris(entries)
    aliases = {name for iri, names in everything.items() if iri in pinned for name in names - pinned[iri]}
    if not aliases:
        return context
    top_level = {name for entry in inline for name in entry}
    if not aliases <= top_level:
        name = sorted(aliases - top_level)[0]
        raise ViewError("inline_alias", f"an inline scoped context renames a defined term ({name})", name)
    return [{k: v for k, v in e.items() if k not in aliases} if isinstance(e, dict) else e for e in entries]


def _reference(value: Any) -> str | None:
    """The id of an object that says nothing but its id (the same as that IRI written as a
    string, for a term typed ``@id``)."""
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("id"), str):
        return value["id"]
    return None


def _same(a: Any, b: Any) -> bool:
    """Equal JSON, a one-element array being equal to its element, and ``{"id": x}`` to ``x``."""
    if isinstance(a, str) and _reference(b) is not None:
        return a == _reference(b)
    if isinstance(b, str) and _reference(a) is not None:
        return b == _reference(a)
    if isinstance(a, list) and len(a) == 1 and not isinstance(b, list):
        return _same(a[0], b)
    if isinstance(b, list) and len(b) == 1 and not isinstance(a, list):
        return _same(a, b[0])
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _keep_arrays(view: Any, presented: Any) -> Any:
    """`view` with the presented document's one-element arrays kept where both have the member
    (an array of one and its element are the same statements)."""
    if isinstance(presented, list) and len(presented) == 1 and not isinstance(view, list):
        return [_keep_arrays(view, presented[0])]
    if isinstance(view, str) and _reference(presented) == view:
        return dict(presented)
    if isinstance(view, dict):
        other = presented if isinstance(presented, dict) else {}
        return {k: _keep_arrays(v, other.get(k)) for k, v in view.items()}
    if isinstance(view, list) and isinstance(presented, list) and len(presented) == len(view):
        return [_keep_arrays(v, o) for v, o in zip(view, presented, strict=True)]
    return view


def _check_nodes(view: dict[str, Any]) -> None:
    """An object inside the credential that carries the credential's own ``id`` (a trust list
    is its own subject) describes the same node: a statement a check reads at the top
    (``credentialStatus``, ``validUntil``…) must not be written there, where the check would
    not see it (the same RDF either way)."""
    own = view.get("id")
    if not isinstance(own, str):
        return
    read = set(READ_TERMS.values())
    stack: list[Any] = [v for k, v in view.items() if k != "@context"]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict) and "@value" not in item:
            if item.get("id") == own and read & item.keys():
                term = sorted(read & item.keys())[0]
                raise ViewError("duplicate_node", f"{term} of {own} is written inside it, not at its top", term)
            stack.extend(v for k, v in item.items() if k != "@context")
