"""Issuance: from rows (a cohort file, a JSON request) to signed diplomas and supplements.

:func:`issue_batch` validates every row first (:mod:`issuer.validation`, row models in
:mod:`issuer.rows`) and reports each problem (row, column, message in the chosen language); if
any row fails nothing is issued. Otherwise every row is issued in
one database transaction: graduate, number (allocated or supplied), two status entries per
credential, the diploma and its supplement signed ``eddsa-rdfc-2022`` by the institution's
active key, and one audit row each. Re-running the same rows issues nothing twice: a row is
identified by (institution, keyed IIN hash, programme, award date).

Only an active responsible person's token with scope ``issue`` for their own institution
may issue (:class:`issuer.auth.Actor`).
"""

from __future__ import annotations

import secrets
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import base58
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from common import i18n
from common.problems import Problem
from common.timestamps import utcnow
from issuer import audit
from issuer.auth import Actor
from issuer.credentials import DIPLOMA_SCHEMA, SUPPLEMENT_SCHEMA, build_diploma, schema_errors
from issuer.lookup import get_institution
from issuer.models import (
    Accreditation,
    Diploma,
    Graduate,
    Institution,
    ResponsiblePerson,
    Supplement,
    stored_id,
)
from issuer.numbering import allocate_number, display
from issuer.pii import PiiVault
from issuer.rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, SUPPLEMENT_COLUMNS, DiplomaRow, RowError
from issuer.status import allocate_status_entries
from issuer.supplement import build_supplement
from issuer.validation import validate_rows
from keys.dataintegrity import add_proof
from keys.service import active_signer
from keys.vcdm import credential_problems

__all__ = [
    "OPTIONAL_COLUMNS", "REQUIRED_COLUMNS", "SUPPLEMENT_COLUMNS", "BatchResult", "IssuedDiploma",
    "issue_batch", "issue_diploma", "new_verify_token", "verify_url",
]



class IssuerSettings(Protocol):
    """What issuance needs from the deployment settings (dalel.settings.Settings fits)."""

    public_url: str
    data_dir: Path
    number_width: int


@dataclass
class IssuedDiploma:
    row: int
    series: str
    number: str
    display: str
    uuid: str
    credential_id: str
    supplement_id: str | None
    verify_token: str
    verify_url: str
    created: bool
    diploma: dict[str, Any] = field(repr=False, default_factory=dict)
    supplement: dict[str, Any] | None = field(repr=False, default=None)

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "series": self.series,
            "number": self.number,
            "display": self.display,
            "credential_id": self.credential_id,
            "supplement_id": self.supplement_id,
            "verify_url": self.verify_url,
            "created": self.created,
        }


@dataclass
class BatchResult:
    institution: str
    dry_run: bool
    diplomas: list[IssuedDiploma]
    to_issue: int = 0
    already_issued: int = 0

    def manifest(self) -> dict[str, Any]:
        return {
            "institution": self.institution,
            "dry_run": self.dry_run,
            "to_issue": self.to_issue,
            "already_issued": self.already_issued,
            "diplomas": [d.manifest_entry() for d in self.diplomas],
        }


def new_verify_token() -> str:
    """A permanent verify token: 160 random bits, base58."""
    return base58.b58encode(secrets.token_bytes(20)).decode("ascii")


def verify_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/v/{token}"


# --------------------------------------------------------------------------- issuing


def _sign(document: dict[str, Any], signer: Any) -> dict[str, Any]:
    problems = credential_problems(document)
    if problems:
        raise Problem(500, "issuance-failed", f"{problems[0].field}: {problems[0].message('en')}")

    return add_proof(document, signer, cryptosuite="eddsa-rdfc-2022")


def _check_schema(name: str, document: dict[str, Any]) -> None:
    problems = schema_errors(name, document)
    if problems:
        raise Problem(500, "issuance-failed", f"{name} credential fails its JSON Schema: {problems[0]}")


def _graduate(session: Session, institution: Institution, row: DiplomaRow, vault: PiiVault) -> Graduate:
    grad = session.exec(
        select(Graduate).where(Graduate.institution_id == institution.id, Graduate.iin_hash == row.iin_hash)
    ).first()
    full = " ".join(p for p in (row.family_name, row.given_name, row.patronymic) if p)
    if grad is None:
        grad = Graduate(institution_id=stored_id(institution), family_name=row.family_name, given_name=row.given_name,
                        patronymic=row.patronymic, name_latin=row.name_latin, iin_hash=row.iin_hash,
                        created_at=utcnow())
    grad.family_name, grad.given_name, grad.patronymic = row.family_name, row.given_name, row.patronymic
    grad.name_latin = row.name_latin
    grad.name_kk = row.names.get("kk") or full
    grad.name_ru = row.names.get("ru") or full
    grad.name_en = row.names.get("en") or row.name_latin
    grad.iin_encrypted = vault.encrypt(row.iin)
    if row.date_of_birth:
        grad.birth_date_encrypted = vault.encrypt(row.date_of_birth.isoformat())
    session.add(grad)
    session.flush()
    return grad


