"""One named check of a verification: ``{"id", "status", "code", "message"}``.

``status`` is one of

* ``passed`` — the check was made and holds;
* ``failed`` — the check was made and does not hold;
* ``warning`` — it holds, with something a person should know (a key compromised since);
* ``indeterminate`` — it could not be completed (a DID document, status list or trust list
  could not be obtained, a signing time that cannot be corroborated): never "passed";
* ``not_applicable`` — there was nothing to check (no status entry, no Dalel link).

``message`` is in kk, ru and en (:mod:`verifier.messages`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from verifier.messages import check_message

PASSED, FAILED, WARNING, INDETERMINATE, NOT_APPLICABLE = "passed", "failed", "warning", "indeterminate", "not_applicable"
STATUSES: tuple[str, ...] = (PASSED, FAILED, WARNING, INDETERMINATE, NOT_APPLICABLE)


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
        """True when the check could not be completed."""
        return self.status == INDETERMINATE

    @property
    def ok(self) -> bool:
        return self.status in (PASSED, WARNING)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status, "code": self.code, "message": dict(self.message)}
        if self.link:
            out["link"] = self.link
        return out
