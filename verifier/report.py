"""The verification report: the named checks of :mod:`verifier.checks` (each
``{"id", "status", "code", "message"}``, :mod:`verifier.check`) and the verdict derived from
them, never stored beside them.

``credential`` is what a person reads of the credential (:mod:`verifier.summary`, from the
verified view only), with ``confirmed``: true when its proof and issuer key passed, so that
nothing unconfirmed is presented as a fact; when the proof failed it holds no claims at all.
``institution`` is the name the trust list gives the issuer (``institution_claimed``: the
credential's own, when it differs or no trust list names the issuer).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from verifier.check import FAILED, INDETERMINATE, STATUSES, Check
from verifier.checks import CHECK_IDS, INVALIDATING, REQUIRED, TRUST_CHECKS

__all__ = ["CHECK_IDS", "INVALIDATING", "STATUSES", "TRUST", "VERDICTS", "Check", "VerificationReport", "derive_verdict"]

VERDICTS = ("valid", "untrusted", "invalid", "indeterminate")
TRUST = TRUST_CHECKS


def _indeterminate(check: Mapping[str, Any]) -> bool:
    # "skipped" + a code ending in _unavailable: how reports said it before `indeterminate`
    return check["status"] == INDETERMINATE or (
        check["status"] == "skipped" and str(check.get("code", "")).endswith("_unavailable")
    )


def derive_verdict(checks: list[Check] | list[Mapping[str, Any]]) -> str:
    """``invalid`` if an integrity check failed (format, proof, issuer_key, validity_period, a
    status check, related_resource, holder_binding); else ``indeterminate`` if a check could
    not be completed; else ``untrusted`` if the issuer is in no trust list or was not
    accredited; else ``valid``. A required check (format, proof, issuer_key, issuer_trust,
    accreditation) that is missing or did not pass never yields ``valid``."""
    items = [c.to_dict() if isinstance(c, Check) else dict(c) for c in checks]
    if any(c["status"] == FAILED and c["id"] in INVALIDATING for c in items):
        return "invalid"
    if any(_indeterminate(c) for c in items):
        return "indeterminate"
    for needed in REQUIRED:
        if not any(c["id"] == needed and c["status"] in ("passed", "warning") for c in items):
            return "untrusted" if needed in TRUST_CHECKS else "indeterminate"
    if any(c["status"] == FAILED and c["id"] in TRUST_CHECKS for c in items):
        return "untrusted"
    return "valid"


@dataclass
class VerificationReport(Mapping[str, Any]):
    """What :func:`verifier.verify_credential` returns: dict-like (``report["verdict"]``),
    with ``.verdict``, ``.checks`` and :meth:`to_dict`."""

    checks: list[Check]
    credential: dict[str, Any] = field(default_factory=dict)
    verified_at: str = ""

    @property
    def verdict(self) -> str:
        return derive_verdict(self.checks)

    def check(self, check_id: str) -> Check | None:
        return next((c for c in self.checks if c.id == check_id), None)

    def _passed(self, check_id: str) -> bool:
        c = self.check(check_id)
        return bool(c and c.ok)

    @property
    def confirmed(self) -> bool:
        """The content is what its issuer signed: format, proof and issuer key passed."""
        return all(self._passed(i) for i in ("format", "proof", "issuer_key"))

    @property
    def genuine(self) -> bool | None:
        """False when the signature (or the reading of what it covers) failed; True when
        confirmed; None when it could not be told."""
        if any((c := self.check(i)) is not None and c.status == FAILED for i in ("format", "proof", "issuer_key")):
            return False
        return True if self.confirmed else None

    @property
    def revoked(self) -> bool:
        """Revoked by its issuer, of a credential whose signature holds."""
        c = self.check("status_revocation")
        return bool(c and c.status == FAILED and c.code == "revoked" and self.genuine is not False)

    @property
    def suspended(self) -> bool:
        c = self.check("status_suspension")
        return bool(c and c.status == FAILED and c.code == "suspended" and self.genuine is not False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "checks": [c.to_dict() for c in self.checks],
            "credential": dict(self.credential),
            "verified_at": self.verified_at,
        }

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(("verdict", "checks", "credential", "verified_at"))

    def __len__(self) -> int:
        return 4
