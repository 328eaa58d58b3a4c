"""VC-API presentation verification.

A verifiable presentation is verified in two separate parts (VC Data Model 2.0, 4.13 and the
Data Integrity securing model):

* **the presentation's own proof** (if any), ``authentication`` by the holder with the
  verifier's ``challenge`` and ``domain``. It covers the whole presentation, embedded
  credentials included, so the presentation must be a valid JSON-LD document;
* **each embedded credential as its own document**: its issuer's proof covers only the
  credential, under the credential's own ``@context``. Every credential goes through the full
  pipeline (:func:`verifier.pipeline.verify_credential`): format, proof, issuer key, trust,
  validity, status.

Why a presentation's ``@context`` need not repeat its credentials' contexts: in the
``credentials/v2`` context, ``verifiableCredential`` is ``@container: @graph`` with a
property-scoped ``"@context": null``: the active context is cleared inside each embedded
credential (protected terms included; property-scoped contexts may override protection), so the
credential's own ``@context`` is processed from scratch, exactly as when the credential stands
alone. The Digital Bazaar and DCC libraries build presentations the same way
(``createPresentation`` puts only the credentials context in the presentation).

The ``credentials/v1`` context (VC 1.1) has no such reset: inside a VC 1.1 presentation the
v1 context's ``@protected`` terms (``VerifiableCredential``, ``proof``, ``id``, ``type``…)
stay active, and an embedded VC 2.0 credential whose ``credentials/v2`` context defines them
differently is a ``protected term redefinition`` (JSON-LD 1.1, 4.1.11). Such a presentation
is not a valid JSON-LD document: its own proof cannot be checked (error
``presentation_context_conflict``); when it is unsigned it is only a container, its
credentials are still verified one by one, and the conflict is reported as a warning.

Several credentials: every one is verified; a Dalel Diploma Supplement whose
``relatedResource`` names a diploma present in the same presentation must carry that diploma's
digest (``digestMultibase``: SHA-256 multihash of the RFC 8785 bytes of the signed diploma),
else the supplement does not belong to that diploma (error ``related_resource_mismatch``).

The response is the VC-API VerificationResult (``verified``, ``checks``, ``warnings``,
``errors``) plus ``credentialResults``: one entry per credential (``index``, ``id``,
``verified``, ``verdict``, ``checks``, ``warnings``, ``errors``).
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from common import vocab
from verifier.context import VerificationContext, default_context
from verifier.inputs import check_json_limits

CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _contexts(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _sha256_multibase(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(b"\x12\x20" + hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def digest_matches(document: dict[str, Any], digest: str) -> bool | None:
    """Whether `digest` (a ``digestMultibase``: ``u`` base64url or ``z`` base58btc of a
    SHA-256 multihash) is the digest of `document`'s RFC 8785 bytes. None when the digest is
    in a form not checked here."""
    from keys.dataintegrity import jcs

    if not isinstance(digest, str) or not digest:
        return None
    data = jcs(document)
    if digest[0] == "u":
        return digest == _sha256_multibase(data)
    if digest[0] == "z":
        import base58

        try:
            raw = base58.b58decode(digest[1:])
        except ValueError:
            return False
        if raw[:2] != b"\x12\x20":
            return None
        return raw[2:] == hashlib.sha256(data).digest()
    return None


def _context_conflict(presentation: dict[str, Any]) -> Any:
    """The JsonLdError of processing the presentation (without its proof) in safe mode, or None."""
    from keys import jsonld

    unsecured = {k: v for k, v in presentation.items() if k != "proof"}
    try:
        jsonld.expand(unsecured)
    except jsonld.JsonLdError as exc:
        return exc
    return None


def _related_resource_errors(
    items: list[Any], warnings: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Cross-credential check: supplements (or any credential) naming, in ``relatedResource``,
    a credential present in the same presentation must carry its digest. A Diploma Supplement
    beside other credentials but without the diploma it names is a warning in `warnings`
    (``related_resource_absent``): it does not belong to the diploma it is presented with."""
    by_id = {c["id"]: c for c in items if isinstance(c, dict) and isinstance(c.get("id"), str)}
    errors: list[dict[str, Any]] = []
    checked: list[str] = []
    for index, credential in enumerate(items):
        if not isinstance(credential, dict):
            continue
        related = [r for r in _as_list(credential.get("relatedResource")) if isinstance(r, dict)]
        # only a string id names a credential here (a list or object id is unhashable, and no match)
        named = [r for r in related if isinstance(r.get("id"), str)]
        if (
            warnings is not None
            and vocab.is_supplement(credential)
            and len(items) > 1
            and related
            and not any(r["id"] in by_id and by_id[r["id"]] is not credential for r in named)
        ):
            warnings.append({
                "id": f"credential[{index}].related_resource",
                "code": "related_resource_absent",
                "message": "this supplement belongs to a diploma that is not in this presentation: "
                f"{', '.join(str(r.get('id')) for r in related)}",
            })
        for resource in named:
            if resource["id"] not in by_id:
                continue
            target = by_id[resource["id"]]
            if target is credential:
                continue
            ok = digest_matches(target, resource.get("digestMultibase"))
            if ok is None:
                continue
            if ok:
                checked.append(resource["id"])
            else:
                errors.append({
                    "id": f"credential[{index}].related_resource",
                    "code": "related_resource_mismatch",
                    "message": f"relatedResource {resource['id']} does not match the credential of that id in this presentation",
                })
    return errors, checked


