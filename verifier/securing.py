"""The securing check, made once per credential: every Data Integrity proof, or the JWS of a
VC-JWT. The ``proof`` and ``issuer_key`` checks read its outcome; nothing is verified twice.

The binding of a proof's key to the issuer is left to ``issuer_key`` (a joint degree's second
institution or a chained endorsement may sign beside the issuer). The number of proofs is
capped (:class:`verifier.limits.Limits`), and the RDFC canonicalisation the proofs share is
made first, so a document over the request's work budget is a 422 before any proof is tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from keys import jsonld
from keys.dataintegrity import ProofResult, parse_datetime, verify_proofs
from keys.jose import verify_vc_jwt
from verifier.limits import Limits, OverBudget, over_budget
from verifier.values import as_list

RDFC_SUITES = frozenset({"eddsa-rdfc-2022", "ecdsa-rdfc-2019", "Ed25519Signature2020"})


@dataclass(frozen=True)
class Method:
    """A key that signed: its verification method and the proof's ``created`` (None when
    absent or malformed; for a VC-JWT, ``iat``)."""

    verification_method: str
    created: datetime | None


@dataclass(frozen=True)
class Secured:
    kind: str  # "data-integrity" | "jwt"
    results: tuple[ProofResult, ...]
    methods: tuple[Method, ...]

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(r.ok for r in self.results)


def secure_data_integrity(credential: dict[str, Any], resolver: Any, limits: Limits) -> Secured:
    proofs = [p for p in as_list(credential.get("proof")) if isinstance(p, dict)]
    if len(proofs) > limits.max_proofs:
        raise OverBudget("verifier.budget.proofs", count=len(proofs), limit=limits.max_proofs)
    if any(_suite(p) in RDFC_SUITES for p in proofs):
        unsecured = {k: v for k, v in credential.items() if k != "proof"}
        try:
            jsonld.canonize(unsecured)  # memoised: each proof below reuses it
        except jsonld.JsonLdError as exc:
            problem = over_budget(exc)
            if problem is not None:
                raise problem from None
    results = tuple(verify_proofs(credential, resolver, check_controller=False))
    methods = []
    for proof in proofs:
        vm = proof.get("verificationMethod")
        if isinstance(vm, dict):
            vm = vm.get("id")
        if isinstance(vm, str):
            methods.append(Method(vm, parse_datetime(proof.get("created"))))
    return Secured("data-integrity", results, tuple(methods))


def secure_jwt(token: str, header: dict[str, Any], resolver: Any) -> tuple[Secured, dict[str, Any] | None]:
    """(outcome, the verified payload credential or None)."""
    credential, result = verify_vc_jwt(token, resolver)
    kid = header.get("kid")
    created = None
    payload_iat = result.created if isinstance(getattr(result, "created", None), str) else None
    if payload_iat:
        created = parse_datetime(payload_iat)
    methods = (Method(kid, created),) if isinstance(kid, str) else ()
    return Secured("jwt", (result,), methods), credential


def _suite(proof: dict[str, Any]) -> Any:
    return proof.get("cryptosuite") if proof.get("type") == "DataIntegrityProof" else proof.get("type")
