"""The credentials a Dalel link or token names, verified: the public page ``/v/{token}``, its
JSON twin, and a verify link given to ``POST /api/v1/verify`` or ``dalel verify``.

A token is resolved by a lookup (:mod:`verifier.lookup`): the deployment's own registry (the
issuer's database, or the upstream Dalel a verifier-only deployment is configured with), or,
for another Dalel's link, that Dalel's by-token API. The first credential (the diploma) is
verified as is; each further one (a Diploma Supplement) also with the ``related_resource``
check against the diploma. A credential from the issuing deployment's registry corroborates a
proof dated before its key's compromise (``issuer_key``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from common import vocab
from common.problems import NotFound, Problem
from keys.did import did_web_urls
from verifier.check import FAILED, Check
from verifier.context import VerificationContext
from verifier.lookup import CredentialLookup, TokenResolution, token_is_plausible
from verifier.pipeline import verify_credential
from verifier.report import VerificationReport
from verifier.run import Options


@dataclass
class TokenOutcome:
    resolution: TokenResolution
    report: VerificationReport | None  # None unless the resolution is ok
    related: list[VerificationReport] = field(default_factory=list)  # the further credentials (supplement…)


def resolve_token(token: str, *, lookup: CredentialLookup | None, organisation: str | None = None) -> TokenResolution:
    if not token_is_plausible(token) or lookup is None:
        return TokenResolution("unknown")
    resolution = lookup(token, organisation)
    if resolution.status == "ok" and not resolution.credentials:
        return TokenResolution("unknown")
    return resolution


def issuer_host_matches(origin: str | None, credential: Any) -> bool:
    """Whether `origin` (the Dalel that answered a token) is the host of the credential's
    did:web issuer: then that Dalel's registry is the issuer's own."""
    issuer = credential.get("issuer") if isinstance(credential, dict) else None
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not origin or not isinstance(issuer, str) or not issuer.startswith("did:web:"):
        return False
    try:
        urls = did_web_urls(issuer, allow_http_localhost=True)
    except Exception:  # noqa: BLE001 - a malformed DID corroborates nothing
        return False
    return any(urlsplit(url).netloc == urlsplit(origin).netloc for url in urls)


def verify_resolution(
    resolution: TokenResolution, ctx: VerificationContext, *, at: Any = None, own_registry: bool = True,
    origin: str | None = None,
) -> TokenOutcome:
    """The credentials of a resolved token, verified (see the module docstring)."""
    if resolution.status != "ok":
        return TokenOutcome(resolution, None)
    diploma = resolution.credentials[0]
    confirmed = own_registry or issuer_host_matches(origin, diploma)
    options = Options(via_token=True, superseded_by=resolution.superseded_by, registry_confirmed=confirmed)
    report = verify_credential(diploma, at=at, context=ctx, options=options)
    related = [
        related_report(diploma, credential, ctx, at=at, superseded_by=resolution.superseded_by, registry_confirmed=confirmed)
        for credential in resolution.credentials[1:]
    ]
    return TokenOutcome(resolution, report, related)


def verify_token(
    token: str, ctx: VerificationContext, *, lookup: CredentialLookup | None, organisation: str | None = None,
    at: Any = None,
) -> TokenOutcome:
    """The credentials a token names in the deployment's own registry, verified."""
    resolution = resolve_token(token, lookup=lookup, organisation=organisation)
    return verify_resolution(resolution, ctx, at=at)


def related_report(
    diploma: Any, credential: Any, ctx: VerificationContext, *, at: Any = None, superseded_by: str | None = None,
    registry_confirmed: bool = False,
) -> VerificationReport:
    """A credential that came with `diploma` under one token, verified, with the
    ``related_resource`` check: a Diploma Supplement must carry the digest of this very
    diploma, else it belongs to another diploma (or was altered) and is invalid. A credential
    that cannot be read at all is reported with a failed format check."""
    options = Options(
        via_token=True, superseded_by=superseded_by, registry_confirmed=registry_confirmed,
        related_to=diploma if isinstance(diploma, dict) else {},
    )
    try:
        return verify_credential(credential, at=at, context=ctx, options=options)
    except Problem:
        checks = [Check.make("format", FAILED, "not_a_credential")]
        if vocab.is_supplement(credential):
            checks.append(Check.make("related_resource", FAILED, "related_resource_absent"))
        return VerificationReport(checks=checks, credential={"confirmed": False})


def token_problem(resolution: TokenResolution) -> Problem:
    if resolution.status == "expired":
        return Problem(410, "verify-link-expired")
    if resolution.status == "revoked":
        return Problem(410, "verify-link-revoked")
    return NotFound(code="unknown-verify-token")
