"""Timestamps as the specs write them: XML Schema ``dateTimeStamp`` (a timezone is required),
rendered in UTC with a ``Z`` and whole seconds (rounded down: a compromise time published a
fraction of a second early is only stricter). Stored times keep their microseconds, which
also orders keys created within one second."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already (what SQLite returns)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: object) -> datetime:
    """Parse an ISO 8601 / dateTimeStamp string that carries a timezone (``Z`` or ``±hh:mm``).
    Raises ValueError for anything else, including a time without a timezone."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("not a date-time string")
    text = value.strip()
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("date-time has no timezone")
    return parsed.astimezone(UTC)
