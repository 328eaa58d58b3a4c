"""``format``: the credential is a well-formed VC 1.1 / 2.0 credential as signed.

Reads the view (:mod:`verifier.view`); a document that has none fails with the view's reason
(an undefined term, an unknown context, a statement not under its term…). Then: the VC data
model's structure (:func:`keys.vcdm.credential_problems`), its dates, and the JSON Schema of
its type (:mod:`verifier.schema`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from keys import messages as key_messages
from keys.vcdm import credential_problems
from verifier.check import FAILED, PASSED, Check
from verifier.messages import has_message
from verifier.schema import schema_name_for, schema_problem
from verifier.trust import issuer_of, parse_datetime
from verifier.values import as_list, types_of

CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
ID = "format"


def _failed(code: str, **params: Any) -> Check:
    if has_message(ID, code) or not key_messages.known(code):
        return Check.make(ID, FAILED, code, **params)
    texts = key_messages.describe_all(code, detail=params.get("detail"))
    return Check(ID, FAILED, code, texts)


def structure(credential: Any) -> Check | None:
    """The data model's rules on the presented JSON itself (type, issuer, subject, dates); None
    when they hold. Run before the view, so a presentation or a non-credential is named so."""
    if not isinstance(credential, dict):
        return _failed("not_a_credential")
    contexts = as_list(credential.get("@context"))
    if not contexts or contexts[0] not in (CREDENTIALS_V1, CREDENTIALS_V2):
        return _failed("not_a_credential")
    types = types_of(credential.get("type"))
    if "VerifiableCredential" not in types:
        return _failed("presentation" if "VerifiablePresentation" in types else "not_a_credential")
    return None


def run(view: Any, run: Any, at: datetime) -> Check:
    early = structure(run.presented.credential)
    if early is not None:
        return early
    if view is None:
        error = run.view_error
        return _failed(getattr(error, "code", "jsonld_error"), detail=getattr(error, "detail", None) or "")
    credential = view.document
    if not issuer_of(credential):
        return _failed("missing_issuer")
    subject = credential.get("credentialSubject")
    if not (isinstance(subject, dict) and subject) and not (
        isinstance(subject, list) and subject and all(isinstance(s, dict) for s in subject)
    ):
        return _failed("missing_subject")
    for name in ("validFrom", "validUntil", "issuanceDate", "expirationDate"):
        if name in credential:
            try:
                if parse_datetime(credential[name]) is None:
                    raise ValueError
            except ValueError:
                return _failed("invalid_date")
    if as_list(credential.get("@context"))[0] == CREDENTIALS_V1 and "issuanceDate" not in credential:
        return _failed("invalid_date")
    problems = credential_problems(credential)
    if problems:
        first = problems[0]
        return Check(ID, FAILED, first.code, {lang: first.message(lang) for lang in ("kk", "ru", "en")})
    name = schema_name_for(credential)
    if name:
        problem = schema_problem(credential, name)
        if problem:
            return _failed("schema_invalid", detail=problem)
    return Check.make(ID, PASSED, "well_formed")
