"""``status_revocation``: the credential's revocation entry is not set in its Bitstring Status
List (W3C Bitstring Status List v1.0; :mod:`verifier.status`). A list that cannot be obtained
or verified leaves it ``indeterminate``, never "not revoked"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.check import Check
from verifier.checks._status import status_check

ID = "status_revocation"


def run(view: Any, run: Any, at: datetime) -> Check:
    return status_check(ID, "revocation", run)
