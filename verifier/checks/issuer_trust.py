"""``issuer_trust``: the issuer's DID is in a configured, verified trust list.

The institution's name a person reads comes from the trust-list entry, not from the
credential's own ``issuer.name`` (anyone with a key can call themselves anything): where the
credential names itself otherwise, the check is a ``warning`` (``name_differs``) naming both,
and the page shows both."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.check import FAILED, INDETERMINATE, PASSED, WARNING, Check
from verifier.summary import language_values

ID = "issuer_trust"


def _names(value: Any) -> set[str]:
    values = language_values(value)
    texts = [values] if isinstance(values, str) else list(values.values()) if isinstance(values, dict) else []
    return {" ".join(t.split()).casefold() for t in texts if t.strip()}


def claimed_name(document: dict[str, Any]) -> Any:
    issuer = document.get("issuer")
    return issuer.get("name") if isinstance(issuer, dict) else None


def name_differs(claimed: Any, listed: Any) -> bool:
    """True when the credential names its issuer with a text the trust list does not give it."""
    mine = _names(claimed)
    return bool(mine) and not mine <= _names(listed)


def run(view: Any, run: Any, at: datetime) -> Check:
    if not run.ctx.trust.configured:
        return Check.make(ID, FAILED, "no_trust_list")
    found, errors = run.trust()
    if not found:
        usable = len(run.ctx.trust.sources) - len(errors)
        if any(e.code == "trust_list_unavailable" for e in errors) or usable == 0:
            return Check.make(ID, INDETERMINATE, "trust_list_unavailable")
        return Check.make(ID, FAILED, "issuer_not_trusted")
    labels = ", ".join(tl.label for tl, _ in found)
    entry = found[0][1]
    if name_differs(claimed_name(view.document), entry.name):
        return Check.make(ID, WARNING, "name_differs", list=labels)
    return Check.make(ID, PASSED, "issuer_trusted", list=labels)
