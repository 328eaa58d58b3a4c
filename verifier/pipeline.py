"""The named-check pipeline: format, proof, issuer_key, issuer_trust, accreditation,
validity_period, status_revocation, status_suspension, supersession.

Each check is a small function returning a :class:`verifier.report.Check`; none raises on
bad input. The verdict is derived from the list (:func:`verifier.report.derive_verdict`).
"""

from __future__ import annotations

import inspect
import logging
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from common.errors import ResourceUnavailable
from verifier.context import VerificationContext, default_context
from verifier.inputs import Presented, parse_presented
from verifier.messages import check_message
from verifier.report import Check, VerificationReport
from verifier.schemas import load_schema, schema_name_for
from verifier.summary import _date_of, _types, credential_summary
from verifier.trust import issuer_of, parse_datetime

log = logging.getLogger("dalel.verifier")

CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"

_KEY_FAILURES = {
    "key_not_found",
    "key_revoked",
    "key_expired",
    "controller_mismatch",
    "not_assertion_method",
    "unsupported_key_type",
    "invalid_did",
    "did_document_invalid",
    "unsupported_did_method",
    "key_type_mismatch",
}


# --------------------------------------------------------------------------- helpers



def _contexts(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _proofs(credential: dict[str, Any]) -> list[dict[str, Any]]:
    proof = credential.get("proof")
    items = proof if isinstance(proof, list) else [proof] if proof is not None else []
    return [p for p in items if isinstance(p, dict)]


def _status_entries(credential: dict[str, Any]) -> list[dict[str, Any]]:
    status = credential.get("credentialStatus")
    items = status if isinstance(status, list) else [status] if status is not None else []
    return [s for s in items if isinstance(s, dict)]



# --------------------------------------------------------------------------- checks


def check_format(credential: Any, ctx: VerificationContext) -> Check:
    if not isinstance(credential, dict):
        return Check.make("format", "failed", "not_a_credential")
    contexts = _contexts(credential.get("@context"))
    if not contexts or contexts[0] not in (CREDENTIALS_V1, CREDENTIALS_V2):
        return Check.make("format", "failed", "not_a_credential")
    if "VerifiableCredential" not in _types(credential.get("type")):
        if "VerifiablePresentation" in _types(credential.get("type")):
            return Check.make("format", "failed", "presentation")
        return Check.make("format", "failed", "not_a_credential")
    if not issuer_of(credential):
        return Check.make("format", "failed", "missing_issuer")
    subject = credential.get("credentialSubject")
    if not (isinstance(subject, dict) and subject) and not (
        isinstance(subject, list) and subject and all(isinstance(s, dict) for s in subject)
    ):
        return Check.make("format", "failed", "missing_subject")
    dates_v2 = ("validFrom", "validUntil")
    dates_v1 = ("issuanceDate", "expirationDate")
    for name in dates_v2 + dates_v1:
        if name in credential:
            try:
                if parse_datetime(credential[name]) is None:
                    raise ValueError
            except ValueError:
                return Check.make("format", "failed", "invalid_date")
    if contexts[0] == CREDENTIALS_V1 and "issuanceDate" not in credential:
        return Check.make("format", "failed", "invalid_date")
    from keys.vcdm import credential_problems

    problems = credential_problems(credential)
    if problems:
        first = problems[0]
        return Check("format", "failed", first.code, {lang: first.message(lang) for lang in ("kk", "ru", "en")})
    name = schema_name_for(credential)
    if name:
        problem = _schema_problem(credential, name)
        if problem:
            return Check.make("format", "failed", "schema_invalid", detail=problem)
    if ctx.check_jsonld:
        from keys import jsonld

        unsecured = {k: v for k, v in credential.items() if k != "proof"}
        try:
            # canonize, not expand: the same unsecured document is canonicalised again by
            # an RDFC proof check, which then finds it in keys.jsonld's memo
            jsonld.canonize(unsecured)
        except jsonld.JsonLdError as exc:
            code = exc.code if exc.code in ("unknown_context", "undefined_term") else "jsonld_error"
            return Check.make("format", "failed", code)
    return Check.make("format", "passed", "well_formed")


@lru_cache(maxsize=8)
def _validator(name: str):
    """One compiled validator per shipped schema (built once, not per verification)."""
    import jsonschema

    schema = load_schema(name)
    return None if schema is None else jsonschema.Draft202012Validator(schema)


def _schema_problem(credential: dict[str, Any], name: str) -> str | None:
    import jsonschema

    validator = _validator(name)
    if validator is None:
        return None
    error = jsonschema.exceptions.best_match(validator.iter_errors(credential))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(document)"
    return f"{name}: {where}"


def check_proof(presented: Presented, credential: dict[str, Any], ctx: VerificationContext, at: datetime) -> Check:
    if presented.kind == "jwt" and presented.jwt:
        return _check_jwt(presented.jwt, ctx)
    from keys.dataintegrity import verify_proofs

    # the issuer binding is the issuer_key check's job (one proof by the issuer itself; others,
    # e.g. a joint degree's second institution or a chained endorsement, may be by other keys):
    # leave it out here when the securing layer allows
    kwargs = {"check_controller": False} if _accepts(verify_proofs, "check_controller") else {}
    results = verify_proofs(credential, ctx.resolver, **kwargs)
    if results and all(r.ok for r in results):
        return Check.make("proof", "passed", "valid")
    failures = [r for r in results if not r.ok]
    hard = [r for r in failures if r.code != "key_unreachable"]
    if not hard:
        return Check.make("proof", "skipped", "key_unavailable")
    return Check.make("proof", "failed", hard[0].code)


def _accepts(function: Any, parameter: str) -> bool:
    try:
        return parameter in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def _check_jwt(token: str, ctx: VerificationContext) -> Check:
    try:
        from keys.jose import verify_vc_jwt
    except ImportError:
        return Check.make("proof", "skipped", "jwt_unavailable")
    _credential, result = verify_vc_jwt(token, ctx.resolver)
    ok = getattr(result, "ok", False)
    if ok:
        return Check.make("proof", "passed", "valid")
    code = str(getattr(result, "code", "invalid_signature"))
    if code == "key_unreachable":
        return Check.make("proof", "skipped", "key_unavailable")
    return Check.make("proof", "failed", code)


def _verification_methods(presented: Presented, credential: dict[str, Any]) -> list[tuple[str, datetime | None]]:
    if presented.kind == "jwt" and presented.jwt:
        from verifier.inputs import decode_jwt_credential

        header, _ = decode_jwt_credential(presented.jwt)
        kid = header.get("kid")
        issued = None
        return [(kid, issued)] if isinstance(kid, str) else []
    out = []
    for proof in _proofs(credential):
        vm = proof.get("verificationMethod")
        if isinstance(vm, dict):
            vm = vm.get("id")
        try:
            created = parse_datetime(proof.get("created"))
        except ValueError:
            created = None
        if isinstance(vm, str):
            out.append((vm, created))
    return out


def check_issuer_key(presented: Presented, credential: dict[str, Any], ctx: VerificationContext) -> Check:
    from keys.signer import KeyResolutionError

    issuer = issuer_of(credential)
    methods = _verification_methods(presented, credential)
    if not methods or not issuer:
        return Check.make("issuer_key", "failed", "key_not_found")
    signed_by_issuer = False
    compromised_later = None  # the compromise time of an issuer key whose proof predates it
    for vm, created in methods:
        if vm.startswith("#"):
            vm = issuer + vm
        try:
            key = ctx.resolver.resolve_key(vm)
        except KeyResolutionError as exc:
            if exc.unreachable:
                return Check.make("issuer_key", "skipped", "did_unavailable")
            return Check.make("issuer_key", "failed", exc.code or "key_not_found")
        except ResourceUnavailable:
            return Check.make("issuer_key", "skipped", "did_unavailable")
        if created is not None:
            reason = key.usable_at(created)
            if reason:
                return Check.make("issuer_key", "failed", reason)
        elif key.revoked is not None:
            return Check.make("issuer_key", "failed", "key_revoked")
        # a proof by someone else (a joint degree's other institution, an endorsement, a chained
        # proof) is allowed beside the issuer's own, never instead of it: co-issuers named in the
        # credential are the signer's own claim, so a forger could name itself one and sign
        # alone for a trusted issuer
        signed_by_issuer = signed_by_issuer or key.controller == issuer
        if key.controller == issuer and key.revoked is not None:
            compromised_later = key.revoked
    if not signed_by_issuer:
        return Check.make("issuer_key", "failed", "controller_mismatch")
    if compromised_later is not None:
        # valid as dated, but a key's thief can backdate `created`: say so, never silently
        return Check.make("issuer_key", "warning", "key_compromised_later", date=compromised_later.date().isoformat())
    return Check.make("issuer_key", "passed", "key_valid")


def check_trust(credential: dict[str, Any], ctx: VerificationContext, at: datetime) -> tuple[Check, Check]:
    issuer = issuer_of(credential)
    if not ctx.trust.configured:
        return (
            Check.make("issuer_trust", "failed", "no_trust_list"),
            Check.make("accreditation", "skipped", "not_applicable"),
        )
    found, errors = ctx.trust.find(issuer or "", at)
    if not found:
        usable_count = len(ctx.trust.sources) - len(errors)
        if errors and any(e.code == "trust_list_unavailable" for e in errors) or usable_count == 0:
            return (
                Check.make("issuer_trust", "skipped", "trust_list_unavailable"),
                Check.make("accreditation", "skipped", "trust_list_unavailable"),
            )
        return (
            Check.make("issuer_trust", "failed", "issuer_not_trusted"),
            Check.make("accreditation", "skipped", "not_applicable"),
        )
    trust_check = Check.make("issuer_trust", "passed", "issuer_trusted", list=", ".join(tl.label for tl, _ in found))
    return trust_check, _accreditation(credential, found)


def _accreditation(credential: dict[str, Any], found: list) -> Check:
    award = _date_of(credential)
    if award is None:
        return Check.make("accreditation", "failed", "not_accredited")
    day: date = award.astimezone(UTC).date()
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict) else {}
    programme = achievement.get("humanCode") if isinstance(achievement.get("humanCode"), str) else None
    programme_failure = None
    for _tl, entry in found:
        institution = [a for a in entry.accreditations if a.scope == "institution" and a.covers(day)]
        if not institution:
            continue
        programme_scoped = [a for a in entry.accreditations if a.scope == "programme"]
        if not programme_scoped:
            return Check.make("accreditation", "passed", "accredited", agency=institution[0].agency)
        matching = [a for a in programme_scoped if programme and a.programme == programme and a.covers(day)]
        if matching:
            return Check.make("accreditation", "passed", "programme_accredited", agency=matching[0].agency)
        programme_failure = programme or "?"
    if programme_failure is not None:
        return Check.make("accreditation", "failed", "programme_not_accredited", programme=programme_failure)
    return Check.make("accreditation", "failed", "not_accredited")


