"""Dates and instants as Dalel reads and writes them: the one parser of date-time text.

Written: :func:`format_datetime` gives ``YYYY-MM-DDThh:mm:ssZ`` (UTC, whole seconds, rounded
down: a compromise time published a fraction of a second early is only stricter). Stored
times keep their microseconds (which also orders keys created within one second).

Read: :func:`parse_datetime` takes the XML Schema 1.1 lexical form of ``dateTime`` (what VC,
Data Integrity, DID documents, status lists and RFC 3339 write), and nothing else:

=====================================  ====================================================
input                                  result
=====================================  ====================================================
``2024-07-01T10:00:00Z``               that instant (``Z`` or ``z``, as RFC 3339 allows)
``2024-07-01T10:00:00+05:00``          that instant, in UTC (offsets -14:00 … +14:00)
``2024-07-01T10:00:00.123456789Z``     fractional seconds of any length, truncated to
                                       microseconds (never rounded up into the next second)
``2024-07-01T10:00:00``                no offset: ``ValueError`` unless ``assume_utc=True``
                                       (an ``xsd:dateTime`` of VC 1.1 or a proof's
                                       ``created``, which may omit it; then read as UTC)
``2024-07-01``                         a date is not an instant: ``ValueError`` (see
                                       :func:`parse_date` and :func:`parse_moment`)
``2024-07-01 10:00:00Z``, ``20240701T100000Z``, week dates, ``24:00:00``, leap second
``…:60``, surrounding whitespace, a 5-digit or negative year, a non-string
                                       ``ValueError`` (other ISO 8601 forms Python's
                                       ``fromisoformat`` would take are not this grammar)
=====================================  ====================================================

The result is always an aware ``datetime`` in UTC. :func:`parse_datetime_or_none` is the same
for callers that treat "no value or not a date-time" alike. :func:`parse_date` reads
``YYYY-MM-DD`` only; :func:`parse_moment` reads either a date (the start or the end of that
UTC day, as the caller's question needs) or a date-time with its offset.
``tests/foundation/test_timestamps.py`` holds the edge cases and properties.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Literal

__all__ = [
    "as_utc", "format_datetime", "parse_date", "parse_datetime", "parse_datetime_or_none", "parse_moment", "utcnow",
]

_DATETIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt](?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})"
    r"(?:\.(?P<fraction>\d+))?(?P<zone>[Zz]|[+-]\d{2}:\d{2})?",
    re.ASCII,
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_END_OF_DAY = time(23, 59, 59, 999999)


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already (what SQLite returns)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(value: object) -> date:
    """``YYYY-MM-DD`` (a real calendar date) as a date; ValueError for anything else."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError("not a date (YYYY-MM-DD)")
    return date.fromisoformat(value)


def parse_datetime(value: object, *, assume_utc: bool = False) -> datetime:
    """An ``xsd:dateTime`` string as an aware UTC datetime (the table of the module doc);
    ValueError for anything else. Without an offset the text names no instant: refused, unless
    `assume_utc` (documents whose vocabulary allows the offset to be left out)."""
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError("not a date-time (YYYY-MM-DDThh:mm:ss with Z or ±hh:mm)")
    day = parse_date(match["date"])
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"])
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError("not a time of day")
    micro = int((match["fraction"] or "0")[:6].ljust(6, "0"))
    zone = match["zone"]
    if zone is None:
        if not assume_utc:
            raise ValueError("a date-time without an offset (Z or ±hh:mm) names no instant")
        offset = UTC
    elif zone in ("Z", "z"):
        offset = UTC
    else:
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        if minutes > 59 or hours * 60 + minutes > 14 * 60:
            raise ValueError("an offset is at most ±14:00")
        delta = timedelta(hours=hours, minutes=minutes)
        offset = timezone(-delta if zone[0] == "-" else delta)
    moment = datetime.combine(day, time(hour, minute, second, micro), tzinfo=offset)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 is before the first representable instant
        raise ValueError("out of range") from None


def parse_datetime_or_none(value: object, *, assume_utc: bool = False) -> datetime | None:
    """:func:`parse_datetime`, with None for a missing value or one that is not a date-time."""
    try:
        return parse_datetime(value, assume_utc=assume_utc)
    except ValueError:
        return None


def parse_moment(value: object, *, date_means: Literal["start", "end"]) -> datetime:
    """A date-time with its offset (:func:`parse_datetime`), or a date: the first (``start``)
    or the last (``end``) microsecond of that day in UTC. "The status on 2024-03-01" is the end
    of that day; "valid from 2024-03-01" is its start."""
    if isinstance(value, str) and _DATE.fullmatch(value):
        day = parse_date(value)
        return datetime.combine(day, time() if date_means == "start" else _END_OF_DAY, tzinfo=UTC)
    return parse_datetime(value)
