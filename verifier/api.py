"""The typed shapes of the verifier's HTTP API, for ``/openapi.json`` and its clients: request
bodies, reports and VC-API results, with examples. The routes parse bodies themselves (a
credential is checked for size and depth before anything walks it); these models describe
what they accept and answer."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

CHECK_EXAMPLE = {
    "id": "status_revocation", "status": "passed", "code": "not_revoked",
    "message": {"kk": "Құжат кері қайтарылмаған", "ru": "Документ не отозван", "en": "The credential has not been revoked"},
}


class CheckResult(BaseModel):
    """One named check: ``status`` passed | failed | warning | indeterminate | not_applicable."""

    id: str = Field(examples=["proof"])
    status: Literal["passed", "failed", "warning", "indeterminate", "not_applicable"]
    code: str = Field(examples=["valid"])
    message: dict[str, str] = Field(description="kk, ru and en")
    link: str | None = Field(default=None, description="supersession: the newer version")


class CredentialSummary(BaseModel):
    """What a person reads of the credential, from what its proof covers. ``confirmed`` is
    false when its proof or issuer key did not pass: nothing here is then a fact (and when the
    proof failed, nothing but ``confirmed`` is given). ``institution`` is the trust list's
    name of the issuer; ``institution_claimed`` the credential's own, when it differs."""

    model_config = ConfigDict(extra="allow")

    confirmed: bool
    holder: str | None = None
    degree: Any = None
    institution: Any = None
    institution_claimed: Any = None
    issuer: str | None = None
    series_number: str | None = None
    award_date: str | None = None


class VerificationReportModel(BaseModel):
    """A verification report: the verdict (valid | untrusted | invalid | indeterminate) derived
    from the named checks."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={"examples": [{
            "verdict": "valid", "checks": [CHECK_EXAMPLE],
            "credential": {"confirmed": True, "holder": "Aigerim Zhaksybekova", "series_number": "BD 00000002"},
            "verified_at": "2026-07-01T09:30:00Z",
        }]},
    )

    verdict: Literal["valid", "untrusted", "invalid", "indeterminate"]
    checks: list[CheckResult]
    credential: CredentialSummary
    verified_at: str
    related: list[VerificationReportModel] | None = Field(
        default=None, description="credentials that came with it under one link (its Diploma Supplement)")
    source: str | None = Field(default=None, description="for a file: pdf-embedded | pdf-qr | image-qr")


class VerifyRequest(BaseModel):
    """Exactly one of ``credential`` (a JSON object, JSON text or a VC-JWT; a presentation
    too), ``url`` (a Dalel verify link or a credential's URL) or ``qr`` (a QR code's text).
    A PDF or image is sent as ``multipart/form-data`` (field ``file``) or as the body with
    ``Content-Type: application/pdf``, ``image/png`` or ``image/jpeg``."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"url": "https://dalel.example/v/2YQf3XQeAwRnU8BAnoMVWkJkoQK4"},
        {"credential": {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}},
    ]})

    credential: dict[str, Any] | str | None = None
    url: str | None = None
    qr: str | None = None
    organisation: str | None = Field(default=None, max_length=200, description="shown to the diploma's holder")
    at: str | None = Field(default=None, description="verify as of this date (YYYY-MM-DD) or dateTime")


class PresentationVerdict(BaseModel):
    """``POST /api/v1/verify`` with a presentation: the worst verdict of its credentials."""

    model_config = ConfigDict(extra="allow")

    verdict: Literal["valid", "untrusted", "invalid", "indeterminate"]
    kind: Literal["presentation"]
    presentation: dict[str, Any]
    credentials: list[dict[str, Any]]


class VcApiOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    challenge: str | None = None
    domain: str | list[str] | None = None
    holderBinding: bool | None = Field(default=None, description="Dalel: every subject must be the signing holder")


class VerifyCredentialRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"verifiableCredential": {
        "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
        "issuer": "did:key:z6Mk...", "credentialSubject": {"id": "did:example:1"}, "proof": {"type": "DataIntegrityProof"},
    }}]})

    verifiableCredential: dict[str, Any]
    options: VcApiOptions | None = None


class VerifyPresentationRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "verifiablePresentation": {"@context": ["https://www.w3.org/ns/credentials/v2"],
                                   "type": ["VerifiablePresentation"], "verifiableCredential": []},
        "options": {"challenge": "c0ae1c8e-c7e7-469f-b252-86e6a0e7387e", "domain": "dalel.example"},
    }]})

    verifiablePresentation: dict[str, Any]
    options: VcApiOptions | None = None


class ProblemEntry(BaseModel):
    id: str
    code: str
    message: str


class VcApiResult(BaseModel):
    """VC-API VerificationResult (200 verified, 400 not)."""

    model_config = ConfigDict(extra="allow")

    verified: bool
    checks: list[str]
    warnings: list[ProblemEntry]
    errors: list[ProblemEntry]


class PresentationResult(VcApiResult):
    credentialResults: list[dict[str, Any]]


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.rsplit("/", 1)[1]], defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline(v, defs) for v in schema]
    return schema


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a request model, nested models inlined (they are not components)."""
    schema = model.model_json_schema()
    return _inline(schema, schema.get("$defs", {}))


def request_body(model: type[BaseModel], *, files: bool = False) -> dict[str, Any]:
    """``openapi_extra`` documenting a body the route reads itself."""
    content: dict[str, Any] = {"application/json": {"schema": schema_of(model)}}
    if files:
        upload = {"type": "object", "properties": {"file": {"type": "string", "format": "binary"},
                                                    "organisation": {"type": "string", "maxLength": 200}},
                  "required": ["file"]}
        content["multipart/form-data"] = {"schema": upload}
        for media in ("application/pdf", "image/png", "image/jpeg"):
            content[media] = {"schema": {"type": "string", "format": "binary"}}
        content["application/vc+jwt"] = {"schema": {"type": "string"}}
    return {"requestBody": {"required": True, "content": content}}


class TokenResolutionModel(BaseModel):
    """What a verify or share token names: its status and, when ``ok``, the credentials (a
    verifier-only deployment's remote lookup reads this)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "ok", "credentials": [{"@context": ["https://www.w3.org/ns/credentials/v2"]}],
                                         "superseded_by": None, "expires_at": "2027-01-31T00:00:00+00:00"}]}
    )

    status: Literal["ok", "unknown", "expired", "revoked"]
    credentials: list[dict[str, Any]]
    superseded_by: str | None = None
    expires_at: str | None = None