def _existing_result(session: Session, row: DiplomaRow, diploma: Diploma, public_url: str) -> IssuedDiploma:
    supplement = session.exec(select(Supplement).where(Supplement.diploma_id == diploma.id)).first()
    return IssuedDiploma(
        row=row.row, series=diploma.series, number=diploma.number, display=display(diploma.series, diploma.number),
        uuid=diploma.uuid, credential_id=diploma.credential_id,
        supplement_id=supplement.credential.get("id") if supplement else None,
        verify_token=diploma.verify_token, verify_url=verify_url(public_url, diploma.verify_token), created=False,
        diploma=diploma.credential, supplement=supplement.credential if supplement else None,
    )


def _accreditation_status(session: Session, institution: Institution) -> list[dict[str, Any]]:
    rows = session.exec(select(Accreditation).where(Accreditation.institution_id == institution.id))
    return [
        {"agency": a.agency, "scope": a.scope, "programme": a.programme_code, "validFrom": a.valid_from.isoformat(),
         "validUntil": a.valid_until.isoformat() if a.valid_until else None}
        for a in rows
    ]


def _issue_one(
    session: Session, signer: Any, settings: IssuerSettings, institution: Institution, person: ResponsiblePerson,
    row: DiplomaRow, vault: PiiVault, taken: set[tuple[str, str]], accreditations: list[dict[str, Any]],
    request_id: str | None,
) -> IssuedDiploma:
    public_url = settings.public_url
    graduate = _graduate(session, institution, row, vault)
    number = row.number
    if number is None:
        number = allocate_number(session, row.series, settings.number_width,
                                 taken={n for s, n in taken if s == row.series})
    taken.add((row.series, number))
    diploma_uuid, supplement_uuid = str(uuidlib.uuid4()), str(uuidlib.uuid4())
    token = new_verify_token()
    unsigned = build_diploma(
        public_url=public_url,
        uuid=diploma_uuid,
        institution=institution,
        programme=row.programme,
        graduate=graduate,
        iin=row.iin,
        vault=vault,
        series=row.series,
        number=number,
        award_date=row.award_date,
        honours=row.honours,
        status_entries=allocate_status_entries(session, institution.slug, public_url),
    )
    signed = _sign(unsigned, signer)
    _check_schema(DIPLOMA_SCHEMA, signed)
    diploma = Diploma(
        uuid=diploma_uuid,
        institution_id=stored_id(institution),
        series=row.series,
        number=number,
        graduate_id=stored_id(graduate),
        programme_id=stored_id(row.programme),
        award_date=row.award_date,
        honours=row.honours,
        credential=signed,
        verify_token=token,
        row_key=row.row_key,
        created_by=person.id,
        created_at=utcnow(),
    )
    session.add(diploma)
    session.flush()
    supplement_doc = build_supplement(
        public_url=public_url, uuid=supplement_uuid, diploma=signed, institution=institution,
        programme=row.programme, graduate=graduate, iin=row.iin, vault=vault, series=row.series, number=number,
        award_date=row.award_date, honours=row.honours, courses=row.courses, gpa=row.gpa,
        grading_scheme=row.grading_scheme, classification=row.classification,
        certified_by={"name": person.name, "capacity": person.position, "order": person.order_number},
        accreditations=accreditations,
        status_entries=allocate_status_entries(session, institution.slug, public_url),
    )
    supplement_signed = _sign(supplement_doc, signer)
    _check_schema(SUPPLEMENT_SCHEMA, supplement_signed)
    session.add(Supplement(
        uuid=supplement_uuid, diploma_id=stored_id(diploma), credential=supplement_signed, courses=row.courses,
        gpa=row.gpa, grading_scheme=row.grading_scheme, classification=row.classification, created_at=utcnow(),
    ))
    audit.append(
        session, action="issue", subject=display(row.series, number), actor_person_id=person.id,
        order_number=person.order_number, request_id=request_id,
        details={"institution": institution.slug, "credential": signed["id"], "supplement": supplement_signed["id"],
                 "programme": row.programme.code, "award_date": row.award_date.isoformat()},
    )
    return IssuedDiploma(
        row=row.row, series=row.series, number=number, display=display(row.series, number), uuid=diploma_uuid,
        credential_id=signed["id"], supplement_id=supplement_signed["id"], verify_token=token,
        verify_url=verify_url(public_url, token), created=True, diploma=signed, supplement=supplement_signed,
    )


def _authorise(session: Session, actor: Actor, institution: Institution) -> ResponsiblePerson:
    actor.require("issue", institution.slug)
    if actor.person_id is None:
        raise Problem(403, "person-required")
    person = session.get(ResponsiblePerson, actor.person_id)
    if person is None or person.institution_id != institution.id:
        raise Problem(403, "wrong-institution", institution.slug)
    return person


