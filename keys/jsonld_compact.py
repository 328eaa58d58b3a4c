"""JSON-LD compaction with pinned contexts only, and what a context list defines.

A verifier reads a credential's members by their terms (``credentialStatus``, ``validUntil``);
the signature covers the RDF those members express. :func:`compact` turns an expanded document
(from :func:`keys.jsonld.expanded_shared`) back into terms with the document's own contexts,
so that a member spelled with its absolute IRI, a compact IRI or a keyword is read as the term
it means. :func:`term_iris` lists the IRIs the terms of a context list map to, in every scope,
so that a caller can tell an inline context that adds a second name for a term the pinned
contexts already name (an alias that compaction would prefer, being shorter).

Same safety as :mod:`keys.jsonld`: the pinned store is the only document loader.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from cachetools import LRUCache

from keys import jsonld

_TERMS_MEMO: LRUCache = LRUCache(maxsize=64)
_TERMS_LOCK = threading.Lock()
_MAX_SCOPE_DEPTH = 4
_MAX_SCOPES = 128  # scoped contexts looked into: Open Badges 3.0 has about 30


def compact(expanded: list, context: Any, *, store: jsonld.ContextStore | None = None) -> dict[str, Any]:
    """`expanded` compacted with `context` (a ``@context`` value). Raises JsonLdError. The
    input is not changed."""
    store = store or jsonld.default_store()
    options = jsonld._options(store)
    options["skipExpansion"] = True
    try:
        with jsonld._PYLD_LOCK:
            out = jsonld._processor(store).compact(expanded, {"@context": context}, options)
    except Exception as exc:  # pyld raises many kinds; all become a JsonLdError
        raise jsonld._translate(exc) from None
    if not isinstance(out, dict):
        raise jsonld.JsonLdError(jsonld.INVALID_JSONLD, "the document does not compact to one object")
    return out


def _active(processor: Any, active: Any, local: Any, options: dict[str, Any], override: bool = False) -> Any:
    return processor._process_context(active, local, options, override_protected=override)


def _walk(
    processor: Any, active: Any, names: Any, options: dict[str, Any], out: dict[str, set[str]], seen: set[int], depth: int
) -> None:
    """Record the IRI of each term in `names` (None: every term) of `active`, then, once per
    scoped context, the terms that scope defines (linear in the definitions, not in scopes)."""
    mappings = active.get("mappings", {})
    for term in mappings if names is None else names:
        definition = mappings.get(term)
        if not isinstance(definition, dict):
            continue
        iri = definition.get("@id")
        if isinstance(iri, str) and not iri.startswith("@"):
            out.setdefault(iri, set()).add(term)
        scoped = definition.get("@context")
        if scoped is None or depth >= _MAX_SCOPE_DEPTH or id(scoped) in seen:
            continue
        if len(seen) >= _MAX_SCOPES:
            raise jsonld.JsonLdError(jsonld.TOO_COMPLEX, f"more than {_MAX_SCOPES} scoped contexts", detail="@context")
        seen.add(id(scoped))
        try:
            inner = _active(processor, active, scoped, options, override=True)
        except Exception:  # noqa: BLE001 - an unprocessable scope defines nothing more here
            continue
        local = [k for k in scoped if not k.startswith("@")] if isinstance(scoped, dict) else None
        _walk(processor, inner, local, options, out, seen, depth + 1)


def term_iris(contexts: Iterable[Any], *, store: jsonld.ContextStore | None = None) -> dict[str, frozenset[str]]:
    """IRI -> the names of the terms that map to it, for the context list `contexts` (URLs of
    pinned contexts and inline context objects), in every type- and property-scoped context
    they carry. Raises JsonLdError when the list cannot be processed. URL-only lists are
    memoised."""
    store = store or jsonld.default_store()
    contexts = list(contexts)
    key = tuple(contexts) if all(isinstance(c, str) for c in contexts) else None
    if key is not None:
        with _TERMS_LOCK:
            cached = _TERMS_MEMO.get((key, id(store)))
        if cached is not None:
            return cached
    options = jsonld._options(store)
    processor = jsonld._processor(store)
    found: dict[str, set[str]] = {}
    try:
        with jsonld._PYLD_LOCK:
            active = _active(processor, processor._get_initial_context(options), contexts, options)
            _walk(processor, active, None, options, found, set(), 0)
    except jsonld.JsonLdError:
        raise
    except Exception as exc:
        raise jsonld._translate(exc) from None
    result = {iri: frozenset(names) for iri, names in found.items()}
    if key is not None:
        with _TERMS_LOCK:
            _TERMS_MEMO[(key, id(store))] = result
    return result
