"""The checks of a credential, one module each, in the one ordered registry below. The check
ids (:data:`CHECK_IDS`), the order the pipeline runs them in and the rules of the verdict
(:func:`verifier.report.derive_verdict`) all derive from :data:`REGISTRY`.

Every check is ``run(view, run, at) -> Check``: the verified view (:mod:`verifier.view`), the
verification in progress (:class:`verifier.run.Run`: context, securing outcome, options,
earlier results) and the moment judged. A check reads the view only, never the presented
JSON.

Roles: a failed ``integrity`` check makes the credential ``invalid``; a failed ``trust`` check
makes it ``untrusted``; ``info`` checks never change the verdict beyond ``indeterminate``.
``required`` checks must pass (or warn) for ``valid``. ``optional`` checks are reported only
when they apply. A ``gated`` check runs only when ``format`` and ``proof`` did not fail: what a
failed signature covers is not worth checking, and not shown as checked.

To add a check (apostille, co_issuers…): write ``verifier/checks/<id>.py`` with ``ID`` and
``run``, its messages in :mod:`verifier.messages` (``verifier.check.<id>.<code>`` in kk, ru,
en), and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from verifier.check import Check
from verifier.checks import (
    accreditation,
    format,
    holder_binding,
    issuer_key,
    issuer_trust,
    proof,
    related_resource,
    status_revocation,
    status_suspension,
    supersession,
    validity_period,
)

INTEGRITY, TRUST, INFO = "integrity", "trust", "info"


@dataclass(frozen=True)
class CheckSpec:
    id: str
    run: Callable[[Any, Any, datetime], Check]
    role: str
    required: bool = False
    optional: bool = False
    gated: bool = True


REGISTRY: tuple[CheckSpec, ...] = (
    CheckSpec(format.ID, format.run, INTEGRITY, required=True, gated=False),
    CheckSpec(proof.ID, proof.run, INTEGRITY, required=True, gated=False),
    CheckSpec(issuer_key.ID, issuer_key.run, INTEGRITY, required=True),
    CheckSpec(issuer_trust.ID, issuer_trust.run, TRUST, required=True),
    CheckSpec(accreditation.ID, accreditation.run, TRUST, required=True),
    CheckSpec(validity_period.ID, validity_period.run, INTEGRITY),
    CheckSpec(status_revocation.ID, status_revocation.run, INTEGRITY),
    CheckSpec(status_suspension.ID, status_suspension.run, INTEGRITY),
    CheckSpec(supersession.ID, supersession.run, INFO),
    CheckSpec(related_resource.ID, related_resource.run, INTEGRITY, optional=True),
    CheckSpec(holder_binding.ID, holder_binding.run, INTEGRITY, optional=True),
)

BY_ID: dict[str, CheckSpec] = {spec.id: spec for spec in REGISTRY}
CHECK_IDS: tuple[str, ...] = tuple(spec.id for spec in REGISTRY)
INVALIDATING: frozenset[str] = frozenset(spec.id for spec in REGISTRY if spec.role == INTEGRITY)
TRUST_CHECKS: frozenset[str] = frozenset(spec.id for spec in REGISTRY if spec.role == TRUST)
REQUIRED: tuple[str, ...] = tuple(spec.id for spec in REGISTRY if spec.required)
