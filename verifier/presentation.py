"""Verifying a verifiable presentation (VC-API ``POST /presentations/verify``, and any
presentation given to ``POST /api/v1/verify`` or ``dalel verify``).

A presentation is verified in two separate parts (VC Data Model 2.0, 4.13, and the Data
Integrity securing model):

* **its own proof**, ``authentication`` by the holder with the verifier's ``challenge`` and
  ``domain``. It covers the whole presentation, embedded credentials included, so the
  presentation must be valid JSON-LD. When the verifier gives a ``challenge`` or a
  ``domain``, a presentation without a valid proof carrying them is not verified
  (``proof_required``): an unsigned copy could be replayed by anyone;
* **each embedded credential as its own document**, through the full pipeline
  (:func:`verifier.pipeline.verify_credential`), under the credential's own ``@context``.

Binding: with ``options.holderBinding`` the presentation must be signed by its holder and
every credential's subject must be that holder (check ``holder_binding``). Whatever the
options, a Diploma Supplement that names a diploma must carry its digest when that diploma is
presented, and a supplement presented beside other credentials none of which is its diploma
belongs to someone else's (``related_resource_absent``): one graduate's diploma paired with
another's supplement is not ``verified``.

Why the presentation's ``@context`` need not repeat its credentials': in ``credentials/v2``,
``verifiableCredential`` is ``@container: @graph`` with a property-scoped ``"@context": null``,
so each credential's own ``@context`` is processed from scratch. ``credentials/v1`` has no
such reset: a VC 1.1 presentation cannot carry a VC 2.0 credential (``protected term
redefinition``, reported ``presentation_context_conflict``: an error when signed, a warning
when unsigned). A presentation whose own members are spelled other than by their terms
(``verifiableCredential`` as an IRI, so that a reader would see no credentials) is refused
(``presentation_respelled``).

At most ``Limits.max_credentials`` credentials (422 beyond). The body is the VC-API result
(``verified``, ``checks``, ``warnings``, ``errors``, credential entries as
``credential[i].<check>``) plus ``credentialResults`` (``index``, ``id``, ``verified``,
``verdict``, ``checks``, ``warnings``, ``errors``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from keys import jsonld
from keys.dataintegrity import verify_proofs
from verifier.checks.related_resource import pair_problems
from verifier.context import VerificationContext, default_context
from verifier.inputs import check_json_limits
from verifier.limits import OverBudget, bounded, over_budget
from verifier.pipeline import verify_credential
from verifier.report import VerificationReport
from verifier.run import Options
from verifier.values import as_list, types_of
from verifier.vcapi import vcapi_result
from verifier.view import ViewError, build_view

CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
CRED = "https://www.w3.org/2018/credentials#"
_SEVERITY = {"valid": 0, "untrusted": 1, "indeterminate": 2, "invalid": 3}


def is_presentation(value: Any) -> bool:
    """A JSON object typed VerifiablePresentation."""
    return isinstance(value, dict) and "VerifiablePresentation" in types_of(value.get("type"))


@dataclass
class PresentationOutcome:
    status: int
    body: dict[str, Any]
    reports: list[VerificationReport | None] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """The worst verdict of its credentials; ``invalid`` when the presentation itself erred."""
        own = [e for e in self.body["errors"] if not e["id"].startswith("credential[") or ".related_resource" in e["id"]]
        verdicts = [r.verdict if r is not None else "invalid" for r in self.reports] or ["invalid"]
        return "invalid" if own else max(verdicts, key=_SEVERITY.__getitem__)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "kind": "presentation",
            "presentation": {k: self.body[k] for k in ("verified", "checks", "warnings", "errors")},
            "credentials": [r.to_dict() if r is not None else result
                            for r, result in zip(self.reports, self.body["credentialResults"], strict=True)],
        }


def _error(errors: list[dict[str, Any]], check: str, code: str, message: str) -> None:
    errors.append({"id": check, "code": code, "message": message})


def _read_presentation(presentation: dict[str, Any]) -> tuple[Any, list | None]:
    """(the JsonLdError of processing it without its proof, or None; its expanded form)."""
    unsecured = {k: v for k, v in presentation.items() if k != "proof"}
    try:
        return None, jsonld.expand(unsecured)
    except jsonld.JsonLdError as exc:
        problem = over_budget(exc)
        if problem is not None:
            raise problem from None
        return exc, None


def _respelled(presentation: dict[str, Any], expanded: list | None) -> bool:
    """Whether a member a reader needs is present in the signed graph but not under its term."""
    top = expanded[0] if expanded and isinstance(expanded[0], dict) else {}
    wanted = {CRED + "verifiableCredential": "verifiableCredential", CRED + "holder": "holder"}
    if any(iri in top and term not in presentation for iri, term in wanted.items()):
        return True
    count = len(top.get(CRED + "verifiableCredential", []))
    return count != len(as_list(presentation.get("verifiableCredential")))


def _credential_result(index: int, credential: Any, ctx: VerificationContext, at: Any,
                       holder: str | None) -> tuple[dict[str, Any], VerificationReport | None]:
    cid = credential.get("id") if isinstance(credential, dict) and isinstance(credential.get("id"), str) else None
    if isinstance(credential, dict) and credential.get("type") == "EnvelopedVerifiableCredential":
        return {"index": index, "id": cid, "verified": False, "verdict": "indeterminate", "checks": [],
                "warnings": [{"id": "credential", "code": "enveloped_not_checked", "message": "enveloped credential"}],
                "errors": []}, None
    try:
        report = verify_credential(credential, context=ctx, at=at, options=Options(holder=holder))
    except OverBudget:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed member is an error entry, never a 500
        return {"index": index, "id": cid, "verified": False, "verdict": "invalid", "checks": [], "warnings": [],
                "errors": [{"id": "format", "code": getattr(exc, "code", "malformed"), "message": str(exc)}]}, None
    _, body = vcapi_result(report)
    return {"index": index, "id": cid, "verified": body["verified"], "verdict": report.verdict,
            "checks": body["checks"], "warnings": body["warnings"], "errors": body["errors"]}, report


def _view_or_none(credential: Any) -> dict[str, Any] | None:
    try:
        return build_view(credential).document if isinstance(credential, dict) else None
    except ViewError:
        return None


def _proof(presentation: dict[str, Any], options: dict[str, Any], ctx: VerificationContext,
           checks: list[str], errors: list[dict[str, Any]]) -> str | None:
    """Check the presentation's own proof; the authenticated holder's DID, or None."""
    challenge = options.get("challenge") if isinstance(options.get("challenge"), str) else None
    domain = options.get("domain") if isinstance(options.get("domain"), str | list) else None
    results = verify_proofs(presentation, ctx.resolver, expected_purpose="authentication", challenge=challenge,
                            domain=domain)
    if results and all(r.ok for r in results):
        checks.append("proof")
        return results[0].controller
    failed = next((r for r in results if not r.ok), None)
    _error(errors, "proof", getattr(failed, "code", "no_proof"), getattr(failed, "message", ""))
    return None


def verify_presentation_outcome(
    presentation: dict[str, Any], options: dict[str, Any] | None = None, ctx: VerificationContext | None = None,
    *, at: Any = None,
) -> PresentationOutcome:
    """Verify `presentation` (see the module docstring)."""
    options = options or {}
    ctx = ctx or default_context()
    check_json_limits(presentation)
    checks: list[str] = []
    warnings: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    contexts = as_list(presentation.get("@context"))
    if not contexts or contexts[0] not in (CREDENTIALS_V2, CREDENTIALS_V1) or not is_presentation(presentation):
        _error(errors, "format", "not_a_presentation", "not a VerifiablePresentation")
        return PresentationOutcome(400, {"verified": False, "checks": checks, "warnings": warnings, "errors": errors,
                                         "credentialResults": []})
    items = as_list(presentation.get("verifiableCredential"))
    if len(items) > ctx.limits.max_credentials:
        raise OverBudget("verifier.budget.credentials", count=len(items), limit=ctx.limits.max_credentials)
    with bounded(ctx.limits):
        return _verify(presentation, options, ctx, at, items, checks, warnings, errors)


def _verify(presentation: dict[str, Any], options: dict[str, Any], ctx: VerificationContext, at: Any,
            items: list[Any], checks: list[str], warnings: list[dict[str, Any]],
            errors: list[dict[str, Any]]) -> PresentationOutcome:
    signed = "proof" in presentation
    conflict, expanded = _read_presentation(presentation)
    if conflict is not None:
        v1_with_v2 = as_list(presentation.get("@context"))[0] == CREDENTIALS_V1 and any(
            isinstance(c, dict) and as_list(c.get("@context"))[:1] == [CREDENTIALS_V2] for c in items)
        code = "presentation_context_conflict" if conflict.code == "protected_term_redefinition" else conflict.code
        message = (
            "a VC 1.1 presentation (credentials/v1) cannot embed a VC 2.0 credential: the v1 context's protected "
            "terms stay active inside it; present it in a VC 2.0 presentation"
            if v1_with_v2 else f"the presentation is not valid JSON-LD: {conflict}"
        )
        # a signed presentation's proof covers this document: it cannot be checked
        (errors if signed else warnings).append({"id": "format", "code": code, "message": message})
    elif _respelled(presentation, expanded):
        _error(errors, "format", "presentation_respelled", "a member of the presentation is not under its term")
    elif signed or items:
        checks.append("format")

    holder = None
    if signed and conflict is None:
        holder = _proof(presentation, options, ctx, checks, errors)
    elif options.get("challenge") is not None or options.get("domain") is not None:
        _error(errors, "proof", "proof_required", "a challenge or domain was given: the presentation must be signed with it")
    binding = options.get("holderBinding") is True
    if binding and holder is None and not any(e["id"] == "proof" for e in errors):
        _error(errors, "proof", "proof_required", "holder binding needs a presentation signed by its holder")

    pairs = [_credential_result(i, c, ctx, at, holder if binding else None) for i, c in enumerate(items)]
    results = [result for result, _ in pairs]
    for result in results:
        for entry in result["errors"]:
            errors.append({**entry, "id": f"credential[{result['index']}].{entry['id']}"})
        for entry in result["warnings"]:
            warnings.append({**entry, "id": f"credential[{result['index']}].{entry['id']}"})
    related_errors, bound = pair_problems([_view_or_none(c) for c in items], items)
    errors.extend(related_errors)
    if bound and not related_errors:
        checks.append("related_resources")
    if items and not any(e["id"].startswith("credential[") for e in errors):
        checks.append("credentials")
    ok = not errors
    body = {"verified": ok, "checks": checks, "warnings": warnings, "errors": errors, "credentialResults": results}
    return PresentationOutcome(200 if ok else 400, body, [report for _, report in pairs])


def verify_presentation(
    presentation: dict[str, Any], options: dict[str, Any] | None = None, ctx: VerificationContext | None = None
) -> tuple[int, dict[str, Any]]:
    """(HTTP status, VC-API VerificationResult with ``credentialResults``)."""
    outcome = verify_presentation_outcome(presentation, options, ctx)
    return outcome.status, outcome.body


def verify_presentation_reports(
    presentation: dict[str, Any], options: dict[str, Any] | None = None, ctx: VerificationContext | None = None,
    *, at: Any = None,
) -> tuple[int, dict[str, Any], list[Any]]:
    """:func:`verify_presentation`, plus each credential's report (None for one that could not
    be verified at all)."""
    outcome = verify_presentation_outcome(presentation, options, ctx, at=at)
    return outcome.status, outcome.body, outcome.reports
