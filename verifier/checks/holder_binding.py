"""``holder_binding``: asked for by a verifier of a presentation (``options.holderBinding``):
every subject of the credential is the holder who signed the presentation (its
``credentialSubject.id`` is the holder's DID). A credential whose subject has no DID, or
another one, is not the holder's: ``failed``. Not reported otherwise."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from verifier.check import FAILED, NOT_APPLICABLE, PASSED, Check
from verifier.values import as_list

ID = "holder_binding"


def run(view: Any, run: Any, at: datetime) -> Check:
    holder = run.options.holder
    if holder is None:
        return Check.make(ID, NOT_APPLICABLE, "not_applicable")
    subjects = [s for s in as_list(view.document.get("credentialSubject")) if isinstance(s, dict)]
    ids = [s.get("id") for s in subjects]
    if subjects and all(i == holder for i in ids):
        return Check.make(ID, PASSED, "holder_is_subject")
    return Check.make(ID, FAILED, "holder_not_subject")
