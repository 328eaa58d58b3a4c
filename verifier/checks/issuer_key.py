"""``issuer_key``: the credential is signed by a key of its issuer that was usable when it
signed.

Each signing key is resolved from its DID document; at least one must be controlled by the
issuer (a joint degree's other institution or an endorsement may sign beside it, never
instead of it: co-issuers named in the credential are the signer's own claim). A key revoked
or retired at the proof's ``created`` fails.

**A key compromised later** (its ``revoked`` time is after the proof's ``created``): whoever
stole the key can date a proof as they like, so the date alone proves nothing. Such a proof
is ``passed`` with a warning only when something the thief cannot backdate corroborates it —
the issuing deployment's own registry holds this very credential (it came through that
deployment's link or token lookup: ``Options.registry_confirmed``). Otherwise the check is
``indeterminate`` (``key_compromised_uncorroborated``): the verdict is not ``valid``, and the
message asks to confirm the diploma with the institution. (A Bitstring Status List entry
cannot corroborate: an index never allocated reads the same as "not revoked".)"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.errors import ResourceUnavailable
from keys.signer import KeyResolutionError
from verifier.check import FAILED, INDETERMINATE, PASSED, WARNING, Check

ID = "issuer_key"


def run(view: Any, run: Any, at: datetime) -> Check:
    issuer = run.issuer
    methods = run.secured.methods if run.secured is not None else ()
    if not methods or not issuer:
        return Check.make(ID, FAILED, "key_not_found")
    signed_by_issuer = False
    compromised_later = None
    for method in methods:
        vm = issuer + method.verification_method if method.verification_method.startswith("#") else method.verification_method
        try:
            key = run.ctx.resolver.resolve_key(vm)
        except KeyResolutionError as exc:
            if exc.unreachable:
                return Check.make(ID, INDETERMINATE, "did_unavailable")
            return Check.make(ID, FAILED, exc.code or "key_not_found")
        except ResourceUnavailable:
            return Check.make(ID, INDETERMINATE, "did_unavailable")
        if method.created is not None:
            reason = key.usable_at(method.created)
            if reason:
                return Check.make(ID, FAILED, reason)
        elif key.revoked is not None:
            return Check.make(ID, FAILED, "key_revoked")
        if key.controller == issuer:
            signed_by_issuer = True
            if key.revoked is not None:
                compromised_later = key.revoked
    if not signed_by_issuer:
        return Check.make(ID, FAILED, "controller_mismatch")
    if compromised_later is not None:
        day = compromised_later.date().isoformat()
        if run.options.registry_confirmed:
            return Check.make(ID, WARNING, "key_compromised_later", date=day)
        return Check.make(ID, INDETERMINATE, "key_compromised_uncorroborated", date=day)
    return Check.make(ID, PASSED, "key_valid")
