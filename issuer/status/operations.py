"""Revoking, suspending and reinstating: revocation is final; a suspension is lifted only by
``reinstate``; a change applies to the diploma and its supplement together, is written to
the status history and to the issuer's hash-chained audit log (a reason code, never personal
data), and the changed lists are republished at once when a keystore is given."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from common.i18n import N_
from common.problems import BadInput, NotFound, Problem
from common.timestamps import format_datetime, utcnow
from issuer import audit, lookup
from issuer.models import Diploma, Institution, Supplement
from issuer.status.entries import PURPOSES, credential_entries, entry_keys
from issuer.status.models import StatusAllocation, StatusChange, StatusList
from issuer.status.publishing import publish_list

ACTIONS: tuple[str, ...] = ("revoke", "suspend", "reinstate")
REASON_CODES: tuple[str, ...] = (
    "issued_in_error",
    "fraud",
    "superseded_by_correction",
    "court_decision",
    "graduate_request",
    "other",
)
# what a person reads for a reason code and for a state (the codes are what the API and history carry)
REASON_NAMES: dict[str, str] = {
    "issued_in_error": N_("Issued in error"),
    "fraud": N_("Fraud"),
    "superseded_by_correction": N_("Superseded by a corrected document"),
    "court_decision": N_("Court decision"),
    "graduate_request": N_("At the graduate's request"),
    "other": N_("Other reason"),
}
STATE_NAMES: dict[str, str] = {"active": N_("Active"), "suspended": N_("Suspended"), "revoked": N_("Revoked")}
_MAX_NOTE = 2000


def _allocations(
    session: Session, keys: list[tuple[str, int, str]], *, lock: bool = False
) -> list[tuple[StatusAllocation, str]]:
    """The allocation rows of `keys` whose list has the entry's purpose. With `lock`, the rows
    are locked (PostgreSQL ``FOR UPDATE``, in a fixed order) so that two concurrent changes of
    the same diploma are applied one after the other, each seeing the other's result."""
    found = []
    for list_id, index, purpose in sorted(keys):
        if lock:
            query = select(StatusAllocation).where(
                StatusAllocation.list_id == list_id, StatusAllocation.status_index == index
            )
            row = session.exec(query.with_for_update().execution_options(populate_existing=True)).first()
        else:
            row = session.get(StatusAllocation, (list_id, index))
        lst = session.get(StatusList, list_id)
        if row is not None and lst is not None and lst.purpose == purpose:
            found.append((row, purpose))
    return found


def entries_state(session: Session, entries: Iterable[dict[str, Any]]) -> dict[str, bool]:
    """Current ``{"revoked": bool, "suspended": bool}`` of a credential's entries."""
    state = {"revoked": False, "suspended": False}
    for row, purpose in _allocations(session, entry_keys(entries)):
        if row.value:
            state["revoked" if purpose == "revocation" else "suspended"] = True
    return state


def state_name(state: dict[str, bool]) -> str:
    return "revoked" if state.get("revoked") else "suspended" if state.get("suspended") else "active"


def check_reason(reason: str) -> str:
    if not isinstance(reason, str) or reason.strip().lower() not in REASON_CODES:
        raise BadInput("invalid-reason-code", repr(reason))
    return reason.strip().lower()


def check_action(action: str) -> str:
    if not isinstance(action, str) or action.strip().lower() not in ACTIONS:
        raise BadInput("invalid-status-action", repr(action))
    return action.strip().lower()


@dataclass
class StatusResult:
    """What :func:`set_status` did."""

    series: str
    number: str
    action: str
    state: str  # active | suspended | revoked, after the change
    reason: str
    at: datetime
    credential_ids: list[str]
    lists: list[str]  # list ids whose bit changed

    def to_dict(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "number": self.number,
            "action": self.action,
            "status": self.state,
            "reason": self.reason,
            "at": format_datetime(self.at),
            "credentials": self.credential_ids,
        }


