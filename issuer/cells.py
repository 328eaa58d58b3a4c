"""A spreadsheet cell as a registrar typed it (a cohort file, or a JSON value in its place):
its text, a date in either of the forms registrars write, yes or no, and the characters that
never belong in a name or title."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from common.timestamps import parse_date

YES = {"1", "true", "yes", "y", "да", "иә", "ия", "+", "honours", "with honours", "с отличием", "үздік"}
NO = {"", "0", "false", "no", "n", "нет", "жоқ", "-"}
_DAY_FIRST = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})", re.ASCII)


def cell_text(value: Any) -> str:
    """The cell's text, NFC and trimmed; a whole number a spreadsheet made a float is an integer."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def cell_date(value: Any) -> date:
    """A date cell: a spreadsheet's date, ``YYYY-MM-DD`` (:func:`common.timestamps.parse_date`)
    or ``DD.MM.YYYY`` as registrars in Kazakhstan write it; ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = cell_text(value)
    day_first = _DAY_FIRST.fullmatch(raw)
    if day_first:
        day, month, year = (int(x) for x in day_first.groups())
        return date(year, month, day)
    return parse_date(raw)


def latin_problem(value: str) -> tuple[str, int] | None:
    """(character, position) of the first character of a Latin name that is not a Latin letter
    (spaces, hyphens, apostrophes and dots are allowed), or None."""
    for pos, char in enumerate(value, start=1):
        if char in " -'’.":
            continue
        if not unicodedata.name(char, "").startswith("LATIN"):
            return char, pos
    return None


def has_invisible(text: str) -> bool:
    """True if `text` holds a control (Cc) or format (Cf) character."""
    return not text.isprintable() and any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def control_characters(raw: dict[str, Any]) -> list[str]:
    """Columns whose text holds control characters (NUL, escape sequences...) or invisible
    format characters (bidi overrides, zero-width spaces): never part of a name or title; an
    override reorders what a verifier reads, a zero-width space makes a name look empty or
    like another, and PostgreSQL cannot store NUL at all."""
    return [str(column) for column, value in raw.items() if isinstance(value, str) and has_invisible(value)]


def row_number(raw: dict[str, Any], default: int) -> int:
    """The row's ``_row`` (set by the file readers) if it is a positive integer, else `default`."""
    value = raw.get("_row")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default
