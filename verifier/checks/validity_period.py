"""``validity_period``: the moment of the check is within ``validFrom``…``validUntil`` (VC 1.1:
``issuanceDate``…``expirationDate``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.check import FAILED, PASSED, Check
from verifier.trust import parse_datetime

ID = "validity_period"


def run(view: Any, run: Any, at: datetime) -> Check:
    document = view.document
    try:
        start = parse_datetime(document.get("validFrom") or document.get("issuanceDate"))
        end = parse_datetime(document.get("validUntil") or document.get("expirationDate"))
    except ValueError:
        return Check.make(ID, FAILED, "invalid_date")
    if start is not None and at < start:
        return Check.make(ID, FAILED, "not_yet_valid", date=start.date().isoformat())
    if end is not None and at > end:
        return Check.make(ID, FAILED, "expired", date=end.date().isoformat())
    return Check.make(ID, PASSED, "within_validity")