def _credential_result(index: int, credential: Any, ctx: VerificationContext, at: Any) -> tuple[dict[str, Any], Any]:
    from verifier.http import _vcapi_result
    from verifier.pipeline import verify_credential
    from verifier.report import derive_verdict

    cid = credential.get("id") if isinstance(credential, dict) and isinstance(credential.get("id"), str) else None
    if isinstance(credential, dict) and credential.get("type") == "EnvelopedVerifiableCredential":
        return {"index": index, "id": cid, "verified": False, "verdict": "indeterminate", "checks": [],
                "warnings": [{"id": "credential", "code": "enveloped_not_checked", "message": "enveloped credential"}],
                "errors": []}, None
    try:
        report = verify_credential(credential, context=ctx, at=at)
    except Exception as exc:  # noqa: BLE001 - a malformed member is an error entry, never a 500
        return {"index": index, "id": cid, "verified": False, "verdict": "invalid", "checks": [], "warnings": [],
                "errors": [{"id": "format", "code": getattr(exc, "code", "malformed"), "message": str(exc)}]}, None
    _, body = _vcapi_result(report)
    return {"index": index, "id": cid, "verified": body["verified"], "verdict": derive_verdict(report.checks),
            "checks": body["checks"], "warnings": body["warnings"], "errors": body["errors"]}, report


def is_presentation(value: Any) -> bool:
    """A JSON object typed VerifiablePresentation."""
    return isinstance(value, dict) and "VerifiablePresentation" in _types(value.get("type"))


def verify_presentation(
    presentation: dict[str, Any], options: dict[str, Any] | None = None, ctx: VerificationContext | None = None
) -> tuple[int, dict[str, Any]]:
    """(HTTP status, VC-API VerificationResult with ``credentialResults``). `options`:
    ``challenge``, ``domain`` (VC-API); `ctx`: the deployment's verification context (default:
    :func:`verifier.context.default_context`)."""
    status, body, _reports = verify_presentation_reports(presentation, options, ctx)
    return status, body


def verify_presentation_reports(
    presentation: dict[str, Any], options: dict[str, Any] | None = None, ctx: VerificationContext | None = None,
    *, at: Any = None,
) -> tuple[int, dict[str, Any], list[Any]]:
    """:func:`verify_presentation`, plus the :class:`verifier.report.VerificationReport` of each
    credential (None for one that could not be verified at all); `at` as in verify_credential."""
    from keys.dataintegrity import verify_proofs

    options = options or {}
    ctx = ctx or default_context()
    check_json_limits(presentation)
    checks: list[str] = []
    warnings: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    contexts = _contexts(presentation.get("@context"))
    if not contexts or contexts[0] not in (CREDENTIALS_V2, CREDENTIALS_V1) or "VerifiablePresentation" not in _types(
        presentation.get("type")
    ):
        errors.append({"id": "format", "code": "not_a_presentation", "message": "not a VerifiablePresentation"})
        return 400, {"verified": False, "checks": checks, "warnings": warnings, "errors": errors, "credentialResults": []}, []
    credentials = presentation.get("verifiableCredential")
    items = credentials if isinstance(credentials, list) else [credentials] if credentials is not None else []
    signed = "proof" in presentation

    conflict = _context_conflict(presentation) if signed or ctx.check_jsonld else None
    if conflict is not None:
        v1_with_v2 = contexts[0] == CREDENTIALS_V1 and any(
            isinstance(c, dict) and _contexts(c.get("@context"))[:1] == [CREDENTIALS_V2] for c in items
        )
        code = "presentation_context_conflict" if conflict.code == "protected_term_redefinition" else conflict.code
        message = (
            "a VC 1.1 presentation (credentials/v1) cannot embed a VC 2.0 credential: the v1 context's protected "
            "terms stay active inside it; present it in a VC 2.0 presentation"
            if v1_with_v2 else f"the presentation is not valid JSON-LD: {conflict}"
        )
        # a signed presentation's proof covers this document: it cannot be checked
        (errors if signed else warnings).append({"id": "format", "code": code, "message": message})
    elif signed or items:
        checks.append("format")

    if signed and conflict is None:
        challenge = options.get("challenge") if isinstance(options.get("challenge"), str) else None
        domain = options.get("domain") if isinstance(options.get("domain"), str | list) else None
        results = verify_proofs(
            presentation, ctx.resolver, expected_purpose="authentication", challenge=challenge, domain=domain
        )
        if results and all(r.ok for r in results):
            checks.append("proof")
        else:
            failed = next((r for r in results if not r.ok), None)
            errors.append({"id": "proof", "code": getattr(failed, "code", "no_proof"), "message": getattr(failed, "message", "")})

    pairs = [_credential_result(index, credential, ctx, at) for index, credential in enumerate(items)]
    results_by_credential = [result for result, _ in pairs]
    for result in results_by_credential:
        for entry in result["errors"]:
            errors.append({**entry, "id": f"credential[{result['index']}].{entry['id']}"})
        for entry in result["warnings"]:
            warnings.append({**entry, "id": f"credential[{result['index']}].{entry['id']}"})
    related_errors, related_checked = _related_resource_errors(items, warnings)
    errors.extend(related_errors)
    if related_checked and not related_errors:
        checks.append("related_resources")
    if items and not any(e["id"].startswith("credential[") for e in errors):
        checks.append("credentials")
    ok = not errors
    return (200 if ok else 400), {
        "verified": ok,
        "checks": checks,
        "warnings": warnings,
        "errors": errors,
        "credentialResults": results_by_credential,
    }, [report for _, report in pairs]
