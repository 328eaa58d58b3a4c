"""``related_resource``: a credential that names another in ``relatedResource`` (a Diploma
Supplement names its diploma) carries that credential's digest: ``digestMultibase``, the
SHA-256 multihash of the RFC 8785 bytes of the signed credential, multibase ``u`` (base64url)
or ``z`` (base58btc).

Reported when the credential came with another (a Dalel link's diploma and supplement:
``Options.related_to``); in a presentation :func:`pair_problems` compares every pair. A
supplement that does not name the diploma it came with belongs to another diploma (another
graduate's, or an older version): ``failed``."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from typing import Any

import base58

from common import vocab
from keys.dataintegrity import jcs
from verifier.check import FAILED, NOT_APPLICABLE, PASSED, Check
from verifier.values import as_list

ID = "related_resource"


def _sha256_multibase(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(b"\x12\x20" + hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def digest_matches(document: dict[str, Any], digest: Any) -> bool | None:
    """Whether `digest` is the ``digestMultibase`` of `document`; None when the digest is in a
    form not checked here."""
    if isinstance(digest, list) and len(digest) == 1:
        digest = digest[0]
    if not isinstance(digest, str) or not digest:
        return None
    data = jcs(document)
    if digest[0] == "u":
        return digest == _sha256_multibase(data)
    if digest[0] == "z":
        try:
            raw = base58.b58decode(digest[1:])
        except ValueError:
            return False
        if raw[:2] != b"\x12\x20":
            return None
        return raw[2:] == hashlib.sha256(data).digest()
    return None


def _resources(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in as_list(view.get("relatedResource")) if isinstance(r, dict)]


def _resource_id(resource: dict[str, Any]) -> str | None:
    rid = resource.get("id")
    rid = rid[0] if isinstance(rid, list) and len(rid) == 1 else rid
    return rid if isinstance(rid, str) else None


def binding(view: dict[str, Any], other: dict[str, Any]) -> str | None:
    """How `view` (a credential's view) relates to `other` (a presented credential):
    ``matches`` (it names `other` with its digest), ``mismatch`` (names it, wrong digest),
    ``absent`` (does not name it), or None (names no resource in a checked form)."""
    other_id = other.get("id") if isinstance(other, dict) else None
    named = [r for r in _resources(view) if _resource_id(r) is not None and _resource_id(r) == other_id]
    if not named:
        return "absent"
    outcomes = [digest_matches(other, r.get("digestMultibase")) for r in named]
    if any(o is False for o in outcomes):
        return "mismatch"
    if any(o is True for o in outcomes):
        return "matches"
    return None


def run(view: Any, run: Any, at: datetime) -> Check:
    other = run.options.related_to
    if other is None:
        return Check.make(ID, NOT_APPLICABLE, "not_applicable")
    supplement = vocab.is_supplement(view.document)
    if not supplement and not _resources(view.document):
        return Check.make(ID, NOT_APPLICABLE, "not_applicable")
    outcome = binding(view.document, other)
    if outcome == "matches":
        return Check.make(ID, PASSED, "matches")
    if outcome == "mismatch":
        return Check.make(ID, FAILED, "related_resource_mismatch")
    if supplement:
        return Check.make(ID, FAILED, "related_resource_absent")
    return Check.make(ID, NOT_APPLICABLE, "not_applicable")


def pair_problems(views: list[dict[str, Any] | None], documents: list[Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The related-resource errors of a presentation: (errors, ids found bound). `views[i]` is
    credential i's view (None when it has none), `documents[i]` what was presented."""
    errors: list[dict[str, Any]] = []
    bound: list[str] = []
    others = [d for d in documents if isinstance(d, dict)]
    for index, view in enumerate(views):
        if view is None:
            continue
        mine = documents[index]
        candidates = [d for d in others if d is not mine]
        outcomes = {id(d): binding(view, d) for d in candidates}
        if any(o == "mismatch" for o in outcomes.values()):
            errors.append(_error(index, "related_resource_mismatch",
                                 "relatedResource names a credential of this presentation with another digest"))
            continue
        matched = [d for d in candidates if outcomes[id(d)] == "matches"]
        bound.extend(str(d.get("id")) for d in matched)
        if vocab.is_supplement(view) and candidates and not matched:
            errors.append(_error(index, "related_resource_absent",
                                 "this supplement belongs to a diploma that is not in this presentation"))
    return errors, bound


def _error(index: int, code: str, message: str) -> dict[str, Any]:
    return {"id": f"credential[{index}].related_resource", "code": code, "message": message}
