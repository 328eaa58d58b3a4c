"""HTTP for the issuer role: each institution's did:web document.

``GET /institutions/{slug}/did.json`` is what ``did:web:<host>:institutions:<slug>`` resolves
to. Served as ``application/json`` (what the did:web method expects a web server to use for
``did.json``), or as ``application/did+ld+json`` / ``application/did+json`` when the client asks
for exactly that; public, cacheable for a few minutes (a compromise must reach verifiers
soon), with a strong ETag and ``Access-Control-Allow-Origin: *`` (the did:web CORS advice).
"""

from __future__ import annotations

import hashlib
import json

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from common.openapi import problem_responses
from common.problems import BadInput, NotFound
from common.web import db_session, get_ctx
from keys.service import institution_did_document

__all__ = ["router"]

router = APIRouter(tags=["keys"])

DID_DOCUMENT_MAX_AGE = 300
_MEDIA_TYPES = ("application/did+ld+json", "application/did+json")


def _media_type(accept: str | None) -> str:
    if accept:
        offered = {part.split(";")[0].strip().lower() for part in accept.split(",")}
        for media_type in _MEDIA_TYPES:
            if media_type in offered:
                return media_type
    return "application/json"


_DID_DOCUMENT = {
    "type": "object",
    "required": ["@context", "id", "verificationMethod", "assertionMethod"],
    "properties": {
        "@context": {"type": "array", "items": {"type": "string"}},
        "id": {"type": "string", "examples": ["did:web:dalel.example.kz:institutions:demo-university"]},
        "verificationMethod": {"type": "array", "items": {"type": "object", "required": ["id", "type", "controller"],
                               "properties": {"id": {"type": "string"}, "type": {"const": "Multikey"},
                                              "controller": {"type": "string"},
                                              "publicKeyMultibase": {"type": "string"},
                                              "revoked": {"type": "string", "format": "date-time"}}}},
        "assertionMethod": {"type": "array", "items": {"type": "string"}},
    },
}


@router.get(
    "/institutions/{slug}/did.json", name="institution_did_document", response_class=Response,
    summary="The institution's DID document (did:web): every key it ever signed with", responses={
        200: {"description": "The DID document (ETag; cacheable for a few minutes)",
              "content": {m: {"schema": _DID_DOCUMENT} for m in ("application/json", *_MEDIA_TYPES)}},
        304: {"description": "Not modified (If-None-Match)"},
        **problem_responses(404),
    },
)
def get_institution_did_document(
    slug: str, request: Request, session: Session = Depends(db_session)
) -> Response:
    try:
        document = institution_did_document(session, slug, get_ctx(request).settings.public_url)
    except BadInput:  # not even a possible identifier: no such institution either
        raise NotFound(slug, code="institution-not-found") from None
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    media_type = _media_type(request.headers.get("accept"))
    etag = '"' + hashlib.sha256(media_type.encode() + b"\n" + body).hexdigest()[:32] + '"'
    headers = {
        "ETag": etag,
        "Cache-Control": f"public, max-age={DID_DOCUMENT_MAX_AGE}",
        "Access-Control-Allow-Origin": "*",
        "Vary": "Accept",
    }
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type=media_type, headers=headers)
