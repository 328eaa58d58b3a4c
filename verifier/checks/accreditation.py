"""``accreditation``: the trust list says the institution (and, where the list has programme
entries, the programme ``credentialSubject.achievement.humanCode``) was accredited.

Time: at the award date (``validFrom``, or ``issuanceDate``), **and** at the moment the
issuer signed (its proof's ``created``, a VC-JWT's ``iat``): a credential is never accredited
by a period that had ended when it was signed, whatever award date it claims (signed in 2026
by an institution accredited until 2020, claiming 2019: not accredited)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from verifier.check import FAILED, INDETERMINATE, NOT_APPLICABLE, PASSED, Check
from verifier.trust import parse_datetime
from verifier.values import one

ID = "accreditation"


def award_moment(document: dict[str, Any]) -> datetime | None:
    """When the credential says it was awarded: ``validFrom``, else ``issuanceDate``."""
    for name in ("validFrom", "issuanceDate"):
        try:
            moment = parse_datetime(one(document.get(name)))
        except ValueError:
            return None
        if moment is not None:
            return moment
    return None


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def signed_at(run: Any) -> datetime | None:
    """When the issuer signed: the earliest ``created`` of a proof by a key of the issuer's
    DID (else of any proof)."""
    methods = run.secured.methods if run.secured is not None else ()
    issuer = run.issuer or ""
    own = [m.created for m in methods if m.created is not None and m.verification_method.split("#")[0] == issuer]
    anyone = [m.created for m in methods if m.created is not None]
    chosen = own or anyone
    return min(chosen) if chosen else None


def _programme(document: dict[str, Any]) -> str | None:
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    achievement = achievement[0] if isinstance(achievement, list) and achievement else achievement
    code = achievement.get("humanCode") if isinstance(achievement, dict) else None
    return code if isinstance(code, str) else None


def run(view: Any, run: Any, at: datetime) -> Check:
    trust = run.results.get("issuer_trust")
    if trust is None or trust.status == FAILED:
        return Check.make(ID, NOT_APPLICABLE, "not_applicable")
    if trust.status == INDETERMINATE:
        return Check.make(ID, INDETERMINATE, "trust_list_unavailable")
    found, _errors = run.trust()
    award = award_moment(view.document)
    if award is None:
        return Check.make(ID, FAILED, "not_accredited")
    days = [_day(award)]
    signed = signed_at(run)
    if signed is not None and _day(signed) != days[0]:
        days.append(_day(signed))
    programme = _programme(view.document)
    failure = None
    for _tl, entry in found:
        institution = [a for a in entry.accreditations if a.scope == "institution"]
        at_award = [a for a in institution if a.covers(days[0])]
        if not at_award:
            continue
        if not all(any(a.covers(day) for a in institution) for day in days[1:]):
            failure = failure or ("not_accredited_at_signing", {"date": days[-1].isoformat()})
            continue
        scoped = [a for a in entry.accreditations if a.scope == "programme"]
        if not scoped:
            return Check.make(ID, PASSED, "accredited", agency=at_award[0].agency)
        matching = [a for a in scoped if programme and a.programme == programme]
        if matching and all(any(a.covers(day) for a in matching) for day in days):
            return Check.make(ID, PASSED, "programme_accredited", agency=matching[0].agency)
        failure = ("programme_not_accredited", {"programme": programme or "?"})
    if failure is not None:
        return Check.make(ID, FAILED, failure[0], **failure[1])
    return Check.make(ID, FAILED, "not_accredited")
