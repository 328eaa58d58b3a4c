"""A diploma's status as of a moment, and every change up to then."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from common.problems import BadInput
from common.timestamps import as_utc, format_datetime, parse_moment, utcnow
from issuer.status.entries import credential_entries, entry_keys
from issuer.status.models import StatusChange
from issuer.status.operations import diploma_credentials, find_diploma, state_name


def parse_as_of(value: str | date | datetime | None) -> datetime | None:
    """`value` as an instant: a date means the end of that day (UTC); a date-time needs its
    offset (:func:`common.timestamps.parse_moment`). None or "" is None (now)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return parse_moment(value.isoformat(), date_means="end")
    try:
        return parse_moment(value, date_means="end")
    except ValueError:
        raise BadInput("invalid-date", repr(value)) from None


def status_history(
    session: Session,
    series: str,
    number: str,
    at: str | date | datetime | None = None,
    *,
    include_notes: bool = True,
) -> dict[str, Any]:
    """The diploma's status as of `at` (default now) and every change up to then:
    ``{"series", "number", "at", "status", "revoked", "suspended", "changes": [...]}``. Changes
    carry reason codes and times; notes and actor ids only when `include_notes`."""
    instant = parse_as_of(at)
    diploma = find_diploma(session, series, number)
    keys: list[tuple[str, int]] = []
    for credential in diploma_credentials(session, diploma):
        keys.extend((k[0], k[1]) for k in entry_keys(credential_entries(credential)))
    changes: list[StatusChange] = []
    for list_id, index in keys:
        query = select(StatusChange).where(StatusChange.list_id == list_id, StatusChange.status_index == index)
        if instant is not None:
            query = query.where(col(StatusChange.at) <= instant)
        changes.extend(session.exec(query).all())
    changes.sort(key=lambda c: (as_utc(c.at), c.id or 0))
    # one row per operation: the diploma and its supplement change together
    seen: set[tuple[str, str, int, str | None]] = set()
    state = {"revoked": False, "suspended": False}
    items = []
    for change in changes:
        if change.purpose == "revocation" and change.value:
            state["revoked"] = True
        elif change.purpose == "suspension":
            state["suspended"] = bool(change.value)
        marker = (format_datetime(change.at), change.action, change.value, change.request_id)
        if marker in seen:
            continue
        seen.add(marker)
        item: dict[str, Any] = {
            "at": format_datetime(change.at),
            "action": change.action,
            "reason": change.reason,
        }
        if include_notes:
            item["note"] = change.note
            item["actor_person_id"] = change.actor_person_id
            item["request_id"] = change.request_id
        items.append(item)
    return {
        "series": diploma.series,
        "number": diploma.number,
        "at": format_datetime(instant) if instant is not None else format_datetime(utcnow()),
        "status": state_name(state),
        "revoked": state["revoked"],
        "suspended": state["suspended"],
        "changes": items,
    }
