"""VC-API presentation verification: the presentation's own proof (``authentication``, with
the verifier's ``challenge`` and ``domain``) and every credential inside it."""

from __future__ import annotations

from typing import Any

from verifier.context import VerificationContext
from verifier.inputs import check_json_limits


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def verify_presentation(presentation: dict[str, Any], options: dict[str, Any], ctx: VerificationContext) -> tuple[int, dict[str, Any]]:
    """(HTTP status, VC-API VerificationResult)."""
    from keys.dataintegrity import verify_proofs
    from verifier.http import _vcapi_result
    from verifier.pipeline import verify_credential

    check_json_limits(presentation)
    checks: list[str] = []
    warnings: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    contexts = presentation.get("@context")
    contexts = contexts if isinstance(contexts, list) else [contexts]
    if not contexts or contexts[0] not in (
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/2018/credentials/v1",
    ) or "VerifiablePresentation" not in _types(presentation.get("type")):
        errors.append({"id": "format", "code": "not_a_presentation", "message": "not a VerifiablePresentation"})
        return 400, {"verified": False, "checks": checks, "warnings": warnings, "errors": errors}
    challenge = options.get("challenge") if isinstance(options.get("challenge"), str) else None
    domain = options.get("domain") if isinstance(options.get("domain"), str | list) else None
    if "proof" in presentation:  # unsigned presentations are allowed; a present proof must verify
        results = verify_proofs(
            presentation, ctx.resolver, expected_purpose="authentication", challenge=challenge, domain=domain
        )
        if results and all(r.ok for r in results):
            checks.append("proof")
        else:
            failed = next((r for r in results if not r.ok), None)
            errors.append({"id": "proof", "code": getattr(failed, "code", "no_proof"), "message": getattr(failed, "message", "")})
    credentials = presentation.get("verifiableCredential")
    items = credentials if isinstance(credentials, list) else [credentials] if credentials is not None else []
    for index, credential in enumerate(items):
        if isinstance(credential, dict) and credential.get("type") == "EnvelopedVerifiableCredential":
            warnings.append({"id": f"credential[{index}]", "code": "enveloped_not_checked", "message": "enveloped credential"})
            continue
        try:
            report = verify_credential(credential, context=ctx)
        except Exception as exc:  # noqa: BLE001 - a malformed member is an error entry
            errors.append({"id": f"credential[{index}].format", "code": getattr(exc, "code", "malformed"), "message": str(exc)})
            continue
        status, body = _vcapi_result(report)
        for entry in body["errors"]:
            errors.append({**entry, "id": f"credential[{index}].{entry['id']}"})
        for entry in body["warnings"]:
            warnings.append({**entry, "id": f"credential[{index}].{entry['id']}"})
    if items and not any(e["id"].startswith("credential[") for e in errors):
        checks.append("credentials")
    ok = not errors
    return (200 if ok else 400), {"verified": ok, "checks": checks, "warnings": warnings, "errors": errors}
