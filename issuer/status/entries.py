"""Status entries: the ``BitstringStatusListEntry`` objects a credential carries, the URL of
the list they point to, and the checks an issuer makes of entries it is asked to sign."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

PURPOSES: tuple[str, ...] = ("revocation", "suspension")
ENTRY_TYPE = "BitstringStatusListEntry"


def list_url(public_url: str, list_id: str) -> str:
    return f"{public_url.rstrip('/')}/status/{list_id}"


def list_id_from_url(url: str) -> str | None:
    """The list id of a ``…/status/<id>`` URL (None for anything else)."""
    if not isinstance(url, str):
        return None
    path = urlsplit(url).path
    head, _, tail = path.rpartition("/")
    if not head.endswith("/status") or not tail:
        return None
    return tail


def status_entry(public_url: str, list_id: str, index: int, purpose: str) -> dict[str, Any]:
    url = list_url(public_url, list_id)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def entry_keys(entries: Iterable[Any]) -> list[tuple[str, int, str]]:
    keys = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            continue
        list_id = list_id_from_url(entry.get("statusListCredential", ""))
        raw_index = entry.get("statusListIndex")
        purpose = entry.get("statusPurpose")
        if list_id is None or not isinstance(raw_index, str) or not raw_index.isdigit() or purpose not in PURPOSES:
            continue
        keys.append((list_id, int(raw_index), purpose))
    return keys


def credential_entries(credential: dict[str, Any]) -> list[dict[str, Any]]:
    status = credential.get("credentialStatus") if isinstance(credential, dict) else None
    if isinstance(status, dict):
        return [status]
    return [s for s in status if isinstance(s, dict)] if isinstance(status, list) else []


def malformed_status_entries(document: Any, *, _path: str = "$", _depth: int = 0) -> list[str]:
    """Where `document` holds an object typed ``BitstringStatusListEntry`` that breaks a MUST of
    the specification (anywhere, not only under ``credentialStatus``): a list of
    "path: problem" strings, empty when all are well formed. An issuer refuses to sign such a
    credential (the specification's MALFORMED_VALUE_ERROR)."""
    problems: list[str] = []
    if _depth > 32:
        return problems
    if isinstance(document, list):
        for i, item in enumerate(document):
            problems += malformed_status_entries(item, _path=f"{_path}[{i}]", _depth=_depth + 1)
        return problems
    if not isinstance(document, dict):
        return problems
    types = document.get("type")
    types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    if ENTRY_TYPE in types:
        problems += [f"{_path}.{problem}" for problem in _entry_problems(document)]
    for key, value in document.items():
        if isinstance(value, dict | list):
            problems += malformed_status_entries(value, _path=f"{_path}.{key}", _depth=_depth + 1)
    return problems


def _entry_problems(entry: dict[str, Any]) -> list[str]:
    """The MUSTs one ``BitstringStatusListEntry`` breaks ("member: what it must be")."""
    problems = []
    index = entry.get("statusListIndex")
    if not isinstance(index, str) or not index.isdigit() or str(int(index)) != index:
        problems.append("statusListIndex: a base-10 integer string")
    if not isinstance(entry.get("statusPurpose"), str) or not entry.get("statusPurpose"):
        problems.append("statusPurpose: a string")
    url = entry.get("statusListCredential")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        problems.append("statusListCredential: a URL")
    if "id" in entry and (not isinstance(entry["id"], str) or entry["id"] == url):
        problems.append("id: a URL other than statusListCredential")
    size = entry.get("statusSize", 1)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        problems.append("statusSize: an integer greater than zero")
    elif "statusMessage" in entry or size > 1:
        messages = entry.get("statusMessage")
        if not isinstance(messages, list) or len(messages) != 2**size or not all(
            isinstance(m, dict) and isinstance(m.get("status"), str) and isinstance(m.get("message"), str)
            for m in messages
        ):
            problems.append(f"statusMessage: {2**size} objects with status and message")
    return problems
