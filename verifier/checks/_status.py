"""What ``status_revocation`` and ``status_suspension`` share: one look at the status lists
(:meth:`verifier.run.Run.statuses`, through :mod:`verifier.status`), read per purpose.

Every entry of the credential counts: an entry that is not a well-formed Bitstring Status
List entry fails (never skipped, so that it cannot hide a revocation), an entry of another
purpose is not this check's. Several entries of one purpose: a failure wins, then an unknown
status, then passed."""

from __future__ import annotations

from typing import Any

from verifier.check import FAILED, INDETERMINATE, NOT_APPLICABLE, PASSED, Check
from verifier.messages import check_message
from verifier.values import as_list

_ORDER = {FAILED: 0, INDETERMINATE: 1}


def _purposes(entry: Any) -> list[Any]:
    return as_list(entry.get("statusPurpose")) if isinstance(entry, dict) else [None]


def status_check(check_id: str, purpose: str, run: Any) -> Check:
    entries = as_list(run.document.get("credentialStatus"))
    known = ("revocation", "suspension")
    mine = [e for e in entries if purpose in _purposes(e)]
    unreadable = [e for e in entries if not any(isinstance(p, str) and p for p in _purposes(e))]
    if not mine and not unreadable:
        return Check.make(check_id, NOT_APPLICABLE, "not_applicable")
    if unreadable:
        return Check.make(check_id, FAILED, "malformed_entry")
    results = run.statuses()
    if results is None:
        return Check.make(check_id, FAILED, "status_invalid")
    if run.ctx.status_checker is None and results == [] and mine:
        return Check.make(check_id, INDETERMINATE, "status_list_unavailable")
    relevant = [r for r in results if getattr(r, "purpose", None) == purpose]
    if not relevant:
        return Check.make(check_id, INDETERMINATE, "status_list_unavailable")
    converted = sorted((_convert(check_id, r) for r in relevant), key=lambda c: _ORDER.get(c.status, 2))
    del known
    return converted[0]


def _convert(check_id: str, result: Any) -> Check:
    """A check from a :class:`verifier.status.StatusCheck` (passed | failed | indeterminate)."""
    status = getattr(result, "status", None)
    code = str(getattr(result, "code", "") or "status_invalid")
    messages = result.messages() if hasattr(result, "messages") else None
    if status in (PASSED, FAILED):
        return Check(check_id, status, code, messages or check_message(check_id, status, code))
    return Check(check_id, INDETERMINATE, code, messages or check_message(check_id, INDETERMINATE, code))
