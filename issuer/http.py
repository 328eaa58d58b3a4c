"""HTTP routes of the registrar (role ``issuer``), the published schemas (``public``) and the
trust list (role ``ministry``). Thin: parse, call one service function, render.

Public dereference of a credential id (``GET /credentials/{uuid}``) returns a *stub*, not
the credential: its id, type, issuer, validFrom, series/number and whether a newer
credential supersedes it (``supersededBy``). The credential itself reaches a verifier
through its holder (the verify token in the QR code, a share link, a file); the supplement's
grades and the graduate's name are never served to whoever knows an id.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from common import i18n, vocab
from common.jsonbody import StrictJSONRoute, is_json, read_model
from common.openapi import component_ref, problem_responses
from common.problems import BadInput, NotFound
from common.web import db_session, get_ctx, request_language
from issuer import api_models as api
from issuer import batch as batch_io
from issuer import lookup
from issuer.auth import Actor, current_actor, require_scope
from issuer.credentials import SCHEMA_NAMES, load_schema
from issuer.lookup import get_institution
from issuer.models import Diploma, Institution, Programme
from issuer.service import IssuedDiploma, issue_batch, issue_diploma, verify_url
from issuer.trustlist import signed_trust_list

router = APIRouter(tags=["issuance"], route_class=StrictJSONRoute)
public_router = APIRouter(tags=["schemas"])
ministry_router = APIRouter(tags=["trust list"])

# what signing and writing routes can answer besides success
_ISSUE_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 413, 415, 422, 503)


def _request_id(request: Request) -> str:
    state = request.scope.get("state") or {}
    rid = state.get("request_id") if isinstance(state, dict) else None
    incoming = request.headers.get("x-request-id", "")
    if not rid and 8 <= len(incoming) <= 64 and incoming.replace("-", "").isalnum():
        rid = incoming
    return rid or secrets.token_hex(8)


def _institution_for(actor: Actor, requested: Any, lang: str) -> str:
    slug = requested if isinstance(requested, str) and requested else actor.institution_slug
    if not slug:
        raise BadInput("validation-error", i18n.t("Name the institution (institution)", lang))
    return slug


def _issued_body(item: IssuedDiploma, *, full: bool = True) -> dict[str, Any]:
    body = item.manifest_entry()
    if full:
        body["credential"] = item.diploma
        body["supplement"] = item.supplement
    return body


@router.post(
    "/api/v1/diplomas",
    status_code=201,
    response_model=api.IssuedDiploma,
    responses={
        200: {
            "model": api.IssuedDiploma,
            "description": "Issued before (same graduate and programme): the same diploma",
        },
        **_ISSUE_PROBLEMS,
    },
    summary="Issue one diploma and its supplement",
)
def post_diploma(
    body: api.DiplomaRequest, request: Request, actor: Actor = Depends(require_scope("issue"))
) -> JSONResponse:
    # a plain `def`: signing and writing run in the thread pool, the event loop stays free
    lang = request_language(request)
    data = body.model_dump(exclude_unset=True, exclude={"institution"})
    if body.courses is not None:
        data["courses"] = [c.model_dump(exclude_unset=True) for c in body.courses]
    ctx = get_ctx(request)
    with Session(ctx.engine) as session:
        item = issue_diploma(
            session, ctx.keystore, ctx.settings, institution=_institution_for(actor, body.institution, lang),
            data=data, actor=actor, lang=lang, request_id=_request_id(request),
        )
    return JSONResponse(_issued_body(item), status_code=201 if item.created else 200)


_BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": component_ref(api.BatchRequest)},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary",
                                 "description": "The cohort: CSV or XLSX (docs/BATCH-IMPORT.md)"},
                        "supplements": {"type": "string", "format": "binary",
                                        "description": "Supplement rows (CSV/XLSX), unless the XLSX has them"},
                        "institution": {"type": "string"},
                        "dry_run": {"type": "boolean"},
                    },
                },
            },
        },
    }
}


@router.post(
    "/api/v1/batches", status_code=201, response_model=api.BatchManifest, openapi_extra=_BATCH_BODY,
    responses={200: {"model": api.BatchManifest, "description": "A dry run: what would be issued"}, **_ISSUE_PROBLEMS},
    summary="Issue a cohort (CSV/XLSX upload or JSON rows)",
)
async def post_batch(request: Request, actor: Actor = Depends(require_scope("issue"))) -> JSONResponse:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    institution: Any = None
    lang = request_language(request)
    if ctype == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise BadInput("validation-error", i18n.t("The multipart field `file` (CSV or XLSX) is required", lang))
        content, name = await upload.read(), upload.filename or ""
        extra = form.get("supplements")
        extra_file = (
            (await extra.read(), extra.filename or "")
            if extra is not None and not isinstance(extra, str)
            else None
        )
        dry_run = str(form.get("dry_run", "")).lower() in ("1", "true", "yes")
        institution = form.get("institution")

        def parse() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:  # openpyxl: in the thread pool
            rows, supplement_rows = batch_io.read_rows(content, name, lang)
            if extra_file is not None:
                supplement_rows = batch_io.read_supplement_file(*extra_file, lang)
            return rows, supplement_rows

        rows, supplement_rows = await run_in_threadpool(parse)
    else:
        if not is_json(request):
            raise BadInput("validation-error", i18n.t("The multipart field `file` (CSV or XLSX) is required", lang))
        body = await read_model(request, api.BatchRequest)
        rows = [r.model_dump(exclude_unset=True) for r in body.rows]
        supplement_rows = [r.model_dump(exclude_unset=True) for r in body.supplements or []]
        for index, row in enumerate(rows, start=1):
            row["_row"] = index  # a row's number is its place in the list
        for index, row in enumerate(supplement_rows, start=1):
            row["_row"] = index
        dry_run = body.dry_run
        institution = body.institution
    ctx = get_ctx(request)

    def issue() -> Any:  # signing and writing: in the thread pool, the event loop stays free
        with Session(ctx.engine) as session:
            return issue_batch(
                session, ctx.keystore, ctx.settings, institution=_institution_for(actor, institution, lang), rows=rows,
                supplement_rows=supplement_rows, actor=actor, lang=lang, dry_run=dry_run,
                request_id=_request_id(request),
            )

    result = await run_in_threadpool(issue)
    return JSONResponse(result.manifest(), status_code=200 if dry_run else 201)


@router.get(
    "/api/v1/diplomas/{series}/{number}", response_model=api.DiplomaRecord,
    responses=problem_responses(400, 401, 403, 404), summary="A diploma of the caller's institution",
)
def get_diploma(
    series: str,
    number: str,
    request: Request,
    actor: Actor = Depends(current_actor),
    session: Session = Depends(db_session),
) -> dict[str, Any]:
    ctx = get_ctx(request)
    # the codes this route has always answered: a mistyped series is invalid-number, none not-found
    diploma = lookup.find_diploma(session, series, number, request_language(request), bad_series="invalid-number",
                                  not_found="not-found")
    institution = session.get(Institution, diploma.institution_id)
    if not actor.operator and (institution is None or institution.slug != actor.institution_slug):
        raise NotFound(f"{diploma.series} {diploma.number}")  # no hint that it exists elsewhere
    supplement = lookup.find_supplement(session, diploma)
    newer = session.get(Diploma, diploma.superseded_by_id) if diploma.superseded_by_id else None
    return {
        "series": diploma.series,
        "number": diploma.number,
        "display": f"{diploma.series} {diploma.number}",
        "institution": institution.slug if institution else None,
        "award_date": diploma.award_date.isoformat(),
        "verify_url": verify_url(ctx.settings.public_url, diploma.verify_token),
        "superseded_by": newer.credential_id if newer else None,
        "credential": diploma.credential,
        "supplement": supplement.credential if supplement else None,
    }


@router.get(
    "/credentials/{uuid}", response_model=api.CredentialStub, responses=problem_responses(404),
    summary="Public dereference of a credential id (a stub, no personal data)",
)
def get_credential_stub(uuid: str, request: Request, session: Session = Depends(db_session)) -> JSONResponse:
    if len(uuid) != 36:
        raise NotFound(uuid)
    credential = lookup.find_credential(session, uuid)
    if credential is None:
        raise NotFound(uuid)
    diploma = session.exec(select(Diploma).where(Diploma.uuid == uuid)).first()
    newer = session.get(Diploma, diploma.superseded_by_id) if diploma and diploma.superseded_by_id else None
    issuer = credential.get("issuer")
    number = vocab.document_number(credential)
    stub = {
        "id": credential.get("id"),
        "type": credential.get("type"),
        "issuer": issuer.get("id") if isinstance(issuer, dict) else issuer,
        "validFrom": credential.get("validFrom"),
        "documentNumber": {"series": number[0], "number": number[1]} if number else None,
        "supersededBy": newer.credential_id if newer else None,
        "note": i18n.t(
            "The credential is presented by its holder (QR code, share link or file); this public record confirms only that it exists.",
            request_language(request),
        ),
    }
    return JSONResponse(stub, headers={"Cache-Control": "public, max-age=300", "Vary": "Accept-Language"})


@router.get(
    "/institutions/{slug}/programmes/{code}", response_model=api.ProgrammeRecord, responses=problem_responses(404),
    summary="A programme (the achievement of a diploma)",
)
def get_programme(slug: str, code: str, session: Session = Depends(db_session)) -> dict[str, Any]:
    institution = session.exec(select(Institution).where(Institution.slug == slug)).first()
    programme = None
    if institution is not None:
        programme = session.exec(
            select(Programme).where(Programme.institution_id == institution.id, Programme.code == code.upper())
        ).first()
    if institution is None or programme is None:
        raise NotFound(f"{slug}/{code}")
    return {
        "id": str(code),
        "institution": institution.did,
        "code": programme.code,
        "name": programme.names(),
        "iscedF": programme.isced_f,
        "nqfLevel": programme.nqf_level,
        "eqfLevel": programme.eqf_level,
        "qfEheaCycle": programme.qf_ehea_cycle,
        "ectsCredits": programme.ects_credits,
        "modeOfStudy": programme.mode_of_study,
        "languageOfInstruction": programme.language_of_instruction,
    }


@public_router.get(
    "/schemas/{name}.json", summary="JSON Schema of a Dalel credential type", response_class=Response, responses={
        200: {"description": "A JSON Schema (2020-12)", "content": {"application/schema+json": {"schema": {"type": "object"}}}},
        **problem_responses(404),
    },
)
def get_schema(name: str) -> JSONResponse:
    if name not in SCHEMA_NAMES:
        raise NotFound(name)
    return JSONResponse(load_schema(name), media_type="application/schema+json",
                        headers={"Cache-Control": "public, max-age=86400"})


@ministry_router.get(
    "/trust-list", summary="The signed trust list of institutions", responses={
        200: {"description": "A signed verifiable credential listing the accredited institutions",
              "content": {"application/json": {"schema": {"type": "object", "required": ["@context", "type", "proof"]}}}},
        **problem_responses(503),
    },
)
def get_trust_list(request: Request, session: Session = Depends(db_session)) -> JSONResponse:
    ctx = get_ctx(request)
    document = signed_trust_list(session, ctx.keystore, ctx.settings.public_url)
    return JSONResponse(document, media_type="application/json",
                        headers={"Cache-Control": "public, max-age=300"})


__all__ = ["router", "public_router", "ministry_router", "get_institution"]
