"""Verifying one credential: parse, secure once, build the verified view once, run the
registry of :mod:`verifier.checks` in order, derive the verdict.

:func:`verify_credential` takes a JSON object or text, a VC-JWT, or a parsed
:class:`verifier.inputs.Presented`; links, tokens, presentations, PDFs and images are sorted
out first by :mod:`verifier.dispatch`. The whole verification runs inside the request's
limits (:func:`verifier.limits.bounded`): over them, :class:`verifier.limits.OverBudget`
(422) is raised; for anything else the answer is a report, never an exception.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from common.problems import BadInput
from verifier.check import FAILED, NOT_APPLICABLE, Check
from verifier.checks import REGISTRY
from verifier.checks.issuer_trust import claimed_name, name_differs
from verifier.context import VerificationContext, default_context
from verifier.inputs import Presented, decode_jwt_credential, parse_presented
from verifier.limits import bounded
from verifier.report import VerificationReport
from verifier.run import Options, Run
from verifier.securing import Secured, secure_data_integrity, secure_jwt
from verifier.summary import credential_summary, language_values
from verifier.trust import parse_datetime
from verifier.values import types_of
from verifier.view import VerifiedView, ViewError, build_view


def parse_moment(at: datetime | date | str | None) -> datetime:
    """`at` as an aware instant (None: now; a date: its midnight UTC). Raises BadInput."""
    if at is None:
        return datetime.now(UTC)
    if isinstance(at, str):
        try:
            moment = parse_datetime(at if "T" in at else at + "T00:00:00Z")
        except ValueError:
            moment = None
        if moment is None:
            raise BadInput("input-bad-date", "expected YYYY-MM-DD or an XML Schema dateTime")
        return moment
    if isinstance(at, datetime):
        return at if at.tzinfo else at.replace(tzinfo=UTC)
    return datetime(at.year, at.month, at.day, tzinfo=UTC)


_now = parse_moment  # the name `dalel verify --at` once used


def _secure(presented: Presented, ctx: VerificationContext) -> tuple[Secured | None, dict[str, Any] | None, dict]:
    """(securing outcome, the credential the view is built from, the JWS header)."""
    if presented.kind == "jwt" and presented.jwt:
        header, unverified = decode_jwt_credential(presented.jwt)
        secured, verified = secure_jwt(presented.jwt, header, ctx.resolver)
        if isinstance(verified, dict) and isinstance(verified.get("vc"), dict):
            verified = verified["vc"]
        return secured, verified if verified is not None else unverified, header
    document = presented.credential
    if not isinstance(document, dict):
        return None, None, {}
    return secure_data_integrity(document, ctx.resolver, ctx.limits), document, {}


def _view(document: Any, presented: Presented, header: dict) -> tuple[VerifiedView | None, ViewError | None]:
    try:
        return build_view(document, jwt=presented.jwt, jwt_header=header), None
    except ViewError as exc:
        return None, exc


def run_checks(run: Run) -> list[Check]:
    """The registry, in order: each check on the view; gated checks only when format and
    proof did not fail; optional checks only when they apply."""
    checks = []
    for spec in REGISTRY:
        blocked = spec.gated and (
            run.view is None or any(c.status == FAILED for i in ("format", "proof") if (c := run.results.get(i)))
        )
        check = Check.make(spec.id, NOT_APPLICABLE, "not_checked") if blocked else spec.run(run.view, run, run.at)
        if spec.optional and check.status == NOT_APPLICABLE:
            continue
        run.results[spec.id] = check
        checks.append(check)
    return checks


def summarise(run: Run, report: VerificationReport) -> dict[str, Any]:
    """What a person reads, from the view only: nothing when the signature failed; marked
    ``confirmed`` or not; the institution's name from the trust list."""
    if run.view is None:
        return {"confirmed": False}
    if report.genuine is False:  # only what kind of document it claims to be, to label it
        return {"confirmed": False, "type": types_of(run.view.document.get("type"))}
    summary = credential_summary(run.view.document)
    summary["confirmed"] = report.confirmed
    claimed = language_values(claimed_name(run.view.document))
    found = run.trust()[0] if "issuer_trust" in run.results and run.results["issuer_trust"].ok else []
    if found:
        listed = found[0][1].name
        summary["institution"] = language_values(listed) or summary.get("institution")
        if name_differs(claimed, listed):
            summary["institution_claimed"] = claimed
    else:
        summary["institution"] = None
        if claimed:
            summary["institution_claimed"] = claimed
    return summary


def verify_credential(
    credential: Any,
    *,
    at: datetime | date | str | None = None,
    context: VerificationContext | None = None,
    via_token: bool = False,
    superseded_by: str | None = None,
    options: Options | None = None,
) -> VerificationReport:
    """Verify one credential (a JSON object, JSON text, a VC-JWT, or a :class:`Presented`).

    `at`: the moment judged (default now); `context`: the deployment's verification context
    (default :func:`verifier.context.default_context`); `via_token` / `superseded_by`: the
    credential came from a Dalel token lookup (or give `options`). Raises
    :class:`common.problems.BadInput` for input that cannot be parsed at all, and
    :class:`verifier.limits.OverBudget` beyond the request's limits."""
    ctx = context or default_context()
    moment = parse_moment(at)
    presented = parse_presented(credential)
    if presented.kind not in ("credential", "jwt") or presented.credential is None:
        raise BadInput("input-unrecognised", "links are resolved by verifier.dispatch")
    options = options or Options(via_token=via_token, superseded_by=superseded_by)
    with bounded(ctx.limits):
        if ctx.trust.configured:
            ctx.trust.lists()  # first: a verified trust list adds its institutions' hosts to the allowlist
        secured, document, header = _secure(presented, ctx)
        view, error = _view(document, presented, header)
        run = Run(ctx, moment, moment if at is not None else None, presented, view, error, secured, options)
        checks = run_checks(run)
        verified_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        report = VerificationReport(checks=checks, verified_at=verified_at)
        report.credential = summarise(run, report)
    return report
