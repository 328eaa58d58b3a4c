"""The JSON Schemas the verifier ships (``verifier/schemas/``: what Dalel's issuer publishes at
``/schemas/{name}.json``) and which one a credential must match.

A credential names its schema in ``credentialSchema`` (VC 2.0); without one, its type decides:
a Diploma Supplement, a trust list, and the old-shape Dalel diploma (Open Badges with the
pinned Dalel context). The schema is read from the verified view, so a respelled type or
``credentialSchema`` cannot make the check disappear."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from verifier.values import as_list, types_of

SCHEMAS_DIR = Path(__file__).with_name("schemas")
DALEL_CONTEXT = "https://dalel.kz/ns/credentials/v1"


@lru_cache(maxsize=8)
def load_schema(name: str) -> dict[str, Any] | None:
    path = SCHEMAS_DIR / f"{name}.json"
    if not path.is_file() or path.parent != SCHEMAS_DIR:
        return None
    return json.loads(path.read_text("utf-8"))


def schema_name_for(credential: dict[str, Any]) -> str | None:
    """The shipped schema `credential` must match, if any."""
    for schema in as_list(credential.get("credentialSchema")):
        if isinstance(schema, dict) and isinstance(schema.get("id"), str) and "/schemas/" in schema["id"]:
            name = schema["id"].rsplit("/schemas/", 1)[1].removesuffix(".json")
            if "/" not in name and load_schema(name) is not None:
                return name
    types = types_of(credential.get("type"))
    if "DalelTrustListCredential" in types:
        return "trust-list"
    if "DiplomaSupplementCredential" in types:
        return "supplement"
    if "OpenBadgeCredential" in types and DALEL_CONTEXT in as_list(credential.get("@context")):
        return "diploma"
    return None


@lru_cache(maxsize=8)
def _validator(name: str) -> Any:
    """One compiled validator per shipped schema (built once, not per verification)."""
    import jsonschema

    schema = load_schema(name)
    return None if schema is None else jsonschema.Draft202012Validator(schema)


def schema_problem(credential: dict[str, Any], name: str) -> str | None:
    """Where `credential` first departs from schema `name` ("diploma: credentialSubject/name"), or None."""
    import jsonschema

    validator = _validator(name)
    if validator is None:
        return None
    error = jsonschema.exceptions.best_match(validator.iter_errors(credential))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(document)"
    return f"{name}: {where}"
