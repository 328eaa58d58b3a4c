"""Strict JSON (RFC 8259), the one parser of every JSON body and presented JSON document:
UTF-8, no NaN or Infinity, no number that overflows a double, no unpaired surrogate, nesting
at most :data:`MAX_JSON_DEPTH`. Anything else is Problem 400 ``malformed-json`` with a
translated detail, never another exception. No web framework here: the CLI and the verifier's
input parsing use it as they are; :mod:`common.jsonbody` puts it under HTTP routes."""

from __future__ import annotations

import json
from typing import Any

from common import i18n
from common.i18n import N_
from common.problems import Problem

MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects accepted in a JSON request body: a credential nests
about ten levels, a presentation of credentials fifteen; deeper input only exhausts the stack
of whatever walks it (one limit for every route, the verifier's inputs included)."""

_TOO_DEEP = N_("JSON nested too deeply (more than {max} levels)")
_BAD_STRING = N_("A JSON string holds an unpaired surrogate (not Unicode text)")
_NOT_FINITE = N_("JSON does not allow NaN, Infinity or numbers too large to represent")


class _NotFinite(ValueError):
    pass


def _constant(name: str) -> Any:
    raise _NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def _too_deep_or_bad_string(value: Any, max_depth: int) -> str | None:
    """The message of the rule `value` breaks (too deep, or an unpaired surrogate), else None
    (an explicit stack: no recursion on hostile input)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > max_depth:
                return _TOO_DEEP
            for key, member in item.items():
                if not utf8_ok(key):
                    return _BAD_STRING
                stack.append((member, depth + 1))
        elif isinstance(item, list):
            if depth > max_depth:
                return _TOO_DEEP
            stack.extend((member, depth + 1) for member in item)
        elif isinstance(item, str) and not utf8_ok(item):
            return _BAD_STRING
    return None


def utf8_ok(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_json(raw: bytes | str, lang: str | None = None, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A request body as strict JSON (RFC 8259): UTF-8, no NaN or Infinity, no number that
    overflows a double, no unpaired surrogate, nesting at most `max_depth`. Anything else is
    Problem 400 ``malformed-json`` with a translated detail; never another exception."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes | bytearray) else raw
    except UnicodeDecodeError:
        raise _malformed(N_("JSON text must be encoded in UTF-8"), lang) from None
    try:
        value = json.loads(text or "null", parse_constant=_constant, parse_float=_finite_float)
    except _NotFinite:
        raise _malformed(_NOT_FINITE, lang) from None
    except json.JSONDecodeError as exc:
        raise _malformed(N_("JSON syntax error (line {line}, column {column})"), lang, line=exc.lineno,
                         column=exc.colno) from None
    except RecursionError:
        raise _malformed(_TOO_DEEP, lang, max=max_depth) from None
    except ValueError:  # e.g. an integer with more digits than Python converts
        raise _malformed(_NOT_FINITE, lang) from None
    problem = _too_deep_or_bad_string(value, max_depth)
    if problem:
        raise _malformed(problem, lang, max=max_depth)
    return value


def _malformed(message: str, lang: str | None, **params: object) -> Problem:
    return Problem(400, "malformed-json", i18n.t(message, lang, **params))
