"""A typed request model's validation errors in the reader's language.

pydantic explains a failed field in English ("Input should be a valid list"); a registrar in
Almaty reads it in Kazakh or Russian. :func:`field_errors` turns each error into
``{"loc", "message", "type"}`` with a translated message (and, for a cohort cell, the ``row``
and ``column`` the batch errors use), never echoing the input (it may carry personal data).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from common import i18n
from common.i18n import N_

# what a person reads for each kind of failure
_MESSAGES = {
    "missing": N_("This field is required"),
    "extra_forbidden": N_("Unknown field (check its name)"),
    "string_type": N_("Must be text"),
    "list_type": N_("Must be a list"),
    "dict_type": N_("Must be a JSON object"),
    "bool_type": N_("Must be true or false"),
    "int_type": N_("Must be a whole number"),
    "float_type": N_("Must be a number"),
    "cell_type": N_("Must be text, a number or yes/no"),
    "literal_error": N_("Must be one of: {expected}"),
    "invalid": N_("The value is not valid"),
}

# pydantic error types -> the kind of failure (a key of _MESSAGES)
_KINDS = {
    "missing": "missing",
    "extra_forbidden": "extra_forbidden",
    "string_type": "string_type",
    "string_unicode": "string_type",
    "list_type": "list_type",
    "dict_type": "dict_type",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "bool_type": "bool_type",
    "bool_parsing": "bool_type",
    "int_type": "int_type",
    "int_parsing": "int_type",
    "int_from_float": "int_type",
    "float_type": "float_type",
    "float_parsing": "float_type",
    "finite_number": "float_type",
    "literal_error": "literal_error",
    "enum": "literal_error",
    "string_too_long": "string_too_long",
    "too_long": "too_long",
}
# the member names pydantic puts at the end of a union's locations (`str | int | float | bool`)
_UNION_MEMBERS = {"str", "int", "float", "bool", "none"}


def _message(kind: str, ctx: Mapping[str, Any] | None, lang: str) -> str:
    ctx = ctx or {}
    if kind in ("string_too_long", "too_long"):
        limit = _count(ctx.get("max_length"))
        if kind == "string_too_long":
            return i18n.nt("At most {count} character", "At most {count} characters", limit, lang)
        return i18n.nt("At most {count} item", "At most {count} items", limit, lang)
    params = {"expected": str(ctx["expected"])} if "expected" in ctx else {}
    return i18n.t(_MESSAGES[kind], lang, **params)


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def field_errors(errors: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """pydantic's `errors` (as ``ValidationError.errors()`` gives them) for a person, in
    `lang`: one entry per field (a value that fits no member of a union is one error)."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    for error in errors:
        loc = tuple(str(p) for p in error.get("loc", ()))
        kind = _KINDS.get(str(error.get("type", "")), "invalid")
        if loc and loc[-1] in _UNION_MEMBERS and kind.endswith("_type"):
            loc, kind = loc[:-1], "cell_type"
        if loc in seen:
            continue
        seen.add(loc)
        entry: dict[str, Any] = {"loc": list(loc), "message": _message(kind, error.get("ctx"), lang),
                                 "type": str(error.get("type", ""))}
        fields = [p for p in loc if p != "body"]
        if fields:
            entry["column"] = fields[-1] if not fields[-1].isdigit() else fields[-2] if len(fields) > 1 else fields[-1]
            numbers = [p for p in fields if p.isdigit()]
            if numbers:
                entry["row"] = int(numbers[0]) + 1  # a list's first item is row 1, as in a cohort file
        out.append(entry)
    return out


__all__ = ["field_errors"]
