"""``proof``: every proof of the credential verifies (Data Integrity), or its JWS (VC-JWT).

Reads the securing outcome made once by the pipeline (:mod:`verifier.securing`). A key that
could not be obtained leaves the proof ``indeterminate``; any other failure is ``failed``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.check import FAILED, INDETERMINATE, PASSED, Check

ID = "proof"


def run(view: Any, run: Any, at: datetime) -> Check:
    secured = run.secured
    if secured is None or not secured.results:
        return Check.make(ID, FAILED, "no_proof")
    if secured.ok:
        return Check.make(ID, PASSED, "valid")
    failures = [r for r in secured.results if not r.ok]
    hard = [r for r in failures if r.code != "key_unreachable"]
    if not hard:
        return Check.make(ID, INDETERMINATE, "key_unavailable")
    return Check.make(ID, FAILED, hard[0].code)
