"""W3C CCG VC-API, issuer role: ``POST /credentials/issue`` and
``POST /issuers/{cryptosuite}/credentials/issue``.

Request ``{"credential": {...}, "options": {...}}`` → ``201 {"verifiableCredential": {...}}``.
The credential's ``issuer`` (a string or ``issuer.id``) names an institution by its did:web
(``did:web:<host>:institutions:<slug>``); the proof is made with that institution's newest
active key of the algorithm the cryptosuite needs. An issuer that is the ``did:key`` of an
active institution key signs with that key (what the W3C Data Integrity test suites resolve). The cryptosuite is the path segment, else
``options.cryptosuite``, else ``eddsa-rdfc-2022``; VC 1.1 credentials are signed too (with
the data-integrity context appended, as the Data Integrity suites expect); ``vc+jwt`` returns an
``EnvelopedVerifiableCredential`` (VC-JOSE). A VC 2.0 credential is issued with a revocation and
a suspension ``BitstringStatusListEntry`` (lists under the signing DID, served at
``GET /status/{id}``); any malformed ``BitstringStatusListEntry`` in the request, wherever it sits,
is refused (the specification's MALFORMED_VALUE_ERROR). Every invalid request is an RFC 9457 problem with
status 400 (the W3C test suites expect 400 or 422) listing what is wrong in ``errors``.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse
from sqlmodel import Session, select

from common import i18n, vocab
from common.i18n import N_
from common.jsonbody import StrictJSONRoute
from common.openapi import problem_responses
from common.problems import BadInput, Problem
from common.timestamps import parse_datetime_or_none
from common.web import db_session, get_ctx, request_language
from issuer import audit, status
from issuer.auth import require_scope
from issuer.credentials import numbered_document_marks
from keys import jsonld, proofs, vcdm
from keys.did import did_key_verification_method, did_web
from keys.messages import describe
from keys.models import IssuerKey
from keys.service import active_signer, check_institution, parse_algorithm

__all__ = ["router", "issue_credential", "institution_of"]

router = APIRouter(tags=["vc-api"], route_class=StrictJSONRoute)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")

OPTIONS = frozenset({"cryptosuite", "created", "challenge", "domain", "credentialId"})
_ALGORITHM_FOR_SUITE = {
    "eddsa-rdfc-2022": "ed25519",
    "eddsa-jcs-2022": "ed25519",
    "ecdsa-rdfc-2019": "p256",
    "ecdsa-jcs-2019": "p256",
    "vc+jwt": None,
}



def institution_of(issuer: str, public_url: str) -> str | None:
    """The institution slug whose did:web is `issuer` on this deployment, else None."""
    prefix = did_web(public_url, ["institutions"]) + ":"
    if not issuer.startswith(prefix):
        return None
    try:
        return check_institution(issuer[len(prefix) :])
    except Problem:
        return None


def _did_key_signer(session: Session, keystore: Any, issuer: str, suite: str, lang: str) -> tuple[Any, str]:
    """An institution's active key acting as the ``did:key`` issuer it also is (the W3C Data
    Integrity test suites resolve only did:key). The proof names ``did:key:…#…``; trust lists
    name institutions by did:web, so such credentials are for conformance runs, not diplomas."""
    multibase = issuer[len("did:key:") :]
    key = None
    if multibase.startswith("z") and multibase.isalnum():
        key = session.exec(select(IssuerKey).where(IssuerKey.public_key_multibase == multibase)).first()
    if key is None or key.retired_at is not None or key.compromised_at is not None:
        raise BadInput("unknown-issuer", i18n.t("{issuer} is not the DID of an institution of this service", lang, issuer=issuer))
    wanted = _ALGORITHM_FOR_SUITE[suite]
    if wanted is not None and parse_algorithm(wanted) != key.algorithm:
        raise BadInput(
            "unsupported-cryptosuite",
            i18n.t("{name} does not fit this issuer's {algorithm} key", lang, name=suite, algorithm=key.algorithm),
        )
    signer = keystore.load_signer(
        key.id,
        did_key_verification_method(key.public_key_multibase),
        public_key_multibase=key.public_key_multibase,
    )
    return signer, key.institution


def _refuse_numbered_documents(credential: dict[str, Any], lang: str) -> None:
    """A diploma or supplement (either shape, however spelt) has a number only the numbering
    path may allocate, with its audit record: the VC-API refuses to sign one."""
    try:
        marks = numbered_document_marks(jsonld.expand(credential))
    except jsonld.JsonLdError as exc:
        message = describe(exc.code, lang, detail=exc.detail)
        raise BadInput("invalid-credential", message,
                       errors=[{"code": exc.code, "field": exc.detail or "", "message": message}]) from None
    if vocab.LEGACY_CONTEXT in vocab.contexts(credential):
        marks = sorted({*marks, vocab.LEGACY_CONTEXT})
    if marks:
        message = i18n.t("This credential is a Dalel diploma or supplement (a document with a series and number: {marks}). Those are issued only with a number of their series and an audit record: POST /api/v1/diplomas, POST /api/v1/batches or dalel issue", lang, marks=", ".join(marks))
        raise BadInput("numbered-credential", message,
                       errors=[{"code": "numbered_credential", "field": mark, "message": message} for mark in marks])


def _options_problem(lang: str, key: str, **params: Any) -> BadInput:
    return BadInput("invalid-options", i18n.t(key, lang, **params))


def _checked_options(options: dict[str, Any], cryptosuite: str | None, lang: str) -> str:
    """The cryptosuite to sign with, once the options are known to be valid."""
    unknown = sorted(set(options) - OPTIONS)
    if unknown:
        raise _options_problem(lang, N_("Unknown option: {name}"), name=unknown[0])
    suite = options.get("cryptosuite")
    if suite is not None and (not isinstance(suite, str) or (cryptosuite and suite != cryptosuite)):
        raise _options_problem(lang, N_("The cryptosuite in the path and in options differ"))
    suite = cryptosuite or suite or proofs.DEFAULT_CRYPTOSUITE
    if suite not in _ALGORITHM_FOR_SUITE:
        supported = ", ".join(_ALGORITHM_FOR_SUITE)
        raise BadInput("unsupported-cryptosuite",
                       i18n.t("{name} is not supported; supported: {supported}", lang, name=suite, supported=supported))
    created = options.get("created")
    if created is not None and (not isinstance(created, str) or parse_datetime_or_none(created, assume_utc=True) is None):
        raise _options_problem(lang, N_("Invalid value for option {name}"), name="created")
    for name in ("challenge", "domain"):
        if options.get(name) is not None and not isinstance(options[name], str):
            raise _options_problem(lang, N_("Invalid value for option {name}"), name=name)
    return suite


def _checked_credential(credential: dict[str, Any], options: dict[str, Any], lang: str) -> dict[str, Any]:
    """A copy of `credential` (with ``options.credentialId`` as its id) that conforms to the VC
    data model, has no malformed status entry and is no numbered document."""
    try:
        jsonld.check_structure(credential)  # bounded work before any walk of the credential
    except jsonld.JsonLdError as exc:
        message = describe(exc.code, lang, detail=exc.detail)
        raise BadInput("invalid-credential", message, errors=[{"code": exc.code, "field": "", "message": message}]) from None
    credential = dict(credential)
    credential_id = options.get("credentialId")
    if credential_id is not None:
        if not vcdm.is_url(credential_id):
            raise _options_problem(lang, N_("Invalid value for option {name}"), name="credentialId")
        if "id" in credential and credential["id"] != credential_id:
            raise _options_problem(lang, N_("options.credentialId differs from the credential's id"))
        credential["id"] = credential_id
    problems = vcdm.credential_problems(credential)
    if problems:
        raise BadInput(
            "invalid-credential",
            "; ".join(p.message(lang) for p in problems),
            errors=[p.to_dict(lang) for p in problems],
        )
    malformed = status.malformed_status_entries(credential)
    if malformed:  # the Bitstring Status List's MALFORMED_VALUE_ERROR, wherever the entry sits
        raise BadInput(
            "invalid-credential",
            i18n.t("A status entry (BitstringStatusListEntry) is malformed: {where}", lang, where="; ".join(malformed)),
            errors=[{"code": "malformed_status_entry", "field": m.split(":", 1)[0], "message": m} for m in malformed],
        )
    _refuse_numbered_documents(credential, lang)
    return credential


def _signer_for(
    session: Session, keystore: Any, public_url: str, issuer: str, suite: str, acting_for: str | None, lang: str
) -> tuple[Any, str]:
    """(signer, institution slug) of `issuer`: an institution's did:web, or the did:key of one
    of its active keys; 403 when the caller may not sign for it."""
    if issuer.startswith("did:key:"):
        signer, slug = _did_key_signer(session, keystore, issuer, suite, lang)
    else:
        found = institution_of(issuer, public_url)
        if found is None:
            raise BadInput("unknown-issuer", i18n.t("{issuer} is not the DID of an institution of this service", lang,
                                                    issuer=issuer))
        signer, slug = None, found
    if acting_for is not None and acting_for != slug:
        raise Problem(403, "forbidden", i18n.t("You may not sign for {issuer}", lang, issuer=issuer))
    if signer is None:
        signer = active_signer(session, keystore, slug, public_url, algorithm=_ALGORITHM_FOR_SUITE[suite])
    return signer, slug


def issue_credential(
    session: Session,
    keystore: Any,
    public_url: str,
    credential: Any,
    options: Any = None,
    *,
    cryptosuite: str | None = None,
    lang: str | None = None,
    acting_for: str | None = None,
    actor: Any = None,
    request_id: str | None = None,
) -> dict[str, Any]:
    """Validate, sign and return the verifiable credential (or its envelope for vc+jwt).
    Raises a Problem (400 for anything wrong with the request). `acting_for`: the institution
    slug the caller may sign for (None: any, e.g. the operator token). Every signature is an
    ``vcapi.issue`` row of the audit log naming `actor` (an ``issuer.auth.Actor``), as for
    diplomas: a credential signed in an institution's name never goes unrecorded."""
    lang = lang or i18n.DEFAULT_LANGUAGE
    options = {} if options is None else options
    if not isinstance(credential, dict) or not isinstance(options, dict):
        raise BadInput("bad-request", i18n.t("The request body must be {\"credential\": {…}, \"options\": {…}}", lang))
    suite = _checked_options(options, cryptosuite, lang)
    credential = _checked_credential(credential, options, lang)
    issuer = credential["issuer"]["id"] if isinstance(credential["issuer"], dict) else credential["issuer"]
    signer, slug = _signer_for(session, keystore, public_url, issuer, suite, acting_for, lang)
    created = options.get("created")
    audit.lock(session)  # before any status-list row, in the same order as diploma issuance
    # a VC 2.0 credential gets revocation and suspension entries in lists signed under the same
    # DID (a verifier requires the list's issuer to be the credential's); VC 1.1 stays as given
    credential = status.with_status_entries(
        session, credential, slug, public_url, issuer=issuer if issuer.startswith("did:key:") else None
    )

    try:
        if suite == "vc+jwt":
            jsonld.expand(credential)  # the same meaning check as for embedded proofs
            token = proofs.sign(credential, signer, "vc+jwt")
            signed = {
                "@context": [jsonld.CREDENTIALS_V2],
                "id": f"data:application/vc+jwt,{token}",
                "type": "EnvelopedVerifiableCredential",
            }
        else:
            signed = proofs.sign(
                credential,
                signer,
                suite,
                created=created,
                challenge=options.get("challenge"),
                domain=options.get("domain"),
            )
    except (proofs.SigningError, jsonld.JsonLdError) as exc:
        session.rollback()  # frees the status indexes
        detail = getattr(exc, "detail", None)
        message = describe(exc.code, lang, detail=detail)
        raise BadInput(
            "invalid-credential",
            message,
            errors=[{"code": exc.code, "field": detail or "", "message": message}],
        ) from None
    types = credential.get("type")
    audit.append(
        session, action="vcapi.issue", subject=str(credential.get("id") or "(no id)")[:256],
        actor_person_id=getattr(actor, "person_id", None), order_number=getattr(actor, "order_number", None),
        request_id=request_id,
        details={"institution": slug, "issuer": issuer, "cryptosuite": suite,
                 "type": types if isinstance(types, list) else [types]},
    )
    session.commit()  # the status indexes now belong to this credential
    return signed