def issue_batch(
    session: Session,
    keystore: Any,
    settings: IssuerSettings,
    *,
    institution: str,
    rows: list[dict[str, Any]],
    supplement_rows: list[dict[str, Any]] | None = None,
    actor: Actor,
    lang: str = "kk",
    dry_run: bool = False,
    request_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Validate all rows, then issue all of them in one transaction (or nothing).

    Raises Problem 422 ``batch-invalid`` with ``errors`` = [{row, column, message, code,
    file}] if any row fails. With `dry_run` nothing is written and no number is taken.
    """
    inst = get_institution(session, institution)
    person = _authorise(session, actor, inst)
    if not rows:
        no_rows = i18n.t("The file has no diploma rows (template: dalel issue template)", lang)
        raise batch_invalid([RowError(1, "", no_rows, "no_rows")], lang)
    vault = PiiVault.from_data_dir(settings.data_dir)
    for attempt in range(2):
        parsed, errors = validate_rows(session, inst, rows, supplement_rows, vault=vault, lang=lang,
                                       width=settings.number_width)
        if errors:
            session.rollback()
            raise batch_invalid(errors, lang)
        existing = {
            r.row_key: session.exec(select(Diploma).where(Diploma.row_key == r.row_key)).first()
            for r in parsed
        }
        result = BatchResult(institution=inst.slug, dry_run=dry_run, diplomas=[],
                             already_issued=sum(1 for d in existing.values() if d is not None))
        result.to_issue = len(parsed) - result.already_issued
        if dry_run:
            result.diplomas = [_existing_result(session, r, d, settings.public_url)
                               for r in parsed if (d := existing[r.row_key]) is not None]
            session.rollback()
            return result
        try:
            _issue_rows(session, keystore, settings, inst, person, parsed, existing, vault, result,
                        request_id=request_id, progress=progress)
            session.commit()
            return result
        except IntegrityError:
            # a concurrent run issued some of these rows (or took a supplied number): look again
            session.rollback()
            if attempt == 1:
                raise Problem(409, "conflict", i18n.t("Another request is issuing the same rows; try again later",
                                                      lang)) from None
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def batch_invalid(errors: list[RowError], lang: str) -> Problem:
    """Problem 422 ``batch-invalid``: how many errors (a sentence), and each of them."""
    summary = i18n.nt("{count} error found", "{count} errors found", len(errors), lang)
    return Problem(422, "batch-invalid", summary, errors=[e.to_dict() for e in errors])


def _issue_rows(
    session: Session, keystore: Any, settings: IssuerSettings, inst: Institution, person: ResponsiblePerson,
    parsed: list[DiplomaRow], existing: dict[str, Diploma | None], vault: PiiVault, result: BatchResult, *,
    request_id: str | None, progress: Callable[[int, int], None] | None,
) -> None:
    """Every validated row, in order: the diploma issued before, or a newly issued one."""
    signer = None
    if result.to_issue:
        audit.lock(session)
        signer = active_signer(session, keystore, inst.slug, settings.public_url)
    taken: set[tuple[str, str]] = set()
    accreditations = _accreditation_status(session, inst)
    for done, r in enumerate(parsed, start=1):
        d = existing[r.row_key]
        if d is not None:
            result.diplomas.append(_existing_result(session, r, d, settings.public_url))
        else:
            result.diplomas.append(
                _issue_one(session, signer, settings, inst, person, r, vault, taken, accreditations, request_id)
            )
        if progress:
            progress(done, len(parsed))


def issue_diploma(
    session: Session,
    keystore: Any,
    settings: IssuerSettings,
    *,
    institution: str,
    data: dict[str, Any],
    actor: Actor,
    lang: str = "kk",
    request_id: str | None = None,
) -> IssuedDiploma:
    """Issue one diploma (and its supplement) from a JSON object with the batch columns and
    an optional ``courses`` list of supplement rows (without ``iin``)."""
    row = {k: v for k, v in data.items() if k != "courses"}
    row["_row"] = 1
    if data.get("courses") is not None and not isinstance(data.get("courses"), list):
        not_a_list = i18n.t("courses must be a list of courses (a JSON array)", lang)
        raise batch_invalid([RowError(1, "courses", not_a_list, "invalid_courses", "supplements")], lang)
    courses = [
        {**c, "iin": data.get("iin"), "programme_code": data.get("programme_code"), "_row": i}
        for i, c in enumerate(data.get("courses") or [], start=1)
        if isinstance(c, dict)
    ]
    result = issue_batch(session, keystore, settings, institution=institution, rows=[row], supplement_rows=courses,
                         actor=actor, lang=lang, request_id=request_id)
    return result.diplomas[0]
