"""Validating a credential against the JSON Schema that applies to it. Which schema applies
(:func:`verifier.schemas.schema_name_for`) follows the signed ``type`` and ``@context`` of the
verified view only — never ``credentialSchema``, which a third party's Open Badge may point at
a Dalel schema URL — so a respelled type cannot make the check disappear."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from verifier.schemas import load_schema, schema_name_for

__all__ = ["load_schema", "schema_name_for", "schema_problem"]

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