def check_validity(credential: dict[str, Any], at: datetime) -> Check:
    try:
        start = parse_datetime(credential.get("validFrom") or credential.get("issuanceDate"))
        end = parse_datetime(credential.get("validUntil") or credential.get("expirationDate"))
    except ValueError:
        return Check.make("validity_period", "failed", "invalid_date")
    if start is not None and at < start:
        return Check.make("validity_period", "failed", "not_yet_valid", date=start.date().isoformat())
    if end is not None and at > end:
        return Check.make("validity_period", "failed", "expired", date=end.date().isoformat())
    return Check.make("validity_period", "passed", "within_validity")


# --------------------------------------------------------------------------- status

STATUS_LIST_MAX_BYTES = 3 * 1024 * 1024


def _status_checker(ctx: VerificationContext):
    """``verifier.status.check_credential_status`` unless the context brings its own."""
    if ctx.status_checker is not None:
        return ctx.status_checker
    from verifier.status import check_credential_status

    return check_credential_status


def _fetch_json(ctx: VerificationContext):
    if ctx.fetcher is None:
        def unavailable(url: str) -> Any:
            raise ResourceUnavailable(f"{url}: no fetcher")

        return unavailable
    return lambda url: ctx.fetcher.get_json(url, max_bytes=STATUS_LIST_MAX_BYTES)