def _change(
    session: Session,
    allocations: list[tuple[StatusAllocation, str]],
    value: int,
    *,
    action: str,
    reason: str,
    note: str | None,
    actor_person_id: int | None,
    request_id: str | None,
    credential_of: dict[tuple[str, int], str] | None,
    now: datetime,
) -> list[str]:
    changed_lists: list[str] = []
    for row, purpose in sorted(allocations, key=lambda a: (a[0].list_id, a[0].status_index)):
        # bump the list's version first: on PostgreSQL this row lock orders concurrent changes
        session.execute(
            update(StatusList)
            .where(col(StatusList.id) == row.list_id)
            .values(version=StatusList.version + 1, updated_at=now)
        )
        lst_version = session.exec(select(StatusList.version).where(StatusList.id == row.list_id)).one()
        row.value = value
        session.add(row)
        session.add(
            StatusChange(
                list_id=row.list_id,
                status_index=row.status_index,
                purpose=purpose,
                value=value,
                action=action,
                at=now,
                reason=reason,
                note=note,
                actor_person_id=actor_person_id,
                request_id=request_id,
                credential_id=(credential_of or {}).get((row.list_id, row.status_index)) or row.credential_id,
                list_version=lst_version,
            )
        )
        changed_lists.append(row.list_id)
    session.flush()
    return changed_lists


