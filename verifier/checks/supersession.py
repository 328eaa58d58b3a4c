"""``supersession``: no newer (corrected) version of the credential exists. Known only for a
credential that came through a Dalel link or token (the lookup says so); otherwise not
applicable."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.check import NOT_APPLICABLE, PASSED, WARNING, Check

ID = "supersession"


def run(view: Any, run: Any, at: datetime) -> Check:
    if not run.options.via_token:
        return Check.make(ID, NOT_APPLICABLE, "not_applicable")
    if run.options.superseded_by:
        return Check.make(ID, WARNING, "superseded", link=run.options.superseded_by)
    return Check.make(ID, PASSED, "not_superseded")
