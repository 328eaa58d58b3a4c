"""Verification of whatever was presented: resolves links and tokens to credentials, then runs
the pipeline. Used by the HTTP routes and the CLI (thin callers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from common.errors import ResourceUnavailable
from common.problems import BadInput, NotFound, Problem
from verifier.context import VerificationContext
from verifier.inputs import MAX_INPUT_BYTES, Presented, parse_bytes, parse_presented
from verifier.lookup import CredentialLookup, TokenResolution, remote_lookup, token_is_plausible
from verifier.pipeline import verify_credential
from verifier.report import VerificationReport


@dataclass
class TokenOutcome:
    resolution: TokenResolution
    report: VerificationReport | None  # None unless the resolution is ok


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
    """The credential a token names, verified (its first credential: the diploma)."""
    resolution = resolve_token(token, lookup=lookup, organisation=organisation)
    if resolution.status != "ok":
        return TokenOutcome(resolution, None)
    report = verify_credential(
        resolution.credentials[0],
        at=at,
        context=ctx,
        via_token=True,
        superseded_by=resolution.superseded_by,
    )
    return TokenOutcome(resolution, report)


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
