"""Bitstring Status List v1.0 for the issuer: allocating entries, publishing signed lists,
revoking, suspending and reinstating diplomas, and answering "what was the status on date D".

One module per idea (docs/status.md is the map):

* :mod:`~issuer.status.entries` — the ``BitstringStatusListEntry`` a credential carries, list URLs,
  the checks of entries an issuer is asked to sign;
* :mod:`~issuer.status.bitstring` — bits and ``encodedList``;
* :mod:`~issuer.status.allocation` — drawing a free random index inside the issuing transaction
  (``INSERT … ON CONFLICT DO NOTHING``: a concurrent batch holding an index costs a draw, never
  an aborted transaction; a full list is closed and a new one opened);
* :mod:`~issuer.status.publishing` — the signed ``BitstringStatusListCredential``, re-signed when a
  bit changed or its validity nears its end, never per request; versions for "as of";
* :mod:`~issuer.status.operations` — revoke (final), suspend, reinstate: diploma and supplement
  together, status history and audit log (reason codes, never personal data);
* :mod:`~issuer.status.history` — the status as of a moment and the changes up to then;
* :mod:`~issuer.status.models` — the tables; :mod:`~issuer.status.http` — the routes.

The names below are the package's surface; other packages import them from here.
"""

from __future__ import annotations

from issuer.status.allocation import LIST_SIZE, allocate_status_entries, new_list_id, with_status_entries
from issuer.status.bitstring import bits_from_indexes, encode_bitstring
from issuer.status.entries import (
    PURPOSES,
    credential_entries,
    entry_keys,
    list_id_from_url,
    list_url,
    malformed_status_entries,
    status_entry,
)
from issuer.status.history import parse_as_of, status_history
from issuer.status.operations import (
    ACTIONS,
    REASON_CODES,
    REASON_NAMES,
    STATE_NAMES,
    StatusResult,
    change_entries,
    check_action,
    check_reason,
    diploma_credentials,
    entries_state,
    find_diploma,
    set_status,
    state_name,
)
from issuer.status.publishing import (
    REFRESH_AFTER,
    TTL_SECONDS,
    VALIDITY,
    PublishedList,
    build_list_credential,
    current_bits,
    ensure_published,
    needs_publish,
    publish_list,
    published_as_of,
)

__all__ = [
    "ACTIONS",
    "LIST_SIZE",
    "PURPOSES",
    "REASON_CODES",
    "REASON_NAMES",
    "REFRESH_AFTER",
    "STATE_NAMES",
    "TTL_SECONDS",
    "VALIDITY",
    "PublishedList",
    "StatusResult",
    "allocate_status_entries",
    "bits_from_indexes",
    "build_list_credential",
    "change_entries",
    "check_action",
    "check_reason",
    "credential_entries",
    "current_bits",
    "diploma_credentials",
    "encode_bitstring",
    "ensure_published",
    "entries_state",
    "entry_keys",
    "find_diploma",
    "list_id_from_url",
    "list_url",
    "malformed_status_entries",
    "needs_publish",
    "new_list_id",
    "parse_as_of",
    "publish_list",
    "published_as_of",
    "set_status",
    "state_name",
    "status_entry",
    "status_history",
    "with_status_entries",
]