def change_entries(
    session: Session,
    entries: Iterable[dict[str, Any]],
    purpose: str,
    value: int,
    *,
    reason: str = "other",
    note: str | None = None,
    actor_person_id: int | None = None,
    request_id: str | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Set the bit of the given entries of `purpose` to `value` (0 or 1) in the caller's
    transaction (no rules, no audit: :func:`set_status` applies those to diplomas; this serves
    e.g. the VC-API status endpoint). Returns the ids of the lists changed (to republish)."""
    if purpose not in PURPOSES or value not in (0, 1):
        raise ValueError("purpose revocation|suspension, value 0|1")
    action = "revoke" if purpose == "revocation" else "suspend" if value else "reinstate"
    allocations = [(row, p) for row, p in _allocations(session, entry_keys(entries)) if p == purpose]
    if not allocations:
        raise Problem(409, "no-status-entry")
    return _change(
        session, allocations, value, action=action, reason=check_reason(reason), note=note,
        actor_person_id=actor_person_id, request_id=request_id, credential_of=None, now=now or utcnow(),
    )


def find_diploma(session: Session, series: str, number: str, lang: str | None = None) -> Diploma:
    """The diploma `series` `number` as the status API and commands have always looked it up
    (:func:`issuer.lookup.find_diploma`; a mistyped series too is ``invalid-number``)."""
    return lookup.find_diploma(session, series, number, lang, bad_series="invalid-number")


def diploma_credentials(session: Session, diploma: Any) -> list[dict[str, Any]]:
    """The diploma's credential and its supplement's."""
    credentials = [diploma.credential]
    supplement = session.exec(select(Supplement).where(Supplement.diploma_id == diploma.id)).first()
    if supplement is not None:
        credentials.append(supplement.credential)
    return credentials


def _check_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = note.strip() or None
    if note is not None and len(note) > _MAX_NOTE:
        raise BadInput("note-too-long")
    return note


def _institutions_diploma(session: Session, series: str, number: str, institution_slug: str | None) -> Diploma:
    """The diploma; with `institution_slug`, only if it is that institution's."""
    diploma = find_diploma(session, series, number)
    institution = session.get(Institution, diploma.institution_id)
    if institution_slug is not None and (institution is None or institution.slug != institution_slug):
        # as if it did not exist: another institution's numbers are not probed through this
        raise NotFound(f"{diploma.series} {diploma.number}", code="diploma-not-found")
    return diploma


def _locked_allocations(
    session: Session, credentials: list[dict[str, Any]]
) -> tuple[list[tuple[StatusAllocation, str]], dict[tuple[str, int], str]]:
    """The allocation rows of the credentials' entries, locked for the change, and which
    credential holds each entry."""
    keys: list[tuple[str, int, str]] = []
    credential_of: dict[tuple[str, int], str] = {}
    for credential in credentials:
        for key in entry_keys(credential_entries(credential)):
            keys.append(key)
            credential_of[(key[0], key[1])] = str(credential.get("id", ""))
    if keys and session.get_bind().dialect.name == "sqlite":
        # SQLite: take the database's write lock before reading the state (no row locks there)
        session.execute(
            update(StatusList)
            .where(col(StatusList.id).in_({k[0] for k in keys}))
            .values(updated_at=StatusList.updated_at)
        )
    return _allocations(session, keys, lock=True), credential_of


def _refuse_if_pointless(action: str, state: dict[str, bool], label: str) -> None:
    if state["revoked"]:
        raise Problem(409, "already-revoked", label)
    if action == "suspend" and state["suspended"]:
        raise Problem(409, "already-suspended", label)
    if action == "reinstate" and not state["suspended"]:
        raise Problem(409, "not-suspended", label)


def set_status(
    session: Session,
    series: str,
    number: str,
    action: str,
    reason: str,
    note: str | None = None,
    actor: Any = None,
    *,
    keystore: Any = None,
    public_url: str | None = None,
    request_id: str | None = None,
    institution_slug: str | None = None,
    now: datetime | None = None,
) -> StatusResult:
    """Revoke, suspend or reinstate the diploma `series` `number` and its supplement.

    `actor` is an ``issuer.auth.Actor`` (or a person id): recorded in the history and the audit
    log. When `institution_slug` is given the diploma must belong to it (a person acts only for
    their own institution). Commits; then republishes the changed lists when `keystore` and
    `public_url` are given (otherwise ``GET /status/{id}`` regenerates them on next request)."""

    action = check_action(action)
    reason = check_reason(reason)
    note = _check_note(note)
    diploma = _institutions_diploma(session, series, number, institution_slug)
    label = f"{diploma.series} {diploma.number}"
    credentials = diploma_credentials(session, diploma)
    allocations, credential_of = _locked_allocations(session, credentials)
    if not any(p == "revocation" for _, p in allocations) or not any(p == "suspension" for _, p in allocations):
        raise Problem(409, "no-status-entry", label)
    state = {"revoked": False, "suspended": False}
    for row, purpose in allocations:
        if row.value:
            state["revoked" if purpose == "revocation" else "suspended"] = True
    _refuse_if_pointless(action, state, label)
    purpose, value = {"revoke": ("revocation", 1), "suspend": ("suspension", 1), "reinstate": ("suspension", 0)}[
        action
    ]
    person_id = actor if isinstance(actor, int) else getattr(actor, "person_id", None)
    order_number = getattr(actor, "order_number", None)
    now = now or utcnow()
    changed_lists = _change(
        session, [(row, p) for row, p in allocations if p == purpose], value, action=action, reason=reason,
        note=note, actor_person_id=person_id, request_id=request_id, credential_of=credential_of, now=now,
    )
    credential_ids = [str(c.get("id", "")) for c in credentials]
    audit.append(
        session,
        action=f"status.{action}",
        subject=label,
        actor_person_id=person_id,
        order_number=order_number,
        details={"reason": reason, "credentials": credential_ids, "has_note": note is not None},
        request_id=request_id,
        at=now,
    )
    session.commit()
    if action == "revoke":
        state["revoked"] = True
    else:
        state["suspended"] = value == 1
    if keystore is not None and public_url:
        for list_id in dict.fromkeys(changed_lists):
            publish_list(session, keystore, list_id, public_url)
    return StatusResult(
        diploma.series, diploma.number, action, state_name(state), reason, now, credential_ids, changed_lists
    )
