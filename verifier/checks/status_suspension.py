"""``status_suspension``: the credential's suspension entry is not set (see
``status_revocation``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.check import Check
from verifier.checks._status import status_check

ID = "status_suspension"


def run(view: Any, run: Any, at: datetime) -> Check:
    return status_check(ID, "suspension", run)
