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
from fastapi.responses import JSONResponse
from sqlmodel import Session, select

from common import i18n, vocab
from common.problems import BadInput, NotFound
from common.web import db_session, get_ctx, parse_json, request_language
from issuer import batch as batch_io
from issuer import lookup
from issuer.auth import Actor, current_actor, require_scope
from issuer.credentials import SCHEMA_NAMES, load_schema
from issuer.models import Diploma, Institution, Programme
from issuer.numbering import InputError, normalise_number, normalise_series
from issuer.service import IssuedDiploma, get_institution, issue_batch, issue_diploma, verify_url

i18n.register(
    {
        "http.institution_required": {
            "kk": "Ұйымды көрсетіңіз (institution)",
            "ru": "Укажите организацию (institution)",
            "en": "Name the institution (institution)",
        },
        "http.row_object": {
            "kk": "Сұрау денесі — когорта жолының бағандары бар JSON нысаны",
            "ru": "Тело запроса — объект JSON со столбцами строки когорты",
            "en": "The body must be a JSON object with the columns of a cohort row",
        },
        "http.multipart_file": {
            "kk": "multipart өрісі `file` (CSV немесе XLSX) қажет",
            "ru": "Нужно поле multipart `file` (CSV или XLSX)",
            "en": "The multipart field `file` (CSV or XLSX) is required",
        },
        "http.batch_shape": {
            "kk": 'Сұрау денесі: {"rows": [...], "supplements": [...], "dry_run": false}',
            "ru": 'Тело запроса: {"rows": [...], "supplements": [...], "dry_run": false}',
            "en": 'The body must be {"rows": [...], "supplements": [...], "dry_run": false}',
        },
        "http.stub_note": {
            "kk": "Куәлікті оның иесі ұсынады (QR код, сілтеме немесе файл); бұл жария жазба тек оның бар екенін растайды.",
            "ru": "Удостоверение предъявляет его владелец (QR-код, ссылка или файл); эта публичная запись лишь подтверждает, что оно существует.",
            "en": "The credential is presented by its holder (QR code, share link or file); "
            "this public record confirms only that it exists.",
        },
    }
)

router = APIRouter(tags=["issuance"])
public_router = APIRouter(tags=["schemas"])
ministry_router = APIRouter(tags=["trust list"])


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
        raise BadInput("validation-error", i18n.t("http.institution_required", lang))
    return slug


def _issued_body(item: IssuedDiploma, *, full: bool = True) -> dict[str, Any]:
    body = item.manifest_entry()
    if full:
        body["credential"] = item.diploma
        body["supplement"] = item.supplement
    return body


async def _json_body(request: Request) -> Any:
    return parse_json(await request.body(), request_language(request))


@router.post("/api/v1/diplomas", status_code=201, summary="Issue one diploma and its supplement")
async def post_diploma(request: Request, actor: Actor = Depends(require_scope("issue"))) -> JSONResponse:
    lang = request_language(request)
    data = await _json_body(request)
    if not isinstance(data, dict):
        raise BadInput("validation-error", i18n.t("http.row_object", lang))
    ctx = get_ctx(request)
    with Session(ctx.engine) as session:
        item = issue_diploma(
            session, ctx.keystore, ctx.settings, institution=_institution_for(actor, data.pop("institution", None), lang),
            data=data, actor=actor, lang=lang, request_id=_request_id(request),
        )
    return JSONResponse(_issued_body(item), status_code=201 if item.created else 200)


@router.post("/api/v1/batches", summary="Issue a cohort (CSV/XLSX upload or JSON rows)")
async def post_batch(request: Request, actor: Actor = Depends(require_scope("issue"))) -> JSONResponse:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    institution: Any = None
    lang = request_language(request)
    if ctype == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise BadInput("validation-error", i18n.t("http.multipart_file", lang))
        rows, supplement_rows = batch_io.read_rows(await upload.read(), upload.filename or "", lang)
        extra = form.get("supplements")
        if extra is not None and not isinstance(extra, str):
            supplement_rows = batch_io.read_supplement_file(await extra.read(), extra.filename or "", lang)
        dry_run = str(form.get("dry_run", "")).lower() in ("1", "true", "yes")
        institution = form.get("institution")
    else:
        data = await _json_body(request)
        if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
            raise BadInput("validation-error", i18n.t("http.batch_shape", lang))
        rows = [r for r in data["rows"] if isinstance(r, dict)]
        supplement_rows = [r for r in data.get("supplements") or [] if isinstance(r, dict)]
        for index, row in enumerate(rows, start=1):
            row["_row"] = index  # a row's number is its place in the list, whatever the client sent
        for index, row in enumerate(supplement_rows, start=1):
            row["_row"] = index
        dry_run = bool(data.get("dry_run"))
        institution = data.get("institution")
    ctx = get_ctx(request)
    with Session(ctx.engine) as session:
        result = issue_batch(
            session, ctx.keystore, ctx.settings, institution=_institution_for(actor, institution, lang), rows=rows,
            supplement_rows=supplement_rows, actor=actor, lang=lang, dry_run=dry_run,
            request_id=_request_id(request),
        )
    return JSONResponse(result.manifest(), status_code=200 if dry_run else 201)


def _diploma_by_number(session: Session, series: str, number: str, width: int, lang: str) -> Diploma:
    try:
        series = normalise_series(series)
        number = normalise_number(number, width)
    except InputError as exc:
        raise BadInput("invalid-number", exc.message(lang)) from None
    diploma = lookup.find_by_number(session, series, number)
    if diploma is None:
        raise NotFound(f"{series} {number}")
    return diploma


@router.get("/api/v1/diplomas/{series}/{number}", summary="A diploma of the caller's institution")
def get_diploma(
    series: str,
    number: str,
    request: Request,
    actor: Actor = Depends(current_actor),
    session: Session = Depends(db_session),
) -> dict[str, Any]:
    ctx = get_ctx(request)
    diploma = _diploma_by_number(session, series, number, ctx.settings.number_width, request_language(request))
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


@router.get("/credentials/{uuid}", summary="Public dereference of a credential id (a stub, no personal data)")
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
        "note": i18n.t("http.stub_note", request_language(request)),
    }
    return JSONResponse(stub, headers={"Cache-Control": "public, max-age=300", "Vary": "Accept-Language"})


@router.get("/institutions/{slug}/programmes/{code}", summary="A programme (the achievement of a diploma)")
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


@public_router.get("/schemas/{name}.json", summary="JSON Schema of a Dalel credential type")
def get_schema(name: str) -> JSONResponse:
    if name not in SCHEMA_NAMES:
        raise NotFound(name)
    return JSONResponse(load_schema(name), media_type="application/schema+json",
                        headers={"Cache-Control": "public, max-age=86400"})


@ministry_router.get("/trust-list", summary="The signed trust list of institutions")
def get_trust_list(request: Request, session: Session = Depends(db_session)) -> JSONResponse:
    from issuer.trustlist import signed_trust_list

    ctx = get_ctx(request)
    document = signed_trust_list(session, ctx.keystore, ctx.settings.public_url)
    return JSONResponse(document, media_type="application/json",
                        headers={"Cache-Control": "public, max-age=300"})


__all__ = ["router", "public_router", "ministry_router", "get_institution"]
