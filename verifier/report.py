"""The verification report: named checks, and the verdict derived from them (never stored).

A check is ``{"id", "status", "code", "message"}`` with status ``passed | failed | warning |
skipped`` and ``message`` in kk, ru and en. A check that could not be performed because a
needed resource (DID document, status list, trust list) could not be obtained is ``skipped``
with a code ending in ``_unavailable``: that is what makes a verdict ``indeterminate``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from verifier.messages import check_message

CHECK_IDS: tuple[str, ...] = (
    "format",
    "proof",
    "issuer_key",
    "issuer_trust",
    "accreditation",
    "validity_period",
    "status_revocation",
    "status_suspension",
    "supersession",
)
STATUSES = ("passed", "failed", "warning", "skipped")
VERDICTS = ("valid", "untrusted", "invalid", "indeterminate")

# a failure of one of these makes the credential invalid
# (related_resource: a supplement shown with a diploma must carry that diploma's digest)
INVALIDATING = frozenset({
    "format", "proof", "issuer_key", "validity_period", "status_revocation", "status_suspension", "related_resource",
})
# a failure of one of these makes it untrusted
TRUST = frozenset({"issuer_trust", "accreditation"})


@dataclass(frozen=True)
class Check:
    id: str
    status: str
    code: str
    message: dict[str, str]
    link: str | None = None

    @classmethod
    def make(cls, check_id: str, status: str, code: str, *, link: str | None = None, **params: Any) -> Check:
        if status not in STATUSES:
            raise ValueError(f"unknown check status {status!r}")
        return cls(check_id, status, code, check_message(check_id, status, code, **params), link)

    @property
    def unavailable(self) -> bool:
        """True when the check could not run for want of a resource."""
        return self.status == "skipped" and self.code.endswith("_unavailable")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status, "code": self.code, "message": dict(self.message)}
        if self.link:
            out["link"] = self.link
        return out


def derive_verdict(checks: list[Check] | list[Mapping[str, Any]]) -> str:
    """``invalid`` if format, proof, issuer_key, validity_period or a status check failed;
    else ``indeterminate`` if a needed resource could not be obtained; else ``untrusted`` if
    the issuer is not in a trust list or was not accredited at award; else ``valid``.
    A missing format or proof check, or one that did not pass, never yields ``valid``."""
    items = [c.to_dict() if isinstance(c, Check) else dict(c) for c in checks]
    by_id: dict[str, list[dict[str, Any]]] = {}
    for c in items:
        by_id.setdefault(c["id"], []).append(c)
    if any(c["status"] == "failed" and c["id"] in INVALIDATING for c in items):
        return "invalid"
    if any(c["status"] == "skipped" and str(c.get("code", "")).endswith("_unavailable") for c in items):
        return "indeterminate"
    for needed in ("format", "proof", "issuer_key", "issuer_trust", "accreditation"):
        if not any(c["status"] in ("passed", "warning") for c in by_id.get(needed, [])):
            if needed in TRUST:
                return "untrusted"
            return "indeterminate"
    if any(c["status"] == "failed" and c["id"] in TRUST for c in items):
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

    @property
    def revoked(self) -> bool:
        c = self.check("status_revocation")
        return bool(c and c.status == "failed" and c.code == "revoked")

    @property
    def suspended(self) -> bool:
        c = self.check("status_suspension")
        return bool(c and c.status == "failed" and c.code == "suspended")

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
