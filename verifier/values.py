"""Reading JSON values as JSON-LD lets them be written — one value, or an array of them — for
the view, the checks and the pages. (What a person reads is :mod:`verifier.summary`'s.)"""

from __future__ import annotations

from typing import Any


def as_list(value: Any) -> list[Any]:
    """`value` as a list: itself if it is one, [] for None, else [value]."""
    return value if isinstance(value, list) else [value] if value is not None else []


def types_of(value: Any) -> list[str]:
    """The strings of a ``type`` (or ``@context``) value."""
    return [v for v in as_list(value) if isinstance(v, str)]


def one(value: Any) -> Any:
    """A one-element array as its element (the same statement); anything else as it is."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value
