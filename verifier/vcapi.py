"""A verification report as the VC-API ``VerificationResult``: ``verified``, the ids of the
``checks`` that passed, ``warnings`` and ``errors`` (``{"id", "code", "message"}``).

``verified`` is true when no integrity check failed and none of them, nor ``proof`` or
``issuer_key``, was left indeterminate. Trust (a registry of issuers) is reported as a
warning: the VC-API asks about the credential, the verdict of Dalel's report about its issuer
too."""

from __future__ import annotations

from typing import Any

from verifier.check import FAILED, INDETERMINATE, WARNING
from verifier.checks import INVALIDATING
from verifier.report import VerificationReport


def vcapi_result(report: VerificationReport) -> tuple[int, dict[str, Any]]:
    """(HTTP status: 200 when verified, else 400; the VerificationResult)."""
    checks, warnings, errors = [], [], []
    for check in report.checks:
        entry = {"id": check.id, "code": check.code, "message": check.message.get("en", "")}
        if check.status == "passed":
            checks.append(check.id)
        elif check.status == FAILED and check.id in INVALIDATING:
            errors.append(entry)
        elif check.status == INDETERMINATE and check.id in INVALIDATING | {"proof", "issuer_key"}:
            errors.append(entry)
        elif check.status in (FAILED, WARNING, INDETERMINATE):
            warnings.append(entry)
    ok = not errors
    return (200 if ok else 400), {"verified": ok, "checks": checks, "warnings": warnings, "errors": errors}