def _from_status_check(check_id: str, result: Any) -> Check:
    """A pipeline check from a ``verifier.status.StatusCheck`` (status passed | failed |
    indeterminate, code, messages()). Indeterminate becomes ``skipped`` with an
    ``*_unavailable`` code (what makes the verdict indeterminate)."""
    status = getattr(result, "status", None)
    code = str(getattr(result, "code", "") or "status_invalid")
    messages = result.messages() if hasattr(result, "messages") else None
    if status == "passed":
        return Check(check_id, "passed", code, messages or check_message(check_id, "passed", code))
    if status == "failed":
        return Check(check_id, "failed", code, messages or check_message(check_id, "failed", code))
    skipped_code = code if code.endswith("_unavailable") else f"{code}_unavailable"
    return Check(check_id, "skipped", skipped_code, messages or check_message(check_id, "skipped", "skipped"))


def check_statuses(
    credential: dict[str, Any], ctx: VerificationContext, at: datetime | None
) -> tuple[Check, Check]:
    """status_revocation and status_suspension from every status entry of the credential.
    `at` (None = now) asks for the status as of that moment."""
    entries = _status_entries(credential)
    purposes = {e.get("statusPurpose") for e in entries}
    checks: dict[str, Check] = {}
    for check_id, purpose in (("status_revocation", "revocation"), ("status_suspension", "suspension")):
        if purpose not in purposes:
            checks[purpose] = Check.make(check_id, "skipped", "not_applicable")
    needed = [p for p in ("revocation", "suspension") if p not in checks]
    if not needed:
        return checks["revocation"], checks["suspension"]
    checker = _status_checker(ctx)
    results: list[Any] = []
    if checker is not None:
        try:
            results = list(
                checker(credential, fetch_json=_fetch_json(ctx), resolve_key=ctx.resolver, at=at, cache=ctx.status_cache)
            )
        except ResourceUnavailable:
            results = []
        except Exception as exc:  # noqa: BLE001 - the verifier never raises on a credential
            log.warning("status check raised", extra={"error": type(exc).__name__})
            for purpose in needed:
                check_id = "status_revocation" if purpose == "revocation" else "status_suspension"
                checks[purpose] = Check.make(check_id, "failed", "status_invalid")
    for purpose in needed:
        if purpose in checks:
            continue
        check_id = "status_revocation" if purpose == "revocation" else "status_suspension"
        mine = [r for r in results if getattr(r, "purpose", None) == purpose]
        if checker is None:
            checks[purpose] = Check.make(check_id, "skipped", "status_check_unavailable")
        elif not mine:
            checks[purpose] = Check.make(check_id, "skipped", "status_list_unavailable")
        else:
            converted = [_from_status_check(check_id, r) for r in mine]
            # several entries of one purpose: a failure wins, then an unknown, then passed
            converted.sort(key=lambda c: {"failed": 0, "skipped": 1}.get(c.status, 2))
            checks[purpose] = converted[0]
    return checks["revocation"], checks["suspension"]


