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

i18n.register(
    {
        "validation.missing": {"kk": "Міндетті өріс", "ru": "Обязательное поле", "en": "This field is required"},
        "validation.extra_forbidden": {
            "kk": "Белгісіз өріс (атауын тексеріңіз)",
            "ru": "Неизвестное поле (проверьте название)",
            "en": "Unknown field (check its name)",
        },
        "validation.string_type": {"kk": "Мәтін болуы керек", "ru": "Должно быть текстом", "en": "Must be text"},
        "validation.list_type": {"kk": "Тізім болуы керек", "ru": "Должно быть списком", "en": "Must be a list"},
        "validation.dict_type": {
            "kk": "JSON нысаны болуы керек",
            "ru": "Должно быть объектом JSON",
            "en": "Must be a JSON object",
        },
        "validation.bool_type": {
            "kk": "true немесе false болуы керек",
            "ru": "Должно быть true или false",
            "en": "Must be true or false",
        },
        "validation.int_type": {"kk": "Бүтін сан болуы керек", "ru": "Должно быть целым числом", "en": "Must be a whole number"},
        "validation.float_type": {"kk": "Сан болуы керек", "ru": "Должно быть числом", "en": "Must be a number"},
        "validation.cell_type": {
            "kk": "Мәтін, сан немесе иә/жоқ болуы керек",
            "ru": "Должно быть текстом, числом или да/нет",
            "en": "Must be text, a number or yes/no",
        },
        "validation.literal_error": {
            "kk": "Рұқсат етілген мәндер: {expected}",
            "ru": "Допустимые значения: {expected}",
            "en": "Must be one of: {expected}",
        },
        "validation.string_too_long": {
            "kk": "Ең көбі {max_length} таңба",
            "ru": "Не более {max_length} символов",
            "en": "At most {max_length} characters",
        },
        "validation.too_long": {
            "kk": "Ең көбі {max_length} элемент",
            "ru": "Не более {max_length} элементов",
            "en": "At most {max_length} items",
        },
        "validation.invalid": {"kk": "Мән жарамсыз", "ru": "Недопустимое значение", "en": "The value is not valid"},
    }
)

# pydantic error types -> the catalogue's word for them
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
    params = {k: str(v) for k, v in (ctx or {}).items() if k in ("expected", "max_length")}
    return i18n.t(f"validation.{kind}", lang, **params)


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
