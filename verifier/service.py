"""Verification of whatever was presented: resolves links and tokens to credentials, then runs
the pipeline. Used by the HTTP routes and the CLI (thin callers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from common import vocab
from common.errors import ResourceUnavailable
from common.problems import BadInput, NotFound, Problem
from verifier.context import VerificationContext
from verifier.inputs import MAX_INPUT_BYTES, Presented, parse_bytes, parse_presented
from verifier.lookup import CredentialLookup, TokenResolution, remote_lookup, token_is_plausible
from verifier.pipeline import verify_credential
from verifier.report import Check, VerificationReport


@dataclass
class TokenOutcome:
    resolution: TokenResolution
    report: VerificationReport | None  # None unless the resolution is ok
    related: list[VerificationReport] = field(default_factory=list)  # the further credentials (supplement…)


def resolve_token(
    token: str,
    *,
    lookup: CredentialLookup | None,
    organisation: str | None = None,
) -> TokenResolution:
    if not token_is_plausible(token) or lookup is None:
        return TokenResolution("unknown")
    resolution = lookup(token, organisation)
    if resolution.status == "ok" and not resolution.credentials:
        return TokenResolution("unknown")
    return resolution


def verify_token(
    token: str,
    ctx: VerificationContext,
    *,
    lookup: CredentialLookup | None,
    organisation: str | None = None,
    at: Any = None,
) -> TokenOutcome:
    """The credentials a token names, verified: the first (the diploma) in ``report``, each
    further one (a Diploma Supplement, a profile) in ``related``, with the same context and
    moment; a supplement must also carry the diploma's digest (see :func:`related_report`)."""
    resolution = resolve_token(token, lookup=lookup, organisation=organisation)
    if resolution.status != "ok":
        return TokenOutcome(resolution, None)
    diploma = resolution.credentials[0]
    report = verify_credential(
        diploma,
        at=at,
        context=ctx,
        via_token=True,
        superseded_by=resolution.superseded_by,
    )
    related = [
        related_report(diploma, credential, ctx, at=at, superseded_by=resolution.superseded_by)
        for credential in resolution.credentials[1:]
    ]
    return TokenOutcome(resolution, report, related)


def _types(credential: Any) -> list[str]:
    kinds = credential.get("type") if isinstance(credential, dict) else None
    return [kinds] if isinstance(kinds, str) else [k for k in kinds if isinstance(k, str)] if isinstance(kinds, list) else []


def related_report(
    diploma: Any, credential: Any, ctx: VerificationContext, *, at: Any = None, superseded_by: str | None = None
) -> VerificationReport:
    """A credential that came with `diploma` under one token, verified by the pipeline, plus a
    ``related_resource`` check when it is a Diploma Supplement or names a resource: its
    ``relatedResource`` must carry the digest of this very diploma (the comparison of
    :mod:`verifier.presentation`), else it belongs to another diploma (or was altered) and
    is invalid. A credential that cannot be read at all is reported with a failed format check.
    `superseded_by`: the diploma's newer version (its supplement goes with the old one)."""
    try:
        report = verify_credential(credential, at=at, context=ctx, via_token=True, superseded_by=superseded_by)
    except Problem:
        summary = {"type": _types(credential), "id": credential.get("id") if isinstance(credential, dict) else None}
        return VerificationReport(checks=[Check.make("format", "failed", "not_a_credential")], credential=summary)
    from verifier.presentation import _related_resource_errors

    supplement = vocab.is_supplement(credential)
    if not (supplement or (isinstance(credential, dict) and credential.get("relatedResource"))):
        return report
    errors, checked = _related_resource_errors([diploma, credential])
    if errors:
        check = Check.make("related_resource", "failed", "related_resource_mismatch")
    elif checked:
        check = Check.make("related_resource", "passed", "matches")
    elif supplement:
        check = Check.make("related_resource", "failed", "related_resource_absent")
    else:
        return report
    report.checks.append(check)
    return report


def token_problem(resolution: TokenResolution) -> Problem:
    if resolution.status == "expired":
        return Problem(410, "verify-link-expired")
    if resolution.status == "revoked":
        return Problem(410, "verify-link-revoked")
    return NotFound(code="unknown-verify-token")


def verify_input(
    value: Any,
    ctx: VerificationContext,
    *,
    lookup: CredentialLookup | None = None,
    public_url: str | None = None,
    organisation: str | None = None,
    at: Any = None,
) -> VerificationReport:
    """Verify a credential object or text, a VC-JWT, the link of a Dalel verify page (ours:
    through `lookup`; another Dalel's: through its by-token API) or of a credential, or a QR
    payload. Raises BadInput / Problem for input that cannot be verified at all."""
    presented = parse_presented(value)
    via_token = False
    superseded_by = None
    if presented.kind == "token_url":
        own = public_url is not None and presented.origin == public_url.rstrip("/")
        if own:
            chosen = lookup
        elif ctx.fetcher is not None:
            chosen = remote_lookup(ctx.fetcher, presented.origin or "")
        else:
            chosen = None
        try:
            resolution = resolve_token(presented.token or "", lookup=chosen, organisation=organisation)
        except ResourceUnavailable as exc:
            raise _url_problem(exc) from None
        if resolution.status != "ok":
            raise token_problem(resolution)
        presented = parse_presented(resolution.credentials[0])
        via_token, superseded_by = True, resolution.superseded_by
    elif presented.kind == "url":
        presented = fetch_presented(presented.url or "", ctx)
    return verify_credential(presented, at=at, context=ctx, via_token=via_token, superseded_by=superseded_by)


def _url_problem(exc: ResourceUnavailable) -> Problem:
    code = getattr(exc, "code", "")
    if code in ("host_not_allowed", "scheme_not_allowed", "address_not_allowed", "invalid_url"):
        return BadInput("input-url-not-allowed", str(exc))
    return Problem(502, "input-url-unavailable", str(exc))


def fetch_presented(url: str, ctx: VerificationContext) -> Presented:
    """A credential (JSON or VC-JWT) at a URL, through the fetcher."""
    if ctx.fetcher is None:
        raise BadInput("input-url-not-allowed", "no fetcher configured")
    try:
        body, _ctype = ctx.fetcher.get(url, max_bytes=MAX_INPUT_BYTES)
    except ResourceUnavailable as exc:
        raise _url_problem(exc) from None
    presented = parse_bytes(body)
    if presented.kind not in ("credential", "jwt"):
        raise BadInput("input-unrecognised", "the link does not lead to a credential")
    return presented