def check_supersession(via_token: bool, superseded_by: str | None) -> Check:
    if not via_token:
        return Check.make("supersession", "skipped", "not_applicable")
    if superseded_by:
        return Check.make("supersession", "warning", "superseded", link=superseded_by)
    return Check.make("supersession", "passed", "not_superseded")


# --------------------------------------------------------------------------- the pipeline


def _now(at: datetime | date | str | None) -> datetime:
    if at is None:
        return datetime.now(UTC)
    if isinstance(at, str):
        from common.problems import BadInput

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


def verify_credential(
    credential: Any,
    *,
    at: datetime | date | str | None = None,
    context: VerificationContext | None = None,
    via_token: bool = False,
    superseded_by: str | None = None,
) -> VerificationReport:
    """Verify one credential (a JSON object, JSON text, a VC-JWT, or a :class:`Presented`).

    `at`: the moment for the validity period (default now); `context`: the deployment's
    verification context (default: :func:`verifier.context.default_context`); `via_token`
    and `superseded_by`: set when the credential came from a Dalel token lookup.
    Raises :class:`common.problems.BadInput` only for input that cannot be parsed at all."""
    ctx = context or default_context()
    moment = _now(at)
    presented = parse_presented(credential)
    if presented.kind not in ("credential", "jwt") or presented.credential is None:
        from common.problems import BadInput

        raise BadInput("input-unrecognised", "links are resolved by verifier.service.verify_input")
    document = presented.credential
    if ctx.trust.configured:
        ctx.trust.lists(moment)  # first: a verified trust list adds its institutions' hosts to the allowlist
    checks: list[Check] = []
    fmt = check_format(document, ctx)
    checks.append(fmt)
    proof = check_proof(presented, document, ctx, moment)
    checks.append(proof)
    checks.append(check_issuer_key(presented, document, ctx))
    checks.extend(check_trust(document, ctx, moment))
    checks.append(check_validity(document, moment))
    checks.extend(check_statuses(document, ctx, moment if at is not None else None))
    checks.append(check_supersession(via_token, superseded_by))
    verified_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return VerificationReport(checks=checks, credential=credential_summary(document), verified_at=verified_at)
