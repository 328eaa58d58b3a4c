"""One way in for everything a verifier is shown: a credential (JSON object or text, VC-JWT),
a presentation, the link of a Dalel verify page (this deployment's or another Dalel's), the
URL of a credential, a QR code's payload (any of those), a PDF (its embedded credential,
else its QR code) or a photo of a QR code. ``POST /api/v1/verify``, the upload page and
``dalel verify`` all call :func:`verify_any`; the VC-API routes call the pipeline or
:mod:`verifier.presentation` directly, for the one kind they accept.

Raises :class:`common.problems.Problem` (4xx / 502) for input that cannot be verified at all:
unparseable, a link that is not this deployment's and cannot be asked (``input-foreign-link``),
an unknown or expired token, a file with neither a credential nor a QR code; and
:class:`verifier.limits.OverBudget` (422) beyond the request's limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from common.errors import ResourceUnavailable
from common.problems import BadInput, Problem
from verifier import texts as _texts  # noqa: F401 - registers the problem titles
from verifier.context import VerificationContext
from verifier.files import read_file
from verifier.inputs import MAX_INPUT_BYTES, Presented, parse_bytes, parse_presented, parse_text
from verifier.limits import bounded
from verifier.lookup import CredentialLookup, remote_lookup
from verifier.pipeline import verify_credential
from verifier.presentation import PresentationOutcome, is_presentation, verify_presentation_outcome
from verifier.problems import Localised
from verifier.report import VerificationReport
from verifier.tokens import resolve_token, token_problem, verify_resolution

_SEVERITY = {"valid": 0, "untrusted": 1, "indeterminate": 2, "invalid": 3}


@dataclass
class Outcome:
    """What was verified: one credential (``report``, and ``related`` credentials that came
    with it under a link) or a presentation (``presentation``)."""

    kind: str  # "credential" | "presentation"
    report: VerificationReport | None = None
    related: list[VerificationReport] = field(default_factory=list)
    presentation: PresentationOutcome | None = None
    source: str | None = None  # "pdf-embedded" | "pdf-qr" | "image-qr" for a file

    @property
    def verdict(self) -> str:
        if self.presentation is not None:
            return self.presentation.verdict
        assert self.report is not None
        return self.report.verdict

    def to_dict(self) -> dict[str, Any]:
        if self.presentation is not None:
            body = self.presentation.to_dict()
        else:
            assert self.report is not None
            body = self.report.to_dict()
            if self.related:
                body["related"] = [r.to_dict() for r in self.related]
        if self.source:
            body["source"] = self.source
        return body


def _url_problem(exc: ResourceUnavailable) -> Problem:
    code = getattr(exc, "code", "")
    if code in ("host_not_allowed", "scheme_not_allowed", "address_not_allowed", "invalid_url"):
        return BadInput("input-url-not-allowed", str(exc))
    return Problem(502, "input-url-unavailable", str(exc))


def _foreign(origin: str) -> Problem:
    host = urlsplit(origin).netloc or origin
    return Localised(400, "input-foreign-link", "verifier.foreign_link", host=host)


class _Dispatcher:
    def __init__(self, ctx: VerificationContext, lookup: CredentialLookup | None, public_url: str | None,
                 organisation: str | None, at: Any, options: dict[str, Any] | None) -> None:
        self.ctx, self.lookup, self.public_url = ctx, lookup, public_url
        self.organisation, self.at, self.options = organisation, at, options or {}

    def run(self, presented: Presented, *, depth: int = 0) -> Outcome:
        if presented.kind == "file" and presented.data is not None and depth == 0:
            return self._file(presented.data)
        if presented.kind == "token_url" and depth < 2:
            return self._token(presented)
        if presented.kind == "url" and depth < 2:
            return self.run(self._fetch(presented.url or ""), depth=depth + 1)
        if presented.kind == "credential" and is_presentation(presented.credential):
            outcome = verify_presentation_outcome(presented.credential, self.options, self.ctx, at=self.at)
            return Outcome("presentation", presentation=outcome)
        if presented.kind in ("credential", "jwt"):
            return Outcome("credential", verify_credential(presented, at=self.at, context=self.ctx))
        raise BadInput("input-unrecognised")

    def _file(self, data: bytes) -> Outcome:
        contents = read_file(data, max_pixels=self.ctx.limits.max_image_pixels)
        for embedded in contents.credentials:
            try:
                presented = parse_bytes(embedded)
            except Problem:
                continue
            if presented.kind in ("credential", "jwt"):
                outcome = self.run(presented, depth=1)
                outcome.source = "pdf-embedded"
                return outcome
        failure: Problem | None = None
        for payload in contents.qr:
            try:
                outcome = self.run(parse_text(payload), depth=1)
            except Problem as exc:
                failure = failure or exc
                continue
            outcome.source = f"{contents.kind}-qr"
            return outcome
        raise failure or BadInput("input-unreadable-file")

    def _token(self, presented: Presented) -> Outcome:
        origin = (presented.origin or "").rstrip("/")
        own = self.public_url is not None and origin == self.public_url.rstrip("/")
        if own:
            chosen = self.lookup
        elif self.ctx.fetcher is not None and self.ctx.fetcher.allows(origin):
            chosen = remote_lookup(self.ctx.fetcher, origin)
        else:
            raise _foreign(origin)
        try:
            resolution = resolve_token(presented.token or "", lookup=chosen, organisation=self.organisation)
        except ResourceUnavailable as exc:
            raise _url_problem(exc) from None
        if resolution.status != "ok":
            raise token_problem(resolution)
        outcome = verify_resolution(resolution, self.ctx, at=self.at, own_registry=own, origin=origin)
        return Outcome("credential", outcome.report, outcome.related)

    def _fetch(self, url: str) -> Presented:
        if self.ctx.fetcher is None:
            raise BadInput("input-url-not-allowed", "no fetcher configured")
        try:
            body, _ctype = self.ctx.fetcher.get(url, max_bytes=MAX_INPUT_BYTES)
        except ResourceUnavailable as exc:
            raise _url_problem(exc) from None
        presented = parse_bytes(body)
        if presented.kind not in ("credential", "jwt"):
            raise BadInput("input-unrecognised", "the link does not lead to a credential")
        return presented


def verify_any(
    value: Any,
    ctx: VerificationContext,
    *,
    lookup: CredentialLookup | None = None,
    public_url: str | None = None,
    organisation: str | None = None,
    at: Any = None,
    options: dict[str, Any] | None = None,
) -> Outcome:
    """Verify whatever was presented (see the module docstring). `lookup` and `public_url`:
    this deployment's token registry and origin (a link of another origin is asked through
    the fetcher when its host is allowed); `options`: a presentation's VC-API options
    (``challenge``, ``domain``, ``holderBinding``)."""
    presented = parse_presented(value)
    with bounded(ctx.limits):
        return _Dispatcher(ctx, lookup, public_url, organisation, at, options).run(presented)


def worst(verdicts: list[str]) -> str:
    return max(verdicts or ["invalid"], key=_SEVERITY.__getitem__)