def _issue(
    request: Request, payload: Any, session: Session, cryptosuite: str | None, principal: Any
) -> JSONResponse:
    lang = request_language(request)
    if not isinstance(payload, dict) or "credential" not in payload:
        raise BadInput("bad-request", i18n.t("The request body must be {\"credential\": {…}, \"options\": {…}}", lang))
    ctx = get_ctx(request)
    vc = issue_credential(
        session,
        ctx.keystore,
        ctx.settings.public_url,
        payload.get("credential"),
        payload.get("options"),
        cryptosuite=cryptosuite,
        lang=lang,
        # the operator signs for any institution; a person only for their own (none if unknown)
        acting_for=None if getattr(principal, "operator", False) else getattr(principal, "institution_slug", None) or "",
        actor=principal,
        request_id=request.headers.get("x-request-id") if _REQUEST_ID.match(request.headers.get("x-request-id", "")) else None,
    )
    return JSONResponse({"verifiableCredential": vc}, status_code=201)


# Plain `def` endpoints: signing decrypts a key and canonicalises (CPU and database work),
# which FastAPI then runs in its thread pool instead of on the event loop.


# the request is checked by issue_credential (400 with `errors`, as the W3C suites expect), so the
# body is documented here rather than parsed into a model
_ISSUE_DOCS: dict[str, Any] = {
    "openapi_extra": {"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": ["credential"],
        "properties": {
            "credential": {"type": "object", "description": "An unsigned VC 2.0 (or 1.1) credential whose issuer "
                           "is an institution's did:web (or the did:key of its active key)"},
            "options": {"type": "object", "properties": {k: {"type": "string"} for k in sorted(OPTIONS)}},
        },
        "examples": [{"credential": {"@context": ["https://www.w3.org/ns/credentials/v2"],
                                     "type": ["VerifiableCredential"],
                                     "issuer": "did:web:dalel.example.kz:institutions:demo-university",
                                     "credentialSubject": {"id": "did:example:graduate"}},
                      "options": {"cryptosuite": "eddsa-rdfc-2022"}}],
    }}}}},
    "responses": {201: {"description": "The signed credential", "content": {"application/json": {"schema": {
        "type": "object", "required": ["verifiableCredential"],
        "properties": {"verifiableCredential": {"type": "object"}}}}}},
        **problem_responses(400, 401, 403, 413, 415, 503)},
}


@router.post("/credentials/issue", status_code=201, summary="Issue a credential (VC-API)", **_ISSUE_DOCS)
def issue(
    request: Request,
    payload: Any = Body(...),
    session: Session = Depends(db_session),
    principal: Any = Depends(require_scope("issue")),
) -> JSONResponse:
    return _issue(request, payload, session, None, principal)


@router.post(
    "/issuers/{cryptosuite}/credentials/issue",
    status_code=201,
    summary="Issue a credential with the cryptosuite named in the path (VC-API)",
    **_ISSUE_DOCS,
)
def issue_with_suite(
    cryptosuite: str,
    request: Request,
    payload: Any = Body(...),
    session: Session = Depends(db_session),
    principal: Any = Depends(require_scope("issue")),
) -> JSONResponse:
    return _issue(request, payload, session, cryptosuite, principal)
